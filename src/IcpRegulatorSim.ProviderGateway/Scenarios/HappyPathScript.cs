using System.Text.RegularExpressions;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// An initial filing the way most go: the codes go out after the SMS delay, both people validate, nobody at the
/// administration intervenes, and the order is approved when its review time is up.
/// </summary>
public sealed partial class HappyPathScript : IScenarioScript
{
    public string Name => "happy-path";

    public string Description => "an initial filing: codes, validation, approval when the review time is up, numbers, public query";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var filing = world.Samples.Company(ScenarioWorld.Province);
        var leader = filing.Subject.Leader;
        var admin = filing.Services[0].Administrator;
        var domain = filing.Services[0].Domains[0];
        await world.RegisterDomainsAsync(filing, cancellationToken);

        var order = await world.SubmitAsync(provider, $"submit an INITIAL filing for {filing.Subject.Name}",
            new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing }, OrderStatus.AwaitingSmsValidation, cancellationToken);
        steps.Expect("it asks the entity leader and the website administrator to validate",
            Mobiles([leader.Mobile, admin.Mobile]), Mobiles(order.SmsValidations.Select(v => v.Mobile)));
        var sentEarly = await steps.QuietAsync("no code goes out at once",
            () => world.Regulator.ListMessagesAsync(orderId: order.OrderId, cancellationToken: cancellationToken));
        var early = sentEarly.Messages.Count(m => m.VerificationCode() is not null);
        steps.Expect("no code goes out at once", early == 0, "none before the SMS delay", $"{early} codes");

        await world.LetCodesGoOutAsync(cancellationToken);
        var leaderCode = await world.CodeAsync(leader, cancellationToken);
        var adminCode = await world.CodeAsync(admin, cancellationToken);
        await world.ValidateAsync(leader, leaderCode, ValidateOutcome.WaitingForOthers, "validates", cancellationToken);
        await world.ValidateAsync(admin, adminCode, ValidateOutcome.Complete, "validates", cancellationToken);

        var reviews = await steps.QuietAsync("the administration has it", () => world.Regulator.ListPendingReviewsAsync(cancellationToken: cancellationToken));
        var review = reviews.Reviews.FirstOrDefault(r => r.Order.OrderId == order.OrderId);
        steps.Expect("the administration has it, with the day it decides", review?.DueAt is not null,
            $"{order.OrderId} among the pending reviews", review is null ? "not pending" : $"due {ScenarioWorld.BeijingTime(review.DueAt)}");
        var due = review!.DueAt.ToDateTimeOffset();

        await steps.CallAsync("the review time passes", () => world.Regulator.AdvanceClockToAsync(due, cancellationToken),
            r => $"{r.Clock.BeijingTime}, {r.DeadlinesApplied} deadline{(r.DeadlinesApplied == 1 ? "" : "s")} applied");
        var approved = await world.ExpectStatusAsync(provider, order.OrderId, OrderStatus.Approved,
            "the administration approves it on its own", cancellationToken);
        steps.Expect("decided when the review time was up", ScenarioWorld.BeijingTime(review.DueAt), ScenarioWorld.BeijingTime(approved.Decision?.DecidedAt));
        steps.ExpectMatch("the subject number is issued", SubjectNumber(), approved.SubjectNumber);
        var serviceNumber = approved.ServiceNumbers.FirstOrDefault()?.Number ?? "";
        steps.ExpectMatch("the website number is issued", ServiceNumber(), serviceNumber);
        steps.Expect("the website number is the subject's first", $"{approved.SubjectNumber}-1", serviceNumber);
        await world.PasswordAsync(leader, cancellationToken);
        await world.ExpectPublicAsync($"the public query finds {domain}", g => g.QueryByDomainAsync(domain, cancellationToken), serviceNumber);

        var events = await world.EventsAsync(provider, 7, cancellationToken);
        steps.Expect("the provider's event feed tells the same story",
            "SUBMITTED, CODE_SENT, CODE_SENT, VALIDATED, VALIDATED, UNDER_REVIEW, APPROVED",
            string.Join(", ", events.Select(e => ScenarioSteps.Show(e.Kind))));
        steps.Expect("the approval event carries the numbers", $"{approved.SubjectNumber} {serviceNumber}",
            $"{events[^1].SubjectNumber} {string.Join(" ", events[^1].ServiceNumbers)}");
    }

    private static string Mobiles(IEnumerable<string> mobiles) => string.Join(", ", mobiles.Order(StringComparer.Ordinal));

    [GeneratedRegex(@"^.ICP备\d{10}号$")]
    private static partial Regex SubjectNumber();

    [GeneratedRegex(@"^.ICP备\d{10}号-1$")]
    private static partial Regex ServiceNumber();
}
