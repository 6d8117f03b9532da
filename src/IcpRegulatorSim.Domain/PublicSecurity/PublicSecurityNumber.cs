using System.Globalization;
using System.Text.RegularExpressions;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>
/// A public-security filing number (公安联网备案号): 京公网安备11010502030000号, the province's abbreviation, fourteen digits
/// that begin with the six-digit administrative-division code of the reviewing office, then that office's sequence.
/// </summary>
public sealed partial record PublicSecurityNumber(string Abbreviation, string OfficeCode, long Sequence)
{
    /// <summary>The most numbers one office can issue: eight digits of sequence after its code.</summary>
    public const long MaxSequence = 99_999_999;

    /// <summary>A number where it stands in a text (a message, a page), as a regular expression.</summary>
    public const string InTextPattern = @"\p{IsCJKUnifiedIdeographs}公网安备[1-9][0-9]{13}号";

    public string Digits => $"{OfficeCode}{Sequence.ToString("D8", CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Abbreviation}公网安备{Digits}号";

    /// <summary>The number an office issues as its <paramref name="sequence"/>th (from 1; never reused).</summary>
    public static PublicSecurityNumber Issue(string abbreviation, string officeCode, long sequence)
    {
        if (!OfficeCodePattern().IsMatch(officeCode))
        {
            throw new ArgumentException($"An office's code is six digits, not '{officeCode}'.", nameof(officeCode));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        return new PublicSecurityNumber(abbreviation, officeCode, sequence);
    }

    /// <summary>Reads a number as a person types it (spaces around it ignored); null when it is not one.</summary>
    public static PublicSecurityNumber? Parse(string text)
    {
        var m = Pattern().Match(text.Trim());
        return m.Success
            ? new PublicSecurityNumber(m.Groups["abbr"].Value, m.Groups["office"].Value, long.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^(?<abbr>\p{IsCJKUnifiedIdeographs})公网安备(?<office>[1-9][0-9]{5})(?<seq>[0-9]{8})号$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex OfficeCodePattern();
}
