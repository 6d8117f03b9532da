using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using Microsoft.AspNetCore.DataProtection;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// Who is signed in on the public-security platform's pages: the account's token, which the platform answers once at
/// registration, kept in a cookie only this server can read (encrypted and authenticated as the admin cookie is), sent
/// only to the platform's pages, never written into a page. The cookie names its world: an account is one world's.
/// </summary>
public static class PublicSecurityAccountCookie
{
    private const string Name = "icp.psb-account";
    private const string Path = "/psb";

    public static void Keep(HttpContext http, IDataProtectionProvider protection, string world, string token) =>
        http.Response.Cookies.Append(Name, Protector(protection).Protect(world + "\n" + token), new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromHours(12),
        });

    public static void Forget(HttpContext http) => http.Response.Cookies.Delete(Name, new CookieOptions { Path = Path });

    /// <summary>The account signed in for <paramref name="world"/>; null when none is (or the cookie is for another world or no longer valid).</summary>
    public static PublicSecurityAccount? Account(HttpContext http, IDataProtectionProvider protection, AccountDesk accounts, string world)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 } value)
        {
            return null;
        }
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
        if (text.Split('\n') is not [var id, var token] || id != world)
        {
            return null;
        }
        try
        {
            return accounts.Authenticate(world, token);
        }
        catch (RegulatorException e) when (e.Code == RegulatorErrorCode.Unauthenticated)
        {
            // The world was reset since: its accounts are gone.
            return null;
        }
    }

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("IcpRegulatorSim.Web.PsbAccount");
}
