using System.Net;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>
/// The badge a filed website shows on its home page beside its ICP number: the platform's emblem and the number,
/// linked to the platform's query for that number. In the simulator the link is the simulated platform's own query
/// page, and the emblem's title says it is simulated.
/// </summary>
public static class PublicSecurityBadge
{
    /// <summary>The badge's HTML, for a platform whose public query page is <paramref name="queryPage"/>.</summary>
    public static string Html(PublicSecurityNumber number, Uri queryPage)
    {
        var link = new UriBuilder(queryPage) { Query = $"number={Uri.EscapeDataString(number.Digits)}" }.Uri;
        var text = WebUtility.HtmlEncode(number.ToString());
        var title = WebUtility.HtmlEncode(PublicSecurityTexts.BadgeTitle.Zh);
        return $"""<a href="{WebUtility.HtmlEncode(link.AbsoluteUri)}" target="_blank" rel="noreferrer" title="{title}">"""
            + $"""<img src="{WebUtility.HtmlEncode(new Uri(queryPage, "badge.png").AbsoluteUri)}" alt="" width="20" height="20" style="vertical-align:middle"/>"""
            + $"""{text}</a>""";
    }
}
