using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>Where a filed service stands with the administration, which acts on it without any order (备案后的管理).</summary>
public enum ServiceStanding
{
    Unspecified = 0,
    /// <summary>Filed: its providers may serve it.</summary>
    Filed = 1,
    /// <summary>Access restricted (限制接入): its providers must stop serving it until the restriction is lifted.</summary>
    Restricted = 2,
    /// <summary>Its filing revoked (撤销备案): gone from the registry; its number is never issued again.</summary>
    Revoked = 3,
    /// <summary>Cancelled by the administration, an empty shell (空壳网站): gone from the registry; its number never returns.</summary>
    CancelledByAdministration = 4,
}

/// <summary>
/// What is done to a filed service that its standing rules on: the administration's actions of its own accord, and a
/// provider taking it on.
/// </summary>
public enum SupervisionAction
{
    Unspecified = 0,
    Restrict = 1,
    LiftRestriction = 2,
    Revoke = 3,
    CancelEmptyShell = 4,
    OpenSpotCheck = 5,
    CloseSpotCheck = 6,
    /// <summary>Another provider added to the service's access list (ADD_ACCESS): not while access is restricted.</summary>
    AddAccess = 7,
}

/// <summary>Why the administration acted, in both languages, with the real system's numeric code where it has one.</summary>
public sealed record AdministrativeReason(string Code, int? NumericCode, string En, string Zh);

/// <summary>A restriction of access in force: since when, and why.</summary>
public sealed record Restriction(DateTimeOffset Since, AdministrativeReason Reason);

/// <summary>An open spot check (核查): the provider answers, or corrects the data with a CHANGE order, by <see cref="DueAt"/>.</summary>
public sealed record SpotCheck(DateTimeOffset OpenedAt, DateTimeOffset DueAt, AdministrativeReason Reason);

/// <summary>
/// The state machine of a filed service under supervision: filed → restricted ↔ filed (the restriction lifted), and
/// from either, revoked or cancelled, which are final. A spot check opens and closes beside the standing (a restricted
/// service may be checked too), one at a time. A provider is added to a filed service only: under 限制接入 no provider
/// may serve it, so none may take it on until the restriction is lifted. An action the standing does not allow is
/// refused, the standing named.
/// </summary>
public static class Supervision
{
    /// <summary>The standing <paramref name="action"/> leads to from <paramref name="from"/>; refused when it is not allowed there.</summary>
    public static ServiceStanding Next(ServiceStanding from, SupervisionAction action, bool spotCheckOpen) =>
        Target(from, action, spotCheckOpen) is var next && next != ServiceStanding.Unspecified
            ? next
            : throw Refused(from, action, spotCheckOpen);

    /// <summary>Whether <paramref name="action"/> is allowed from <paramref name="from"/>.</summary>
    public static bool Allows(ServiceStanding from, SupervisionAction action, bool spotCheckOpen) =>
        Target(from, action, spotCheckOpen) != ServiceStanding.Unspecified;

    private static ServiceStanding Target(ServiceStanding from, SupervisionAction action, bool spotCheckOpen) => (from, action) switch
    {
        (ServiceStanding.Filed, SupervisionAction.Restrict) => ServiceStanding.Restricted,
        (ServiceStanding.Restricted, SupervisionAction.LiftRestriction) => ServiceStanding.Filed,
        (ServiceStanding.Filed or ServiceStanding.Restricted, SupervisionAction.Revoke) => ServiceStanding.Revoked,
        (ServiceStanding.Filed or ServiceStanding.Restricted, SupervisionAction.CancelEmptyShell) => ServiceStanding.CancelledByAdministration,
        (ServiceStanding.Filed or ServiceStanding.Restricted, SupervisionAction.OpenSpotCheck) when !spotCheckOpen => from,
        (ServiceStanding.Filed or ServiceStanding.Restricted, SupervisionAction.CloseSpotCheck) when spotCheckOpen => from,
        (ServiceStanding.Filed, SupervisionAction.AddAccess) => from,
        _ => ServiceStanding.Unspecified,
    };

    /// <summary>Whether the standing is final: the service is gone from the registry.</summary>
    public static bool IsFinal(this ServiceStanding standing) =>
        standing is ServiceStanding.Revoked or ServiceStanding.CancelledByAdministration;

    private static RegulatorException Refused(ServiceStanding from, SupervisionAction action, bool spotCheckOpen)
    {
        // A spot check refused in a standing that allows spot checks is refused for the check, not the standing.
        var (type, state) = action is SupervisionAction.OpenSpotCheck or SupervisionAction.CloseSpotCheck && !from.IsFinal()
            ? ("SPOT_CHECK", spotCheckOpen ? "OPEN" : "NONE")
            : ("SERVICE_STANDING", ContractNames.Of(from));
        var detail = RefusalTexts.StandingTransition(state, action);
        return new RegulatorException(RegulatorErrors.StandingForbids,
            preconditionViolations: [new PreconditionViolation(type, state, RefusalTexts.StandingForbids(type == "SPOT_CHECK", state, action))],
            detailEn: detail.En, detailZh: detail.Zh);
    }
}
