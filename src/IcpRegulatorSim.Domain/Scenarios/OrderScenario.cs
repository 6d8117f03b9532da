using System.Globalization;
using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.Scenarios;

/// <summary>
/// A path forced on one order, so a provider's CI can test every branch deterministically. Chosen per submission by
/// the <c>x-icp-scenario</c> header, or by a magic tag in the entity leader's email (<c>name+icp-review-reject@example.cn</c>)
/// for clients that cannot set headers.
/// </summary>
public sealed record OrderScenario
{
    public static readonly OrderScenario None = new();

    /// <summary>The administration decides as soon as the order reaches review.</summary>
    public bool ApproveImmediately { get; init; }

    /// <summary>The administration rejects the order when it decides, with this reason code.</summary>
    public string? RejectReasonCode { get; init; }

    /// <summary>Review takes exactly this many working days.</summary>
    public int? ReviewWorkingDays { get; init; }

    /// <summary>Codes are issued but never delivered: only a resend brings one to the phone.</summary>
    public bool SmsLost { get; init; }

    /// <summary>Codes reach the phone this much later than they are due (the validation deadline does not move).</summary>
    public TimeSpan? SmsLate { get; init; }

    /// <summary>The order reaches the validation database this much later: meanwhile resend answers NO_PENDING, validate NOT_FOUND.</summary>
    public TimeSpan? SyncDelay { get; init; }

    /// <summary>The subject is treated as blacklisted (code 1065).</summary>
    public bool Blacklisted { get; init; }

    /// <summary>Every code of the order is 123456.</summary>
    public bool FixedCode { get; init; }

    /// <summary>The administration calls the entity leader during review, whatever its province's rule.</summary>
    public bool VerificationCall { get; init; }

    /// <summary>After approval, the administration acts on the order's services of its own accord, this much later.</summary>
    public PlannedSupervision? AfterApproval { get; init; }

    public const string FixedCodeValue = "123456";

    public bool IsNone => this == None;

    /// <summary>Every scenario, with its parameter (if any) and what it does.</summary>
    public static readonly IReadOnlyList<ScenarioInfo> Catalogue =
    [
        new("approve-immediately", null, ScenarioTexts.ApproveImmediately),
        new("review-reject", ScenarioTexts.ReasonCodeParameter, ScenarioTexts.ReviewReject),
        new("review-days", ScenarioTexts.WorkingDaysParameter, ScenarioTexts.ReviewDays),
        new("sms-lost", null, ScenarioTexts.SmsLost),
        new("sms-late", ScenarioTexts.DurationParameter("2h"), ScenarioTexts.SmsLate),
        new("sync-delay", ScenarioTexts.DurationParameter("45m"), ScenarioTexts.SyncDelay),
        new("blacklisted", null, ScenarioTexts.Blacklisted),
        new("fixed-code", null, ScenarioTexts.FixedCode),
        new("verification-call", null, ScenarioTexts.VerificationCall),
        new("spot-check-after", ScenarioTexts.DurationParameter("10d"), ScenarioTexts.SpotCheckAfter),
        new("restrict-after", ScenarioTexts.DurationParameter("30d"), ScenarioTexts.RestrictAfter),
        new("revoke-after", ScenarioTexts.DurationParameter("30d"), ScenarioTexts.RevokeAfter),
    ];

    /// <summary>The request header that names scenarios.</summary>
    public const string Header = "x-icp-scenario";

    /// <summary>
    /// Parses a header value: scenarios separated by commas, each <c>name</c> or <c>name:parameter</c>. What is wrong in
    /// it is added to <paramref name="v"/> under <paramref name="field"/>.
    /// </summary>
    public static OrderScenario ParseHeader(string value, string field, Violations v) =>
        Parse(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(p => (p[0], p.Length > 1 ? p[1] : null)), field, v);

    /// <summary>
    /// Reads the magic tags of an email's local part: <c>name+icp-sms-late-2h+icp-fixed-code@…</c>. Other plus tags
    /// (<c>name+newsletter@…</c>) are ordinary addresses and mean nothing.
    /// </summary>
    public static OrderScenario ParseEmail(string email, string field, Violations v)
    {
        var at = email.IndexOf('@');
        var local = at < 0 ? email : email[..at];
        var tags = local.Split('+').Skip(1).Where(t => t.StartsWith(MagicPrefix, StringComparison.Ordinal)).Select(t => t[MagicPrefix.Length..]);
        return Parse(tags.Select(SplitTag), field, v);
    }

    /// <summary>The scenario tags of an email already checked (a filed subject's leader): a bad tag throws.</summary>
    public static OrderScenario ParseEmail(string email, string field)
    {
        var v = new Violations();
        var scenario = ParseEmail(email, field, v);
        v.ThrowIfAny();
        return scenario;
    }

    public const string MagicPrefix = "icp-";

