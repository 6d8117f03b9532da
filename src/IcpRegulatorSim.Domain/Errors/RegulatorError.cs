using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Errors;

/// <summary>One entry of the error catalogue: a stable code, the real regulator's numeric code where one exists, and the text in both languages.</summary>
public sealed record RegulatorError(RegulatorErrorCode Code, int? NumericCode, string En, string Zh)
{
    public string Reason => ToScreamingSnake(Code.ToString());

    /// <summary>A name as the contract spells it: <c>WaitingForOthers</c> is <c>WAITING_FOR_OTHERS</c>.</summary>
    public static string ToScreamingSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}

/// <summary>A field of the request that is wrong, named by its path in the contract (e.g. <c>filing.subject.leader.mobile</c>).</summary>
public sealed record FieldViolation(string Field, string Reason, string En, string Zh)
{
    public FieldViolation(string field, string reason, PageMessage text)
        : this(field, reason, text.En, text.Zh)
    {
    }
}

/// <summary>A rule of the regulator's state that refused the request.</summary>
public sealed record PreconditionViolation(string Type, string Subject, string En, string Zh)
{
    public PreconditionViolation(string type, string subject, PageMessage text)
        : this(type, subject, text.En, text.Zh)
    {
    }
}

public sealed class RegulatorException(
    RegulatorError error,
    IReadOnlyList<FieldViolation>? fieldViolations = null,
    IReadOnlyList<PreconditionViolation>? preconditionViolations = null,
    string? detailEn = null,
    string? detailZh = null)
    : Exception(detailEn is null ? error.En : $"{error.En} {detailEn}")
{
    public RegulatorError Error { get; } = error;
    public RegulatorErrorCode Code => Error.Code;
    public IReadOnlyList<FieldViolation> FieldViolations { get; } = fieldViolations ?? [];
    public IReadOnlyList<PreconditionViolation> PreconditionViolations { get; } = preconditionViolations ?? [];
    public string MessageZh { get; } = detailZh is null ? error.Zh : $"{error.Zh}{detailZh}";

    /// <summary>How long the caller waits before the same call can succeed, when the refusal is only for now.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
