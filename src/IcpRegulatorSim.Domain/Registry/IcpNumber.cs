using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>
/// An ICP filing number: 京ICP备2024012345号 for a subject, with -N for a website and -NA for an app.
/// Numbers issued now have 10 digits, the year first; older ones have 8 (京ICP备10046444号) and stay valid.
/// </summary>
public sealed partial record IcpNumber(string Abbreviation, string Digits, int? ServiceSequence, bool IsApp)
{
    public string SubjectNumber => $"{Abbreviation}ICP备{Digits}号";

    public bool IsServiceNumber => ServiceSequence is not null;

    public override string ToString() =>
        ServiceSequence is { } n ? $"{SubjectNumber}-{n}{(IsApp ? "A" : "")}" : SubjectNumber;

    public static IcpNumber? Parse(string text)
    {
        var m = Pattern().Match(Checks.TypedIdentifiers.Normalize(text));
        if (!m.Success)
        {
            return null;
        }
        int? seq = m.Groups["seq"].Success ? int.Parse(m.Groups["seq"].Value) : null;
        return new IcpNumber(m.Groups["abbr"].Value, m.Groups["digits"].Value, seq, m.Groups["app"].Success);
    }

    public static string ForSubject(string abbreviation, int year, int sequence) =>
        $"{abbreviation}ICP备{year:D4}{sequence:D6}号";

    public static string ForService(string subjectNumber, int sequence, ServiceKind kind) =>
        $"{subjectNumber}-{sequence}{(kind == ServiceKind.App ? "A" : "")}";

    /// <summary>A filing number (a subject's, a website's or an app's) where it stands inside a text.</summary>
    public const string InTextPattern = @"\p{IsCJKUnifiedIdeographs}ICP备(?:[0-9]{10}|[0-9]{8})号(?:-[1-9][0-9]{0,4}A?)?";

    [GeneratedRegex(@"^(?<abbr>\p{IsCJKUnifiedIdeographs})ICP备(?<digits>[0-9]{8}|[0-9]{10})号(?:-(?<seq>[1-9][0-9]{0,4})(?<app>A)?)?$")]
    private static partial Regex Pattern();
}
