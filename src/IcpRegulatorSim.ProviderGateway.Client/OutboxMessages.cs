using System.Text.RegularExpressions;
using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Client;

/// <summary>Reading the simulated phone: what the regulator's messages say.</summary>
public static partial class OutboxMessages
{
    /// <summary>The six-digit validation code an SMS carries, or null when it carries none.</summary>
    public static string? VerificationCode(this OutboxMessage message)
    {
        var m = CodePattern().Match(message.Body);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The filing password a message carries (approval or reset), or null.</summary>
    public static string? FilingPassword(this OutboxMessage message)
    {
        var m = PasswordPattern().Match(message.Body);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The code a public-security registration SMS carries (账号注册验证码), or null.</summary>
    public static string? PublicSecurityRegistrationCode(this OutboxMessage message) => Match(RegistrationPattern(), message);

    /// <summary>The code a public-security filing's SMS asks one of its people to confirm with, or null.</summary>
    public static string? PublicSecurityContactCode(this OutboxMessage message) => Match(ContactPattern(), message);

    private static string? Match(Regex pattern, OutboxMessage message) =>
        pattern.Match(message.Body) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The last six characters of the person's certificate number: what the validation page asks with the code.</summary>
    public static string Suffix(this Person person) => person.CertificateNumber[^6..];

    [GeneratedRegex(@"validation code is (\d{6})")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"registration code is (\d{6})")]
    private static partial Regex RegistrationPattern();

    [GeneratedRegex(@"confirmation code is (\d{6})")]
    private static partial Regex ContactPattern();

    [GeneratedRegex(@"(?:ICP filing password: |reset to: )([A-Za-z0-9]+)")]
    private static partial Regex PasswordPattern();
}
