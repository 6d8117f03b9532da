using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Checks;

/// <summary>Checks a certificate number against the format its type names in the code tables.</summary>
public static class CertificateFormats
{
    public const string ResidentId = "resident-id";
    public const string CreditCode = "credit-code";

    /// <remarks>
    /// Every certificate number is ASCII letters and digits. The patterns in the rules data say \d, which in .NET also
    /// matches other scripts' digits (٣, ३); a number stored with them could never be matched by its last six typed on
    /// the validation page, so they are refused here whatever the pattern says.
    /// </remarks>
    public static bool IsValid(CertificateTypeEntry type, string number) => number.All(char.IsAsciiLetterOrDigit) && type.Format switch
    {
        ResidentId => CertificateNumbers.IsValidResidentId(number),
        CreditCode => CertificateNumbers.IsValidCreditCode(number),
        var pattern => Regex.IsMatch(number, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)),
    };
}
