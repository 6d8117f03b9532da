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
        var json = File.ReadAllText(path);
        try
        {
            return json.Contains("\"filing\"", StringComparison.Ordinal)
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
}

/// <summary>A mistake in how the CLI was called (a file, a value); printed without a stack trace.</summary>
public sealed class CliUsageException(string message) : Exception(message);
