using System.Collections;
using System.Diagnostics;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// The request log: a line per request (method, route template, status, time) at Information under this category,
/// which the settings leave at Warning (a line per call would cost a load test more than the call), and the scope of
/// every line a request causes (its id and route template). Never the path's or the query's values: a mobile, a
/// certificate number or an email travels in them (<c>GET /v1/messages?recipient=…</c>,
/// <c>/v1/phone/{mobile}:answerCall</c>). ASP.NET Core's own request lines and scope, which carry the whole URL, are
/// turned off in their place (see <see cref="QuietCategories"/>).
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    /// <summary>
    /// The framework's categories that write a request's path or URL, and the most they may say: the hosting's request
    /// lines and scope never, routing's and static files' debug lines (which quote the path) not either.
    /// </summary>
    public static readonly IReadOnlyList<(string Category, LogLevel Level)> QuietCategories =
    [
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None),
        ("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information),
        ("Microsoft.AspNetCore.StaticFiles", LogLevel.Information),
    ];

    public const string ActivityName = "IcpRegulatorSim.Request";

    public async Task InvokeAsync(HttpContext context)
    {
        var state = new Scope(context);
        using var scope = logger.BeginScope(state);
        // ASP.NET Core started an activity per request for its own request log; the lines' TraceId and SpanId come from one.
        using var activity = Activity.Current is null ? new Activity(ActivityName).Start() : null;
        var start = logger.IsEnabled(LogLevel.Information) ? Stopwatch.GetTimestamp() : 0;
        try
        {
            await next(context);
        }
        finally
        {
            state.Close();
            if (start != 0)
            {
                Finished(context.Request.Method, RouteOf(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
    }

    /// <summary>The template of the route the request took (<c>/v1/phone/{mobile}:answerCall</c>); "-" when it took none.</summary>
    public static string RouteOf(HttpContext context) => (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "-";

    [LoggerMessage(1, LogLevel.Information, "{Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void Finished(string method, string route, int statusCode, double elapsedMs);

    /// <summary>
    /// The route is read when a line is written, so that it is the one routing chose by then; once the request is over
    /// (a task it started may still write), the scope keeps its last route and lets go of the context, which Kestrel reuses.
    /// </summary>
    private sealed class Scope(HttpContext context) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly string id = context.TraceIdentifier;
        private HttpContext? open = context;
        private string route = "-";

        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("RequestId", id),
            1 => new("RequestRoute", Route),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        private string Route => open is { } live ? RouteOf(live) : route;

        public void Close()
        {
            route = Route;
            open = null;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestId:{id} RequestRoute:{Route}";
    }
}
