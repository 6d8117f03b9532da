using System.Globalization;

namespace IcpRegulatorSim.Domain.Checks;

/// <summary>Domain names as the registry keys them: lower case, internationalized labels in Unicode form.</summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The canonical form of a domain, or null when it is not a syntactically valid domain name.</summary>
    public static string? Normalize(string domain)
    {
        // Full-width letters and the ideographic full stops (。｡) a Chinese keyboard types are the ASCII ones, as in IDNA.
        var trimmed = TypedIdentifiers.Normalize(domain).Replace('\u3002', '.').Replace('\uFF61', '.').TrimEnd('.');
        if (trimmed.Length == 0 || trimmed.Length > 253)
        {
            return null;
        }
        try
        {
            var ascii = Idn.GetAscii(trimmed).ToLowerInvariant();
            var labels = ascii.Split('.');
            if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63) || labels[^1].All(char.IsAsciiDigit))
            {
                // An all-digit top level is an IP address, not a domain.
                return null;
            }
            var unicode = Idn.GetUnicode(ascii);
            // Registries take letters, digits and hyphens (in any script); symbols such as emoji are not domain names.
            return unicode.All(c => c is '.' or '-' || char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                ? unicode
                : null;
        }
        catch (ArgumentException)
        {
            // IdnMapping signals an invalid name by throwing; for us it is simply "not a domain".
            return null;
        }
    }

    public static string TopLevel(string normalizedDomain) => normalizedDomain[(normalizedDomain.LastIndexOf('.') + 1)..];

    /// <summary>True when <paramref name="host"/> is the domain itself or a name under it (www.example.com is on example.com).</summary>
    public static bool IsOn(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
}
