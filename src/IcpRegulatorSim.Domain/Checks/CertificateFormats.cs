using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Checks;

/// <summary>Checks a certificate number against the format its type names in the code tables.</summary>
public static class CertificateFormats
{
    public const string ResidentId = "resident-id";
    public const string CreditCode = "credit-code";

    public static bool IsValid(CertificateTypeEntry type, string number) => type.Format switch
    {
        ResidentId => CertificateNumbers.IsValidResidentId(number),
        CreditCode => CertificateNumbers.IsValidCreditCode(number),
        var pattern => Regex.IsMatch(number, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)),
    };
}
