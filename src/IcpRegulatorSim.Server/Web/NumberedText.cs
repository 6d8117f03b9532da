using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// A text cut where it names a filing number or an order id, so that a page keeps each on one line (MIIT's and the public-security platform's). A line may break
/// between a Chinese character and a digit, and after a hyphen: without this, 浙ICP备2026047120号 breaks after 备 and
/// before 号 on a narrow screen, and ord-00000001 after ord-.
/// </summary>
public static partial class NumberedText
{
    public sealed record Part(string Text, bool Number);

    public static IReadOnlyList<Part> Parts(string text)
    {
        var parts = new List<Part>();
        var at = 0;
        foreach (Match number in FilingNumber().Matches(text))
        {
            if (number.Index > at)
            {
                parts.Add(new Part(text[at..number.Index], false));
            }
            parts.Add(new Part(number.Value, true));
            at = number.Index + number.Length;
        }
        if (at < text.Length)
        {
            parts.Add(new Part(text[at..], false));
        }
        return parts;
    }

    // A subject's number, a service's (-1) or an app's (-2A), or an order id (ord-00000001); a public-security number
    // (浙公网安备33010600000001号) or filing id (psf-00000001).
    [GeneratedRegex(IcpNumber.InTextPattern + @"|\bord-\d+|" + PublicSecurityNumber.InTextPattern + @"|\bpsf-\d+")]
    private static partial Regex FilingNumber();
}
