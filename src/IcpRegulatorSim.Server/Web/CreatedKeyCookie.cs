using IcpRegulatorSim.Server.Desks;
using Microsoft.AspNetCore.DataProtection;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// The provider key of a world the trainer's desk just created, carried across the redirect to the desk in that world.
/// The desk then works in the new world with its address naming it (a reload, a bookmark and every form keep it),
/// and still shows the key, which is shown once: the cookie is readable only by this server, lives a few minutes at
/// most, and is deleted by the page that shows it.
/// </summary>
public static class CreatedKeyCookie
{
    private const string Name = "icp.created-key";
    private const string Path = "/admin";

    public static void Keep(HttpContext http, IDataProtectionProvider protection, ProviderKeyIssued issued) =>
        http.Response.Cookies.Append(Name, Protector(protection).Protect(issued.WorldId + "\n" + issued.Key), new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromMinutes(5),
        });

    /// <summary>The key kept for <paramref name="world"/>, once; null when there is none (or it was for another world).</summary>
    public static (string WorldId, string Key)? Take(HttpContext http, IDataProtectionProvider protection, string world)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 } value)
        {
            return null;
        }
        http.Response.Cookies.Delete(Name, new CookieOptions { Path = Path });
        string text;
        try
        {
            text = Protector(protection).Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Signed by a server that has since restarted (its keys live in memory), or not by this one at all.
            return null;
        }
        return text.Split('\n') is [var id, var key] && id == world ? (id, key) : null;
    }

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("IcpRegulatorSim.Web.CreatedKey");
}
