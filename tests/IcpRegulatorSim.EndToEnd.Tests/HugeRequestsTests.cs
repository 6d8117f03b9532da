using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Api;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// A request with thousands of bad items, or a value of megabytes, gets its INVALID_ARGUMENT like any other: the
/// answer's details stay small enough for a client to take (past its trailer limit, a client drops the connection).
/// A list longer than any call takes is refused whole, before any of its items is looked at.
/// </summary>
public sealed class HugeRequestsTests : ServerTest
{
    [Fact]
    public async Task Five_thousand_bad_items_are_answered_with_the_first_of_them_and_their_count()
    {
        var domains = Enumerable.Range(0, ListLimits.MaxItems).Select(i => $"not a domain {i}").ToList();

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.UpdateBlacklistAsync(domains: domains));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.InRange(e.FieldProblems.Count, 10, 1000);
        Assert.Equal("domains[0]", e.FieldProblems[0].Field);
        Assert.Contains($"{e.FieldProblems.Count} of 5000 problems shown", e.Message);
        Assert.Contains("共5000个问题", e.MessageZh);
        // The connection the answer came on is still good.
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task A_list_longer_than_any_call_takes_is_refused_whole_naming_it_at_any_depth()
    {
        var domains = Enumerable.Range(0, 100_000).Select(i => $"s{i}.cn").ToList();
        var blacklist = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.UpdateBlacklistAsync(domains: domains));
        Assert.Equal(("domains", "TOO_MANY"), (Assert.Single(blacklist.FieldProblems).Field, blacklist.FieldProblems[0].Reason));

        var seed = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            Gateway.SeedFilingsAsync(Enumerable.Range(0, ListLimits.MaxItems + 1).Select(_ => new Filing())));
        Assert.Equal(("filings", "TOO_MANY"), (Assert.Single(seed.FieldProblems).Field, seed.FieldProblems[0].Reason));

        var filing = Samples.Company();
        filing.Services[0].Domains.AddRange(domains);
        var submit = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));
        Assert.Equal(("filing.services[0].domains", "TOO_MANY"), (Assert.Single(submit.FieldProblems).Field, submit.FieldProblems[0].Reason));

        var faults = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SetFaultsAsync(Enumerable.Range(0, SandboxDesk.MaxFaults + 1).Select(_ => new Fault())));
        Assert.Equal(("faults", "TOO_MANY"), (Assert.Single(faults.FieldProblems).Field, faults.FieldProblems[0].Reason));

        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task Millions_of_empty_messages_are_refused_from_the_requests_bytes_naming_where()
    {
        var invoker = Server.Channel().CreateCallInvoker();
        var seed = SandboxServiceReflection.Descriptor.Services.Single().Methods.Single(m => m.Name == "SeedFilings");
        var admin = RawCalls.Headers(GatewayOptions.SandboxAdminKey);

        // Two million empty filings: 4 MB on the wire, two million objects once parsed.
        var flat = new byte[4_000_000];
        for (var i = 0; i < flat.Length; i += 2)
        {
            flat[i] = 0x0A;
        }
        var e = RegulatorCallException.From((await RawCalls.RefusalAsync(invoker, seed, flat, admin, TimeSpan.FromSeconds(60)))!);
        Assert.Equal(("filings", "TOO_MANY"), (Assert.Single(e.FieldProblems).Field, e.FieldProblems[0].Reason));

        // No list too long, but too many messages in all: 1,000 filings of 200 empty services each.
        var request = new SeedFilingsRequest();
        for (var i = 0; i < 1_000; i++)
        {
            var filing = new Filing();
            filing.Services.AddRange(Enumerable.Range(0, 200).Select(_ => new Service()));
            request.Filings.Add(filing);
        }
        var nested = RegulatorCallException.From((await RawCalls.RefusalAsync(invoker, seed, request.ToByteArray(), admin, TimeSpan.FromSeconds(60)))!);
        var problem = Assert.Single(nested.FieldProblems);
        Assert.Equal("TOO_MANY", problem.Reason);
        Assert.StartsWith("filings[", problem.Field);
        Assert.Contains("100,000 messages", problem.Description);
    }

    [Fact]
    public async Task Over_http_a_list_longer_than_any_call_takes_is_refused_naming_it()
    {
        using var http = new HttpClient { BaseAddress = Server.WebAddress };
        var body = JsonSerializer.Serialize(new { domains = Enumerable.Range(0, ListLimits.MaxItems + 1).Select(i => $"s{i}.cn") });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/registry/blacklist") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", GatewayOptions.SandboxAdminKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var bad = error["details"]!.AsArray().Single(d => d!["@type"]!.GetValue<string>().EndsWith("BadRequest", StringComparison.Ordinal))!;
        var violation = Assert.Single(bad["fieldViolations"]!.AsArray())!;
        Assert.Equal(("domains", "TOO_MANY"), (violation["field"]!.GetValue<string>(), violation["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_value_of_megabytes_quoted_in_a_message_is_cut()
    {
        var filing = Samples.Company();
        filing.Services[0].Domains[0] = new string('x', 3_000_000) + " .cn";

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));

        var domain = Assert.Single(e.FieldProblems, p => p.Field == "filing.services[0].domains[0]");
        Assert.InRange(domain.Description.Length, 100, 2100);
        Assert.EndsWith("…", domain.Description);
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }
}
