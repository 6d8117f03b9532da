using Google.Protobuf;
using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// Random and truncated messages to every RPC of the contract, with every kind of key: the answer is never UNKNOWN
/// or INTERNAL, and an answer that refuses leaves the database exactly as it was.
/// </summary>
public sealed class FuzzTests : ServerTest
{
    private const int Seed = 20260302;
    private const int RandomPerMethod = 40;
    private const int TruncationsPerMethod = 25;

    [Fact]
    public async Task Random_and_truncated_messages_never_answer_unknown_or_internal_and_refusals_change_nothing()
    {
        await FileSomethingAsync();
        var random = new Random(Seed);
        var invoker = Server.Channel().CreateCallInvoker();
        var database = (SqliteDatabase)Server.Services.GetRequiredService<Database>();
        var state = Snapshot(database);
        var methods = RawCalls.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming).ToList();
        Assert.True(methods.Count >= 23, $"Only {methods.Count} methods found.");

        foreach (var method in methods)
        {
            var valid = SampleMessages.Filled(method.InputType).ToByteArray();
            var inputs = Enumerable.Range(0, RandomPerMethod).Select(_ => RandomBytes(random))
                .Concat(Enumerable.Range(0, TruncationsPerMethod).Select(_ => valid.Length == 0 ? [] : valid[..random.Next(valid.Length)]));
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
                state = after;
            }
        }
    }

    private async Task FileSomethingAsync()
    {
        await Gateway.FileAsync(Samples.Company());
        await Gateway.SubmitAsync(Samples.Individual());
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Snapshot(SqliteDatabase database)
    {
        using var connection = database.OpenReader();
        return StateDigest.Of(connection);
    }
}
