namespace IcpRegulatorSim.Domain.Filings;

// The numeric values equal the contract's enum values, so adapters map them by value.

public enum FilingType
{
    Unspecified = 0,
    Initial = 1,
    AddService = 2,
    AddAccess = 3,
    ChangeSubject = 4,
    ChangeService = 5,
    ChangeBoth = 6,
    CancelSubject = 7,
    CancelService = 8,
    CancelAccess = 9,
}

public enum OrderStatus
{
    Unspecified = 0,
    AwaitingSmsValidation = 1,
    UnderReview = 2,
    Approved = 3,
    Rejected = 4,
    Returned = 5,
    Withdrawn = 6,
}

public enum ServiceKind
{
    Unspecified = 0,
    Website = 1,
    App = 2,
}

public enum AppPlatform
{
    Unspecified = 0,
    Android = 1,
    Ios = 2,
    HarmonyOs = 3,
    MiniProgram = 4,
}

public enum PersonRole
{
    Unspecified = 0,
    EntityLeader = 1,
    ServiceAdministrator = 2,
}

public static class FilingTypeExtensions
{
    public static bool IsChange(this FilingType type) =>
        type is FilingType.ChangeSubject or FilingType.ChangeService or FilingType.ChangeBoth;

    public static bool IsCancel(this FilingType type) =>
        type is FilingType.CancelSubject or FilingType.CancelService or FilingType.CancelAccess;

    /// <summary>The orders the administration checks the ICP filing password of.</summary>
    public static bool NeedsPassword(this FilingType type) =>
        type is FilingType.AddAccess or FilingType.CancelSubject or FilingType.CancelService;
}

public static class OrderStatusExtensions
{
    /// <summary>In process: the subject may not start another order until this one finishes.</summary>
    public static bool IsOpen(this OrderStatus status) =>
        status is OrderStatus.AwaitingSmsValidation or OrderStatus.UnderReview;
}
