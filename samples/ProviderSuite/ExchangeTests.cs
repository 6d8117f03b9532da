using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Harness;
using IcpRegulatorSim.ProviderGateway.Client;
using Xunit;

namespace ProviderSuite.Tests;

/// <summary>Each test in a world of its own on the class's regulator: its own clock, frozen until the test moves it.</summary>
public sealed class ExchangeTests(RegulatorFixture fixture) : IClassFixture<RegulatorFixture>, IAsyncLifetime
{
    private RegulatorWorld world = null!;

    public async Task InitializeAsync() => world = await fixture.Regulator.CreateWorldAsync();

    public Task DisposeAsync() => world.DeleteAsync();

    [Fact]
    public async Task An_initial_filing_is_validated_by_sms_approved_and_numbered()
    {
        // In this world, with its provider's key and the administration's: it files, validates and reviews.
        using var gateway = world.Gateway();
        var filing = new SampleFilings(seed: 7).Company("zhejiang");

        var submitted = await gateway.SubmitAsync(new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing });
        Assert.Equal(OrderStatus.AwaitingSmsValidation, submitted.Order.Status);

        // The codes go out after the rules' delays: move the world's clock past them, then read each phone's SMS.
        var rules = await gateway.GetRulesAsync();
        await gateway.AdvanceClockAsync(rules.SmsSendDelay.ToTimeSpan() + (rules.SmsSyncDelay?.ToTimeSpan() ?? TimeSpan.Zero));
        var outcomes = new List<ValidateOutcome>();
        foreach (var person in new[] { filing.Subject.Leader, filing.Services[0].Administrator })
        {
            var inbox = await gateway.ListMessagesAsync(recipient: person.Mobile);
            var code = inbox.Messages.Select(m => m.VerificationCode()).OfType<string>().Last();
            outcomes.Add((await gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), code)).Outcome);
        }
        Assert.Equal([ValidateOutcome.WaitingForOthers, ValidateOutcome.Complete], outcomes);

        // Validated, it waits for the administration: approve it now (or AdvanceClockToAsync(review.DueAt) lets it decide).
        var review = Assert.Single((await gateway.ListPendingReviewsAsync()).Reviews);
        Assert.Equal(submitted.Order.OrderId, review.Order.OrderId);
        await gateway.ApproveAsync(review.Order.OrderId);

        var approved = await gateway.GetFilingAsync(submitted.Order.OrderId);
        Assert.Equal(OrderStatus.Approved, approved.Status);
        Assert.Matches(@"^浙ICP备\d{10}号$", approved.SubjectNumber);
        Assert.Equal($"{approved.SubjectNumber}-1", approved.ServiceNumbers[0].Number);
        var found = await gateway.QueryByDomainAsync(filing.Services[0].Domains[0]);
        Assert.Equal(approved.ServiceNumbers[0].Number, Assert.Single(found.Filings).ServiceNumber);
    }
}