    /// <summary>Combines two sources; the header wins where both set the same thing.</summary>
    public OrderScenario Or(OrderScenario fallback) => new()
    {
        ApproveImmediately = ApproveImmediately || fallback.ApproveImmediately,
        RejectReasonCode = RejectReasonCode ?? fallback.RejectReasonCode,
        ReviewWorkingDays = ReviewWorkingDays ?? fallback.ReviewWorkingDays,
        SmsLost = SmsLost || fallback.SmsLost,
        SmsLate = SmsLate ?? fallback.SmsLate,
        SyncDelay = SyncDelay ?? fallback.SyncDelay,
        Blacklisted = Blacklisted || fallback.Blacklisted,
        FixedCode = FixedCode || fallback.FixedCode,
        AfterApproval = AfterApproval ?? fallback.AfterApproval,
        VerificationCall = VerificationCall || fallback.VerificationCall,
    };

    private static (string Name, string? Parameter) SplitTag(string tag)
    {
        var known = Catalogue.Select(c => c.Name).OrderByDescending(n => n.Length).FirstOrDefault(n => tag == n || tag.StartsWith(n + "-", StringComparison.Ordinal));
        return known is null ? (tag, null) : (known, tag.Length > known.Length ? tag[(known.Length + 1)..] : null);
    }

    private static OrderScenario Parse(IEnumerable<(string Name, string? Parameter)> items, string field, Violations v)
    {
        var scenario = None;
        foreach (var (name, parameter) in items)
        {
            scenario = name switch
            {
                "approve-immediately" => scenario with { ApproveImmediately = true },
                "review-reject" => scenario with { RejectReasonCode = ReasonCode(parameter, field, v) },
                "review-days" => scenario with { ReviewWorkingDays = Days(parameter, field, v) },
                "sms-lost" => scenario with { SmsLost = true },
                "sms-late" => scenario with { SmsLate = Duration(parameter, field, v) },
                "sync-delay" => scenario with { SyncDelay = Duration(parameter, field, v) },
                "blacklisted" => scenario with { Blacklisted = true },
                "fixed-code" => scenario with { FixedCode = true },
                "verification-call" => scenario with { VerificationCall = true },
                "spot-check-after" => scenario with { AfterApproval = Planned(SupervisionAction.OpenSpotCheck, parameter, field, v) },
                "restrict-after" => scenario with { AfterApproval = Planned(SupervisionAction.Restrict, parameter, field, v) },
                "revoke-after" => scenario with { AfterApproval = Planned(SupervisionAction.Revoke, parameter, field, v) },
                _ => Unknown(field, name, v, scenario),
            };
        }
        return scenario;
    }

    private static string? ReasonCode(string? parameter, string field, Violations v)
    {
        if (parameter is null)
        {
            return "REVIEW_REJECTED";
        }
        if (Regex.IsMatch(parameter, "^[A-Za-z0-9_]{1,64}$", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            return parameter.ToUpperInvariant();
        }
        Bad(v, field, FieldTexts.ScenarioReasonCode);
        return null;
    }

    private static int? Days(string? parameter, string field, Violations v)
    {
        if (int.TryParse(parameter, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= 250)
        {
            return days;
        }
        Bad(v, field, FieldTexts.ScenarioDays);
        return null;
    }

    /// <summary>Durations like 90s, 45m, 2h, 1d, or combinations (1h30m).</summary>
    private static TimeSpan? Duration(string? parameter, string field, Violations v)
    {
        var parts = parameter is null ? null : Regex.Matches(parameter, @"([0-9]{1,6})([dhms])", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        if (parts is null || parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != parameter)
        {
            Bad(v, field, FieldTexts.ScenarioDuration);
            return null;
        }
        var total = parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) * p.Groups[2].Value switch
        {
            "d" => TimeSpan.FromDays(1),
            "h" => TimeSpan.FromHours(1),
            "m" => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromSeconds(1),
        });
        if (total > TimeSpan.FromDays(365))
        {
            Bad(v, field, FieldTexts.ScenarioTooLong);
            return null;
        }
        return total;
    }

    private static PlannedSupervision? Planned(SupervisionAction action, string? parameter, string field, Violations v) =>
        Duration(parameter, field, v) is { } after ? new PlannedSupervision(action, after) : null;

    private static OrderScenario Unknown(string field, string name, Violations v, OrderScenario scenario)
    {
        v.Add(field, "UNKNOWN_SCENARIO", FieldTexts.UnknownScenario(name, Catalogue.Select(c => c.Name).ToList()));
        return scenario;
    }

    private static void Bad(Violations v, string field, PageMessage text) => v.Add(field, "INVALID_SCENARIO", text);
}

/// <param name="ParameterText">What the parameter is, in both languages; null when the scenario takes none.</param>
public sealed record ScenarioInfo(string Name, PageMessage? ParameterText, string En, string Zh)
{
    public ScenarioInfo(string name, PageMessage? parameter, PageMessage text)
        : this(name, parameter, text.En, text.Zh)
    {
    }

    /// <summary>What the parameter is, in English, as the contract's <c>Scenario.parameter</c> carries it.</summary>
    public string? Parameter => ParameterText?.En;
}

/// <summary>An action the administration takes on an order's services, <see cref="After"/> their approval.</summary>
public sealed record PlannedSupervision(SupervisionAction Action, TimeSpan After);
