using IcpRegulatorSim.Server.Storage.Sqlite;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// Random, structured and truncated messages to every RPC of the contract, with every kind of key: the answer is never
/// UNKNOWN or INTERNAL, and an answer that refuses leaves the database exactly as it was. The RPCs are the ones the
/// contract's descriptors list, the very list the soak's fuzz draws from, so a new RPC is fuzzed with no change here.
/// </summary>
public sealed partial class FuzzTests : ServerTest
{
    private const int Seed = 20260302;
    private const int RandomPerMethod = 30;
    private const int TruncationsPerMethod = 20;
    private const int StructuredPerMethod = 40;

    // The server's real time stands still: a fuzzed SetClockRate cannot set the world's clock running, so nothing but
    // the calls changes the tables (deadlines fire only when a call advances the clock, inside that call).
    private readonly FakeClock clock = new();

    protected override TimeProvider RealTime => clock;

    [Fact]
    public void The_fuzz_calls_every_rpc_of_the_protos_and_every_one_the_server_serves()
    {
        var fuzzed = RawCalls.Methods.Select(m => $"{m.Service.FullName}/{m.Name}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(ProtoRpcs(), fuzzed);
        var served = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .Where(m => m is not null && Contract.Packages.Any(p => m.ServiceName.StartsWith(p + ".", StringComparison.Ordinal)))
            .Select(m => m!.FullName.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(served, fuzzed);
    }

    [Fact]
    public async Task Random_structured_and_truncated_messages_never_answer_unknown_or_internal_and_refusals_change_nothing()
    {
        var messages = new FuzzMessages();
        messages.Learn(await FileSomethingAsync(), []);
        var random = new Random(Seed);
        var invoker = Server.Channel().CreateCallInvoker();
        var admin = Server.Gateway();
        var database = (SqliteDatabase)Server.Services.GetRequiredService<Database>();
        var state = Snapshot(database);

        foreach (var method in RawCalls.Methods)
        {
            var valid = SampleMessages.Filled(method.InputType).ToByteArray();
            var inputs = Enumerable.Range(0, RandomPerMethod).Select(_ => FuzzMessages.RandomBytes(random, 64))
                .Concat(Enumerable.Range(0, TruncationsPerMethod).Select(_ => FuzzMessages.Truncate(random, valid)))
                .Concat(Enumerable.Range(0, StructuredPerMethod).Select(_ => messages.Structured(random, method.InputType).ToByteArray()))
                .ToList();
            foreach (var (input, i) in inputs.Select((b, i) => (b, i)))
            {
                var key = (i % 3) switch { 0 => GatewayOptions.SandboxProviderKey, 1 => GatewayOptions.SandboxAdminKey, _ => "" };
                var status = await RawCalls.CallAsync(invoker, method, input, RawCalls.Headers(key), TimeSpan.FromSeconds(30));
                Assert.False(status.StatusCode is StatusCode.Unknown or StatusCode.Internal,
                    $"{method.FullName} with {Convert.ToHexString(input)} (key '{key}') answered {status}");
                var after = Snapshot(database);
                if (status.StatusCode != StatusCode.OK)
                {
                    Assert.True(state == after, $"{method.FullName} refused {Convert.ToHexString(input)} with {status} but changed the database.");
                }
                else if (method.Name == "SetFaults")
                {
                    // A fault injected with a delay would hold every later call of its method until the deadline.
                    await admin.SetFaultsAsync([]);
                    after = Snapshot(database);
                }
                state = after;
            }
        }
    }

    /// <summary>Every RPC that protos/ declares, as package.Service/Method, read from the .proto text itself.</summary>
    private static List<string> ProtoRpcs()
    {
        var rpcs = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "protos"), "*.proto", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var package = PackagePattern().Match(text).Groups[1].Value;
            foreach (Match service in ServicePattern().Matches(text))
            {
                rpcs.AddRange(RpcPattern().Matches(service.Groups[2].Value).Select(rpc => $"{package}.{service.Groups[1].Value}/{rpc.Groups[1].Value}"));
            }
        }
        return rpcs.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A company filed and an individual submitted; their identifiers, for requests that find what they name.</summary>
    private async Task<IReadOnlyList<string>> FileSomethingAsync()
    {
        var company = Samples.Company();
        var filed = await Gateway.FileAsync(company);
        var pending = (await Gateway.SubmitAsync(Samples.Individual())).Order;
        return [filed.OrderId, pending.OrderId, filed.SubjectNumber, .. filed.ServiceNumbers.Select(n => n.Number), company.Subject.Leader.Mobile];
    }

    private static string Snapshot(SqliteDatabase database)
    {
        using var connection = database.OpenReader();
        return StateDigest.Of(connection);
    }

    [GeneratedRegex(@"^package\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex PackagePattern();

    // A service's body: its RPCs and their options, up to the closing brace at the start of a line.
    [GeneratedRegex(@"^service\s+(\w+)\s*\{(.*?)^\}", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ServicePattern();

    [GeneratedRegex(@"^\s*rpc\s+(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex RpcPattern();
}
