using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>The single writer under concurrent load: every acknowledged change committed, the rules race-free.</summary>
public sealed class WriterTests : ServerTest
{
    [Fact]
    public async Task Concurrent_submissions_are_all_committed_with_distinct_ids()
    {
        var filings = Enumerable.Range(0, 200).Select(_ => Samples.Company()).ToList();
        var orders = await Task.WhenAll(filings.Select(f => Gateway.SubmitAsync(f)));
        Assert.Equal(200, orders.Select(o => o.Order.OrderId).Distinct().Count());

        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await Gateway.ListFilingsAsync(pageSize: 500, pageToken: token);
            listed.AddRange(page.Orders.Select(o => o.OrderId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(orders.Select(o => o.Order.OrderId).Order(), listed.Order());
    }

    [Fact]
    public async Task Of_concurrent_orders_for_one_subject_exactly_one_is_accepted()
    {
        var subject = Samples.Company();
        var attempts = Enumerable.Range(0, 20).Select(i =>
        {
            var filing = subject.Clone();
            filing.Services[0].Domains[0] = $"try{i}-{subject.Services[0].Domains[0]}";
            filing.Services[0].HomeUrl = $"https://{filing.Services[0].Domains[0]}/";
            return Outcome(Gateway.SubmitAsync(filing));
        });
        var outcomes = await Task.WhenAll(attempts);
        Assert.Equal(1, outcomes.Count(o => o == "OK"));
        Assert.Equal(19, outcomes.Count(o => o == "ORDER_IN_PROCESS"));
    }

    [Fact]
    public async Task Of_concurrent_orders_for_one_domain_by_different_subjects_exactly_one_is_accepted()
    {
        var domain = Samples.Company().Services[0].Domains[0];
        var attempts = Enumerable.Range(0, 20).Select(_ =>
        {
            var filing = Samples.Company();
            filing.Services[0].Domains[0] = domain;
            filing.Services[0].HomeUrl = $"https://{domain}/";
            return Outcome(Gateway.SubmitAsync(filing));
        });
        var outcomes = await Task.WhenAll(attempts);
        Assert.Equal(1, outcomes.Count(o => o == "OK"));
        Assert.Equal(19, outcomes.Count(o => o == "DOMAIN_CONFLICT"));
    }

    [Fact]
    public async Task A_thirty_day_jump_applies_every_deadline_of_many_orders_in_order()
    {
        var orders = new List<FilingOrder>();
        for (var i = 0; i < 20; i++)
        {
            orders.Add(await Gateway.SubmitAndValidateAsync(Samples.Company()));
        }
        for (var i = 0; i < 20; i++)
        {
            orders.Add((await Gateway.SubmitAsync(Samples.Company())).Order);
        }
        var jump = await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30));

        var final = await Task.WhenAll(orders.Select(o => Gateway.GetFilingAsync(o.OrderId)));
        Assert.All(final.Take(20), o => Assert.Equal(OrderStatus.Approved, o.Status));
        Assert.All(final.Skip(20), o => Assert.Equal(OrderStatus.Returned, o.Status));
        Assert.All(final.Skip(20), o => Assert.All(o.SmsValidations, v => Assert.NotNull(v.CodeSentAt)));
        // 20 review decisions, and for each unvalidated order two code sends and one expiry.
        Assert.Equal(20 + 20 * 3, jump.DeadlinesApplied);
        Assert.Equal(20, final.Select(o => o.SubjectNumber).Where(n => n.Length > 0).Distinct().Count());
        // Each decision carries its own deadline's instant, not the instant the jump ended.
        var decided = final.Where(o => o.Status == OrderStatus.Approved).Select(o => o.Decision.DecidedAt).ToList();
        Assert.True(decided.Distinct().Count() > 1);
        Assert.All(decided, d => Assert.True(d < jump.Clock.Now));
    }

    private static async Task<string> Outcome(Task<SubmitFilingResponse> submission)
    {
        try
        {
            await submission;
            return "OK";
        }
        catch (RegulatorCallException e)
        {
            return e.Reason;
        }
    }
}
