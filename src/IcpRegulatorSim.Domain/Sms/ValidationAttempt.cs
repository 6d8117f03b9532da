using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Domain.Sms;

/// <summary>
/// What one attempt on the validation page did: the official outcome, and the decisions of the orders it ended. A
/// fifth consecutive wrong code still answers FAILED, as the real page does, but its order is rejected by then; the
/// page says so after the official message.
/// </summary>
public sealed record ValidationAttempt(ValidateOutcome Outcome, IReadOnlyList<Decision> Ended)
{
    /// <summary>Whether the attempt rejected an order (too many wrong codes in a row).</summary>
    public bool OrderRejected => Ended.Any(d => d.Outcome == OrderStatus.Rejected);

    /// <summary>The official page message.</summary>
    public PageMessage Message => PageMessages.For(Outcome);

    /// <summary>What the page shows after the official message: that the order was rejected, and why; null when it was not.</summary>
    public PageMessage? Notice => Ended.FirstOrDefault(d => d.Outcome == OrderStatus.Rejected) is { } rejection ? PageMessages.Rejected(rejection) : null;
}
