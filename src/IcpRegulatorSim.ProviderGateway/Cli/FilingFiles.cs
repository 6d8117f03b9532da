using System.Text.Json;
using Google.Protobuf;
using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>
/// Filing files: the JSON form of <c>SubmitFilingRequest</c> (proto JSON mapping: <c>type</c>, <c>filing</c>,
/// optionally <c>filingPassword</c>), as in the samples directory. A file holding only a <c>Filing</c> is accepted too.
/// </summary>
public static class FilingFiles
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static SubmitFilingRequest Read(string path)
    {
        var json = ReadText(path);
        try
        {
            return IsRequest(path, json)
                ? Parser.Parse<SubmitFilingRequest>(json)
                : new SubmitFilingRequest { Filing = Parser.Parse<Filing>(json) };
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CliUsageException($"{path}: not a filing in the contract's JSON form: {e.Message}");
        }
        catch (InvalidJsonException e)
        {
            throw new CliUsageException($"{path}: not valid JSON: {e.Message}");
        }
    }

    /// <summary>Registry fixtures: a JSON array of <c>DomainRegistration</c> in the contract's JSON form.</summary>
    public static IReadOnlyList<DomainRegistration> ReadRegistrations(string path)
    {
        var json = ReadText(path);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new CliUsageException($"{path}: expected a JSON array of domain registrations.");
            }
            return document.RootElement.EnumerateArray().Select(e => Parser.Parse<DomainRegistration>(e.GetRawText())).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new CliUsageException($"{path}: not a list of domain registrations in the contract's JSON form: {e.Message}");
        }
    }

    // A request has the filing under a top-level "filing" property; a bare Filing has "subject" and "services" there.
    private static bool IsRequest(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().Any(p => p.Name is "filing" or "idempotencyKey" or "idempotency_key"
                    or "type" or "subjectNumber" or "subject_number" or "serviceNumbers" or "service_numbers"
                    or "filingPassword" or "filing_password");
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{path}: not valid JSON: {e.Message}");
        }
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }
    }
}

/// <summary>A mistake in how the CLI was called (a file, a value); printed without a stack trace.</summary>
public sealed class CliUsageException(string message) : Exception(message);
