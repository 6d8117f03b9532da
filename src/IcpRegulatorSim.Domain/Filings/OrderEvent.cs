namespace IcpRegulatorSim.Domain.Filings;

public enum OrderEventKind
{
    Submitted = 1,
    CodeSent = 2,
    CodeResent = 3,
    Validated = 4,
    UnderReview = 5,
    Approved = 6,
    Rejected = 7,
    Returned = 8,
    Withdrawn = 9,

    // The administration acting on a filed service of the provider's, without any order.
    Restricted = 10,
    RestrictionLifted = 11,
    Revoked = 12,
    CancelledByAdministration = 13,
    SpotCheckOpened = 14,
    SpotCheckClosed = 15,

    // The administration's verification call to the entity leader during review (管局电话核验); the mobile is the leader's.
    VerificationCallPlaced = 16,
    VerificationCallAnswered = 17,
    VerificationCallUnanswered = 18,

    // Steps of an order's story that its provider's feed does not carry: they are never recorded as events.
    WrongCode = 20,
    Message = 21,
}

/// <summary>Something that happened to an order, for the provider's event feed.</summary>
public sealed record OrderEvent(OrderEventKind Kind, DateTimeOffset At, OrderStatus Status, string? Mobile = null);

public enum DeadlineKind
{
    SendCode = 1,
    ExpireValidation = 2,
    ReviewDecision = 3,

    // The administration's deadlines on a filed subject's services (the item is the service's sequence).
    SpotCheckDue = 10,
    EmptyShellDue = 11,
    PlannedAction = 12,

    // The administration's verification call to the entity leader during review (管局电话核验).
    PlaceVerificationCall = 13,
    VerificationCallUnanswered = 14,

    // The public-security office's review of a website's filing (its on-site check included): decided by itself when due.
    PublicSecurityReview = 20,

    // A public-security filing still awaiting its people's codes when the thirty days from the website's opening end.
    PublicSecurityOverdue = 21,
}

/// <summary>A moment at which the regulator acts on an order by itself. <see cref="Item"/> is the SMS index for <see cref="DeadlineKind.SendCode"/>.</summary>
public sealed record Deadline(DeadlineKind Kind, DateTimeOffset DueAt, int Item = 0);

/// <summary>One step of an order's story; <see cref="Who"/> is the mobile of a code, or the recipient of a message.</summary>
public sealed record OrderStep(OrderEventKind Kind, DateTimeOffset At, string? Who = null);
