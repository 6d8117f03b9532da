using System.Globalization;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Time;
using Microsoft.AspNetCore.WebUtilities;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// What every page of one request shares: the language (Chinese unless <c>lang=en</c>), the world it acts in (the
/// <c>world</c> query parameter, else the default one), and links that keep both.
/// </summary>
/// <remarks>
/// It is given its request by the root component (or the endpoint) rather than through IHttpContextAccessor, whose
/// registration would cost every gRPC call an async-local write.
/// </remarks>
public sealed class PageContext(WorldClocks clocks)
{
    private HttpRequest? request;

    private HttpRequest Request => request ?? throw new InvalidOperationException("The page context is attached to its request first.");

    public PageContext Attach(HttpContext context)
    {
        request = context.Request;
        return this;
    }

    public bool English => Query("lang") == "en";

    public string World => Query("world") is { Length: > 0 } world ? world : RegulatorOptions.DefaultWorld;

    public bool WorldExists => clocks.Exists(World);

    public DateTimeOffset Now => clocks.Now(World);

    public string T(PageMessage text) => English ? text.En : text.Zh;

    public string T(string en, string zh) => English ? en : zh;

    public string Error(RegulatorException e) => English ? e.Message : e.MessageZh;

    public static string Normalize(string? typed) => TypedIdentifiers.Normalize(typed ?? "");

    /// <summary>A link to <paramref name="path"/> in this world and language, with the given query parameters.</summary>
    public string Href(string path, params (string Key, string? Value)[] query) => Link(World, path, query);

    /// <summary>A link to <paramref name="path"/> in another world, in this language.</summary>
    public string HrefIn(string world, string path) => Link(world, path, []);

    private string Link(string world, string path, (string Key, string? Value)[] query)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (world != RegulatorOptions.DefaultWorld)
        {
            parameters.Add(new("world", world));
        }
        if (English)
        {
            parameters.Add(new("lang", "en"));
        }
        parameters.AddRange(query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));
        return QueryHelpers.AddQueryString(path, parameters);
    }

    /// <summary>This page in the other language.</summary>
    public string OtherLanguage()
    {
        var query = Request.Query.Where(q => q.Key != "lang").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        if (!English)
        {
            query.Add(new("lang", "en"));
        }
        return QueryHelpers.AddQueryString(Request.Path.Value ?? "/", query);
    }

    /// <summary>An enum value as the contract names it: <c>WaitingForOthers</c> is <c>WAITING_FOR_OTHERS</c>.</summary>
    public static string Screaming(Enum value) => RegulatorError.ToScreamingSnake(value.ToString());

    /// <summary>An instant as the regulator's pages show it: Beijing time.</summary>
    public static string Time(DateTimeOffset at) => at.ToBeijing().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(long unixMs) => Time(DateTimeOffset.FromUnixTimeMilliseconds(unixMs));

    private string? Query(string key) => Request.Query.TryGetValue(key, out var value) ? value.ToString() : null;
}
