using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Web.Components;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using System.Net.ServerSentEvents;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// The web adapter: the regulator's public pages, the simulated phone and mailbox, the reviewer's console and the
/// trainer's desk, on a port of their own (HTTP/1.1 and HTTP/2). Pages call the same desks as the gRPC services.
/// </summary>
public static class WebExtensions
{
    public const string AdminRole = "administrator";

    public static void ListenForPages(this KestrelServerOptions kestrel, RegulatorOptions options, WebListener listener)
    {
        if (options.WebPort < 0)
        {
            return;
        }
        // HTTP/1.1: browsers speak HTTP/2 only over TLS, and Kestrel cannot tell cleartext HTTP/2 from HTTP/1.1 on one
        // port. HTTP/2 clients (prior knowledge) reach the same pages on the gRPC port, where every request is HTTP/2.
        kestrel.Listen(IPAddress.Loopback, options.WebPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listener.Listen = listen;
        });
    }

    public static IServiceCollection AddRegulatorWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddScoped<PageContext>();
        services.AddSingleton<PageWarmer>();
        // Chinese is written as characters, not as numeric character references (HTML encoding still applies).
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // The keys that sign the admin cookie and the forms' tokens live in memory: a restart signs the trainer out,
        // and a form opened before it must be opened again. Nothing is written outside the database.
        // AES-GCM rather than the default AES-CBC with an HMAC: one authenticated cipher per token where CBC runs a cipher
        // and a keyed hash, and a class of trainees has a form token issued by every page load and two checked by every post.
        services.AddDataProtection().UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
        {
            EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
        });
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new MemoryKeys();
            o.XmlEncryptor = new NullXmlEncryptor();
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "icp.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "icp.admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/admin/login";
            o.AccessDeniedPath = "/admin/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddApiDocument();
        return services;
    }

    /// <summary>The middleware the pages need, skipped by gRPC calls so that the gRPC path pays for none of it.</summary>
    public static void UseRegulatorWeb(this WebApplication app)
    {
        app.UseRouting();
        // The JSON routes' bodies are checked (and their wrong methods refused) on either port, before the transcoder reads them.
        app.UseMiddleware<JsonRequests>();
        // WebApplication adds authentication and authorization to the main pipeline, ahead of everything, unless it sees
        // them there; in a branch it does not. These are the marks it looks for: without them every gRPC call would
        // pass through the sign-in cookie's handler too.
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        ((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;
        app.UseWhen(context => !IsGrpc(context.Request), web =>
        {
            web.UseApiDocument();
            web.UseAuthentication();
            web.UseAuthorization();
            web.UseAntiforgery();
        });
    }

    public static void MapRegulatorWeb(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapGet("/assets/{name}", (string name) => Asset(name));
        app.MapGet("/inbox/events", InboxEvents);
        app.MapPost("/admin/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
        app.MapPost("/psb/logout", async (HttpContext context, IAntiforgery antiforgery, PageContext page) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            PublicSecurityAccountCookie.Forget(context);
            return Results.Redirect(page.Attach(context).Href("/psb"));
        });
        // The emblem the badge's HTML shows beside its number, from the simulated platform as the real one serves its own.
        app.MapGet("/psb/badge.png", () => Asset("psb-badge.png"));
    }

    public static Task SignInAdminAsync(HttpContext context) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AdminRole)],
                CookieAuthenticationDefaults.AuthenticationScheme)));

    /// <summary>Whether a request is a gRPC call (not the JSON routes, which are HTTP like the pages).</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.Ordinal);

    /// <summary>
    /// A recipient's messages as Server-Sent Events: those after the cursor, then each one as it is committed. A browser
    /// that reconnects sends the last id it saw, and goes on from there.
    /// </summary>
    private static IResult InboxEvents(
        HttpContext context, PageContext page, SandboxDesk desk, IHostApplicationLifetime lifetime, string recipient, long after = 0)
    {
        page.Attach(context);
        if (long.TryParse(context.Request.Headers["Last-Event-ID"], out var last) && last > after)
        {
            after = last;
        }
        // An unknown world is refused here, before the stream starts, rather than in the middle of it. Outside sandbox
        // mode the outbox is not for anyone to read.
        if (!page.WorldExists || !context.RequestServices.GetRequiredService<RegulatorOptions>().Sandbox)
        {
            return Results.NotFound();
        }
        // Disposed when the response ends: the linked source is registered with the application's stopping token, which
        // would otherwise keep it, and one more of it for every stream ever opened, until the server stops.
        var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(stop);
        var items = Items(desk.WatchMessagesAsync(page.World, PageContext.Normalize(recipient), after, stop.Token), page);
        return TypedResults.ServerSentEvents(items);
    }

    private static async IAsyncEnumerable<SseItem<string>> Items(IAsyncEnumerable<MessageRow> messages, PageContext page)
    {
        await foreach (var m in messages)
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(InboxItem.Of(m, page)), "message") { EventId = m.MessageSeq.ToString() };
        }
    }

    private static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".png" => "image/png",
            _ => null,
        };
        var stream = type is null ? null : typeof(WebExtensions).Assembly.GetManifestResourceStream($"IcpRegulatorSim.Server.Web.Assets.{name}");
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    private sealed class MemoryKeys : IXmlRepository
    {
        private readonly List<XElement> elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (elements)
            {
                return elements.Select(e => new XElement(e)).ToList();
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (elements)
            {
                elements.Add(new XElement(element));
            }
        }
    }
}
