using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
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

    private static readonly FileDescriptor[] Files =
    [
        FilingServiceReflection.Descriptor, SmsValidationServiceReflection.Descriptor, FilingPasswordServiceReflection.Descriptor,
        PublicQueryServiceReflection.Descriptor, ReviewServiceReflection.Descriptor, SandboxServiceReflection.Descriptor,
        ReferenceServiceReflection.Descriptor,
    ];

    [Fact]
    public async Task Random_and_truncated_messages_never_answer_unknown_or_internal_and_refusals_change_nothing()
    {
        await FileSomethingAsync();
        var random = new Random(Seed);
        var invoker = Server.Channel().CreateCallInvoker();
        var database = Server.Services.GetRequiredService<Database>();
        var state = Snapshot(database);
        var methods = Files.SelectMany(f => f.Services).SelectMany(s => s.Methods).Where(m => !m.IsClientStreaming && !m.IsServerStreaming).ToList();
        Assert.True(methods.Count >= 23, $"Only {methods.Count} methods found.");

        foreach (var method in methods)
        {
            var valid = Valid(method.InputType).ToByteArray();
            var inputs = Enumerable.Range(0, RandomPerMethod).Select(_ => RandomBytes(random))
                .Concat(Enumerable.Range(0, TruncationsPerMethod).Select(_ => valid.Length == 0 ? [] : valid[..random.Next(valid.Length)]));
            foreach (var (input, i) in inputs.Select((b, i) => (b, i)))
            {
                var key = (i % 3) switch { 0 => GatewayOptions.SandboxProviderKey, 1 => GatewayOptions.SandboxAdminKey, _ => "" };
                var status = await CallAsync(invoker, method, input, key);
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

    private static async Task<Status> CallAsync(CallInvoker invoker, MethodDescriptor method, byte[] input, string key)
    {
        var rpc = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Bytes, Bytes);
        var headers = new Metadata();
        if (key.Length > 0)
        {
            headers.Add("authorization", $"Bearer {key}");
        }
        try
        {
            await invoker.AsyncUnaryCall(rpc, null, new CallOptions(headers, deadline: DateTime.UtcNow.AddSeconds(30)), input);
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A well-formed message of the type, with every field set, so that truncations cut through real data.</summary>
    private static IMessage Valid(MessageDescriptor type)
    {
        var message = type.Parser.ParseFrom([]);
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (field.IsRepeated || field.IsMap)
            {
                continue;
            }
            object? value = field.FieldType switch
            {
                FieldType.String => "ICP备" + field.Name,
                FieldType.Int32 or FieldType.Int64 => Convert.ChangeType(7, field.Accessor.GetValue(message).GetType()),
                FieldType.Bool => true,
                FieldType.Enum => 1,
                FieldType.Double => 1.5,
                FieldType.Message => Valid(field.MessageType),
                _ => null,
            };
            if (value is not null)
            {
                field.Accessor.SetValue(message, value);
            }
        }
        return message;
    }

    /// <summary>A fingerprint of every row of every table.</summary>
    private static string Snapshot(Database database)
    {
        using var connection = database.OpenReader();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var all = string.Join("\n", tables.Select(t =>
            t + ":" + string.Join("|", connection.Query($"SELECT * FROM {t}").Select(r => string.Join(",", ((IDictionary<string, object>)r).Values)).Order())));
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(all)));
    }
}
