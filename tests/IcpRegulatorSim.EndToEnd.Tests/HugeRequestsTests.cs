using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// A request with a hundred thousand bad items, or a value of megabytes, gets its INVALID_ARGUMENT like any other: the
/// answer's details stay small enough for a client to take (past its trailer limit, a client drops the connection).
/// </summary>
public sealed class HugeRequestsTests : ServerTest
{
    [Fact]
    public async Task A_hundred_thousand_bad_items_are_answered_with_the_first_of_them_and_their_count()
    {
        var domains = Enumerable.Range(0, 100_000).Select(i => $"not a domain {i}").ToList();

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.UpdateBlacklistAsync(domains: domains));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.InRange(e.FieldProblems.Count, 10, 1000);
        Assert.Equal("domains[0]", e.FieldProblems[0].Field);
        Assert.Contains($"{e.FieldProblems.Count} of 100000 problems shown", e.Message);
        Assert.Contains("共100000个问题", e.MessageZh);
        // The connection the answer came on is still good.
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
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
