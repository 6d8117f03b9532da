using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Api;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// The HTTP/JSON routes' requests, read as the proto3 JSON mapping reads them before the transcoder sees them. A body
/// is JSON (415 otherwise) of bounded size (413), every field it names is one the message has and its value of the
/// field's kind (400, INVALID_ARGUMENT with a violation per field, or where the JSON breaks); it then reaches the
/// transcoder in the canonical form, which the transcoder reads as the mapping does (an int32 written as a string
/// included). A method a route does not answer is 405 with the ones it does. Requests of other endpoints (gRPC calls,
/// the pages) pass untouched.
/// </summary>
public sealed class JsonRequests(RequestDelegate next, EndpointDataSource endpoints)
{
    /// <summary>
    /// The largest body a route reads: a seed batch of 5000 filings (SandboxDesk.MaxSeedBatch), the largest request the
    /// contract takes, is 5 to 8 MB of JSON.
    /// </summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    private const string Json = "application/json; charset=utf-8";

    /// <summary>Newline-delimited JSON: what a server stream sends over HTTP.</summary>
    public const string NdJson = "application/x-ndjson";

    private static readonly JsonFormatter ErrorFormatter =
        new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithTypeRegistry(TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)));

    private readonly Lazy<IReadOnlyList<Route>> routes = new(() => Routes(endpoints));

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { } transcoded)
        {
            if (context.Request.QueryString.HasValue)
            {
                var v = new Violations();
                ProtoJson.CheckQuery(context.Request.Query, transcoded.MethodDescriptor.InputType, v);
                if (v.Items.Count > 0)
                {
                    await RefuseAsync(context, v);
                    return;
                }
            }
            if (transcoded.HttpRule.Body.Length > 0 && !await ReadBodyAsync(context, transcoded))
            {
                return;
            }
            if (transcoded.MethodDescriptor.IsServerStreaming)
            {
                // The transcoder labels a stream application/json, which a client would read as one document; it is
                // one JSON object a line. An error before the stream started keeps its application/json.
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == StatusCodes.Status200OK)
                    {
                        context.Response.ContentType = NdJson;
                    }
                    return Task.CompletedTask;
                });
            }
        }
        else if (endpoint is null && Allowed(context.Request.Path) is { Count: > 0 } allowed)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            await RefuseAsync(context, StatusCodes.Status405MethodNotAllowed, StatusCode.Unimplemented, "METHOD_NOT_ALLOWED",
                JsonTexts.MethodNotAllowed(context.Request.Method, allowed));
            return;
        }
        await next(context);
    }

    /// <summary>Reads, checks and rewrites the body; false when the request was refused.</summary>
    private static async Task<bool> ReadBodyAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoded)
    {
        var request = context.Request;
        if (request.ContentType is { } type && !IsJson(type))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, StatusCode.InvalidArgument, "UNSUPPORTED_MEDIA_TYPE", JsonTexts.UnsupportedMediaType);
            return false;
        }
        var body = request.ContentLength > MaxBodyBytes ? null : await ReadAsync(request.Body, context.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, StatusCode.ResourceExhausted, "BODY_TOO_LARGE", JsonTexts.TooLarge(MaxBodyBytes));
            return false;
        }
        if (body.Length > 0 && request.ContentType is null)
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, StatusCode.InvalidArgument, "UNSUPPORTED_MEDIA_TYPE", JsonTexts.UnsupportedMediaType);
            return false;
        }

        var (message, field) = BodyOf(transcoded);
        var v = new Violations();
        byte[]? canonical = null;
        try
        {
            // No body at all is the empty message, as a POST without data is taken everywhere else.
            using var json = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            canonical = ProtoJson.Canonical(json.RootElement, message, field is null ? v : v.Under(field.Name));
        }
        catch (JsonException e)
        {
            var place = JsonTexts.NotJson((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            v.Add("", "MALFORMED_JSON", place.En, place.Zh);
        }
        if (canonical is null)
        {
            await RefuseAsync(context, v);
            return false;
        }
        request.Body = new MemoryStream(canonical, writable: false);
        request.ContentLength = canonical.Length;
        request.ContentType = Json;
        return true;
    }

    /// <summary>The message the body is read into: the request (<c>body: "*"</c>) or the field the rule names.</summary>
    private static (MessageDescriptor Message, FieldDescriptor? Field) BodyOf(GrpcJsonTranscodingMetadata transcoded)
    {
        var input = transcoded.MethodDescriptor.InputType;
        return transcoded.HttpRule.Body == "*" ? (input, null) : input.FindFieldByName(transcoded.HttpRule.Body) is { MessageType: { } type } field
            ? (type, field)
            : throw new InvalidOperationException($"{transcoded.MethodDescriptor.FullName}: the body field {transcoded.HttpRule.Body} is not a message.");
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null past <see cref="MaxBodyBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>INVALID_ARGUMENT with the field violations, as the API's own refusals of a field go out.</summary>
    private static Task RefuseAsync(HttpContext context, Violations v) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, ErrorInterceptor.ToRpcException(RegulatorErrors.Invalid(v.Items)).GetRpcStatus()!);

    private static Task RefuseAsync(HttpContext context, int httpStatus, StatusCode code, string reason, PageMessage text) =>
        WriteAsync(context, httpStatus, new Google.Rpc.Status
        {
            Code = (int)code,
            Message = text.En,
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorInterceptor.ErrorDomain }),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = text.Zh }),
            },
        });

    /// <summary>An error as the transcoder writes its own: the JSON form of google.rpc.Status, compact.</summary>
    private static async Task WriteAsync(HttpContext context, int httpStatus, Google.Rpc.Status status)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = Json;
        using var json = JsonDocument.Parse(ErrorFormatter.Format(status));
        await using var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteTo(writer);
    }

    /// <summary>The methods the transcoded routes answer on this path; none when the path is none of theirs.</summary>
    private List<string> Allowed(PathString path)
    {
        var allowed = new List<string>();
        foreach (var route in routes.Value)
        {
            if (route.Matcher.TryMatch(path, []) && !allowed.Contains(route.Method))
            {
                allowed.Add(route.Method);
            }
        }
        return allowed;
    }

    private static List<Route> Routes(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                new Route(new TemplateMatcher(new RouteTemplate(e.RoutePattern), []), method)))
            .ToList();

    private sealed record Route(TemplateMatcher Matcher, string Method);
}
