namespace IcpRegulatorSim.Domain.Checks;

/// <summary>The check-character algorithms of Chinese certificate numbers.</summary>
public static class CertificateNumbers
{
    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ResidentIdChecks = "10X98765432";

    private const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Resident ID (居民身份证): 17 digits and an ISO 7064 MOD 11-2 check character.</summary>
    public static bool IsValidResidentId(string number) =>
        number.Length == 18 && number[..17].All(char.IsAsciiDigit) && number[17] == ResidentIdCheck(number[..17]);

    public static char ResidentIdCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * ResidentIdWeights[i];
        }
        return ResidentIdChecks[sum % 11];
    }

    /// <summary>The birth date a resident ID carries (characters 7–14), when it is a real date.</summary>
    public static DateOnly? ResidentIdBirthDate(string number) =>
        number.Length >= 14 && DateOnly.TryParseExact(number[6..14], "yyyyMMdd", out var date) ? date : null;

    /// <summary>Unified social credit code (统一社会信用代码, GB 32100): 17 characters and a check character.</summary>
    public static bool IsValidCreditCode(string code) =>
        code.Length == 18
        && code.All(c => CreditCodeAlphabet.Contains(c))
        && code[17] == CreditCodeCheck(code[..17]);

    public static char CreditCodeCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CreditCodeAlphabet.IndexOf(first17[i]) * CreditCodeWeights[i];
        }
        return CreditCodeAlphabet[(31 - sum % 31) % 31];
    }
}
