using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Every duration and timestamp of every request, found in the contract's descriptors: one that breaks the proto's
/// rules (seconds and nanos of different signs, nanos or seconds out of range) is refused as INVALID_ARGUMENT naming
/// its field, whatever the RPC, and an extreme but valid one is answered for what it means, never UNKNOWN or INTERNAL.
/// </summary>
public sealed class TimeFieldsTests : ServerTest
{
    /// <summary>Each RPC and the path of each duration or timestamp its request carries.</summary>
    public static IReadOnlyList<(MethodDescriptor Method, string Field)> TimeFields { get; } =
        RawCalls.Methods.SelectMany(m => FuzzMessages.TimeFields(m.InputType).Select(f => (m, f))).ToList();

    public static TheoryData<string, string> Fields
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (method, path) in TimeFields)
            {
                data.Add(method.FullName, path);
            }
            return data;
        }
    }

    [Fact]
    public void The_descriptors_show_the_time_fields_of_the_contract()
    {
        // The fields known when this was written are found; any added later are tested below with no change here.
        Assert.Superset(
            new HashSet<string>
            {
                "ReviewService.OpenSpotCheck answer_within", "SandboxService.AdvanceClock by", "SandboxService.AdvanceClock to",
                "SandboxService.CreateWorld clock_start", "SandboxService.SetFaults faults[0].delay", "SandboxService.RegisterDomain expires_at",
            },
            TimeFields.Select(t => $"{t.Method.Service.Name}.{t.Method.Name} {t.Field}").ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_duration_or_timestamp_that_breaks_the_protos_rules_is_refused_naming_its_field(string method, string field)
    {
        var rpc = RawCalls.Methods.Single(m => m.FullName == method);
        var type = FieldType(rpc.InputType, field);
        IEnumerable<IMessage> invalid = type == Duration.Descriptor ? FuzzMessages.InvalidDurations : FuzzMessages.InvalidTimestamps;

        foreach (var value in invalid)
        {
            var refused = await CallAsync(rpc, FuzzMessages.With(rpc.InputType, field, value));
            Assert.True(refused is { StatusCode: StatusCode.InvalidArgument }, $"{rpc.Name} with {field} {value} answered {refused?.Status.ToString() ?? "OK"}");
            var e = RegulatorCallException.From(refused!);
            Assert.Contains((field, "OUT_OF_RANGE"), e.FieldProblems.Select(p => (p.Field, p.Reason)));
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task An_extreme_but_valid_duration_or_timestamp_is_answered_for_what_it_means(string method, string field)
    {
        var rpc = RawCalls.Methods.Single(m => m.FullName == method);
        var type = FieldType(rpc.InputType, field);
        IEnumerable<IMessage> valid = type == Duration.Descriptor
            ? FuzzMessages.EdgeDurations.Except(FuzzMessages.InvalidDurations)
            : FuzzMessages.EdgeTimestamps.Except(FuzzMessages.InvalidTimestamps);

        foreach (var value in valid)
        {
            var answer = await CallAsync(rpc, FuzzMessages.With(rpc.InputType, field, value));
            Assert.False(answer?.StatusCode is StatusCode.Unknown or StatusCode.Internal, $"{rpc.Name} with {field} {value} answered {answer?.Status}");
        }
    }

    [Fact]
    public async Task Over_http_a_spot_check_answered_within_no_time_or_over_a_year_is_refused_naming_answer_within()
    {
        var filed = await Gateway.FileAsync(Samples.Company());
        using var http = new HttpClient { BaseAddress = Server.WebAddress };
        foreach (var within in (string[])["-5s", "0s", "31536001s"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/services/{filed.ServiceNumbers[0].Number}:openSpotCheck")
            {
                Content = new StringContent($$"""{"reason":"CONTACT_UNREACHABLE","answerWithin":"{{within}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", GatewayOptions.SandboxAdminKey);
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var bad = error["details"]!.AsArray().Single(d => d!["@type"]!.GetValue<string>().EndsWith("BadRequest", StringComparison.Ordinal))!;
            Assert.Equal("answer_within", Assert.Single(bad["fieldViolations"]!.AsArray())!["field"]!.GetValue<string>());
        }
        // None of them opened a check: a valid one opens it now (a second would be refused, one check at a time).
        await Gateway.OpenSpotCheckAsync(filed.ServiceNumbers[0].Number, "CONTACT_UNREACHABLE", TimeSpan.FromDays(10));
    }

    [Fact]
    public async Task The_clock_is_never_advanced_past_the_last_instant_the_simulator_keeps_deadlines_in()
    {
        await Gateway.CreateWorldAsync("far", clockStart: SandboxDesk.LatestClockStart.AddDays(-1));
        var far = Gateway.InWorld("far");
        var now = (await far.GetClockAsync()).Now.ToDateTimeOffset();
        while (SandboxDesk.LatestClock - now > SandboxDesk.MaxAdvance)
        {
            now = (await far.AdvanceClockAsync(SandboxDesk.MaxAdvance)).Clock.Now.ToDateTimeOffset();
        }

        var by = await Assert.ThrowsAsync<InvalidRequestException>(() => far.AdvanceClockAsync(SandboxDesk.MaxAdvance));
        Assert.Equal(("by", "OUT_OF_RANGE"), (by.FieldProblems[0].Field, by.FieldProblems[0].Reason));
        var to = await Assert.ThrowsAsync<InvalidRequestException>(() => far.AdvanceClockToAsync(SandboxDesk.LatestClock.AddSeconds(1)));
        Assert.Equal(("to", "OUT_OF_RANGE"), (to.FieldProblems[0].Field, to.FieldProblems[0].Reason));
        Assert.Equal(now, (await far.GetClockAsync()).Now.ToDateTimeOffset());

        // Up to the last instant itself, deadlines and all: a filing there is taken and its codes go out.
        await far.AdvanceClockToAsync(SandboxDesk.LatestClock.AddDays(-30));
        var key = await far.CreateProviderKeyAsync("far-provider", "Far");
        var order = (await far.InWorld("far", key.Key).SubmitAsync(Samples.Company())).Order;
        Assert.Equal(Contracts.V1.OrderStatus.AwaitingSmsValidation, order.Status);
    }

    /// <summary>The call as an admin makes it, or as a provider where the admin key may not call it; null when it was taken.</summary>
    private async Task<RpcException?> CallAsync(MethodDescriptor rpc, IMessage request)
    {
        var invoker = Server.Channel().CreateCallInvoker();
        var refused = await RawCalls.RefusalAsync(invoker, rpc, request.ToByteArray(), RawCalls.Headers(GatewayOptions.SandboxAdminKey), TimeSpan.FromSeconds(30));
        return refused?.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated
            ? await RawCalls.RefusalAsync(invoker, rpc, request.ToByteArray(), RawCalls.Headers(GatewayOptions.SandboxProviderKey), TimeSpan.FromSeconds(30))
            : refused;
    }

    private static MessageDescriptor FieldType(MessageDescriptor type, string path)
    {
        foreach (var part in path.Split('.'))
        {
            type = type.FindFieldByName(part.Replace("[0]", "", StringComparison.Ordinal)).MessageType;
        }
        return type;
    }
}
