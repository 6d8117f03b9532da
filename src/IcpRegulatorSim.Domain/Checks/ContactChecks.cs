namespace IcpRegulatorSim.Domain.Checks;

public static class ContactChecks
{
    /// <summary>A mainland mobile number: 11 digits starting with 1.</summary>
    public static bool IsMobile(string mobile) =>
        mobile.Length == 11 && mobile[0] == '1' && mobile.All(char.IsAsciiDigit);

    public static bool IsEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>How the regulator shows a mobile it sent something to: 138****8000.</summary>
    public static string MaskMobile(string mobile) => mobile.Length == 11 ? $"{mobile[..3]}****{mobile[7..]}" : "****";

    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "****" : $"{email[0]}***{email[at..]}";
    }
}
