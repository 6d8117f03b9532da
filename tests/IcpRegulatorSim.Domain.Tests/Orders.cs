using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>Drives a <see cref="FilingOrder"/> to a given point of its lifecycle, the way the server's scheduler would.</summary>
public static class Orders
{
    public const string ProviderId = "provider-test";

    public static ReviewPlanner Planner(RuleBook rules, long seed = 42) => new(rules.Calendar, rules.Review, seed);

    public static FilingOrder Submit(RuleBook rules, Filing filing, DateTimeOffset now, string orderId = "order-1") =>
        FilingOrder.Submit(orderId, ProviderId, FilingType.Initial, filing, now, rules, Planner(rules));

    /// <summary>Sends every scheduled code at its scheduled time; returns the moment the last one went out.</summary>
    public static DateTimeOffset SendAllCodes(FilingOrder order, ISmsCodes codes, RuleBook rules)
    {
        var last = order.SubmittedAt;
        foreach (var deadline in order.Deadlines().Where(d => d.Kind == DeadlineKind.SendCode).ToList())
        {
            order.SendCode(deadline.Item, codes, deadline.DueAt, rules);
            last = deadline.DueAt;
        }
        return last;
    }

    /// <summary>An INITIAL order whose people have all validated their codes: it is under review.</summary>
    public static FilingOrder UnderReview(RuleBook rules, Filing filing, DateTimeOffset now, string orderId = "order-1")
    {
        var codes = new FakeSmsCodes();
        var order = Submit(rules, filing, now, orderId);
        var sentAt = SendAllCodes(order, codes, rules);
        for (var i = 0; i < order.Validations.Count; i++)
        {
            var v = order.Validations[i];
            var outcome = ValidationPage.Validate(
                [order], v.Mobile, v.People[0].CertificateSuffix, codes.Issued[i], codes, sentAt.AddMinutes(1), rules, Planner(rules)).Outcome;
            if (outcome is not (ValidateOutcome.Complete or ValidateOutcome.WaitingForOthers))
            {
                throw new InvalidOperationException($"Setting up the order failed: validation {i} answered {outcome}.");
            }
        }
        if (order.Status != OrderStatus.UnderReview)
        {
            throw new InvalidOperationException($"Setting up the order failed: it is {order.Status}.");
        }
        return order;
    }
}
