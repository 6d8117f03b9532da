using System.Reflection;
using System.Xml.XPath;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// The HTTP/JSON API as an OpenAPI document, generated from the protos by Microsoft.AspNetCore.Grpc.Swagger (the
/// descriptions are the protos' comments), at <see cref="DocumentPath"/>, and Swagger UI to browse and try it at
/// <see cref="PagePath"/>, its files served from the server itself. It says what the JSON is, as the proto3 JSON mapping
/// writes it and generators read it: an operationId per operation (<c>FilingService_SubmitFiling</c>, an additional
/// route numbered from 2 as protoc-gen-openapiv2 numbers it), int64 as strings, Timestamps as RFC 3339 date-times,
/// Durations as seconds ("3600s"), a server stream as newline-delimited JSON of its item, and a key only where the
/// call needs one.
/// </summary>
public static class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/openapi";

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "IcpRegulatorSim",
                Version = "v1",
                Description = "The simulated ICP filing regulator over HTTP/JSON: every gRPC method on the route its proto gives. "
                    + "Errors are the JSON form of google.rpc.Status; streams send one JSON object a line.",
            });
            o.IncludeGrpcXmlComments(ContractComments, includeControllerXmlComments: true);
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A provider's key (filings, password checks), the administration's key (reviews, the sandbox, the public-security "
                    + "offices), or a public-security account's token (psb-…, its filings).",
            });
            o.OperationFilter<Operations>();
            o.OperationFilter<SandboxHeaders>();
            o.SchemaFilter<Formats>();
            // google.protobuf.Value is any JSON value in the proto3 JSON mapping (an error's Any holds them), Struct an
            // object of them and ListValue an array: described from their C# classes, they showed a "kindCase" that no
            // JSON carries, and a KindOneofCase schema no proto declares.
            o.MapType<Google.Protobuf.WellKnownTypes.Value>(() => new OpenApiSchema { Description = "Any JSON value." });
            o.MapType<Google.Protobuf.WellKnownTypes.Struct>(() => new OpenApiSchema { Type = "object", AdditionalPropertiesAllowed = true });
            o.MapType<Google.Protobuf.WellKnownTypes.ListValue>(() => new OpenApiSchema { Type = "array", Items = new OpenApiSchema() });
        });
        return services;
    }

    /// <summary>On the web branch of the pipeline: gRPC calls never pass through it.</summary>
    public static void UseApiDocument(this IApplicationBuilder web)
    {
        web.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        web.UseSwaggerUI(o =>
        {
            o.RoutePrefix = PagePath.TrimStart('/');
            o.SwaggerEndpoint(DocumentPath, "IcpRegulatorSim v1");
            o.DocumentTitle = "IcpRegulatorSim — HTTP/JSON API";
        });
    }

    /// <summary>The contract's XML documentation (the protos' comments), compiled into the server.</summary>
    private static XPathDocument ContractComments()
    {
        using var stream = typeof(ApiDocument).Assembly.GetManifestResourceStream("contract-comments.xml")
            ?? throw new InvalidOperationException("The server was built without the contract's comments.");
        return new XPathDocument(stream);
    }

    /// <summary>What the transcoder's own description leaves out of each operation: its id, its key, a stream's media type.</summary>
    private sealed class Operations : IOperationFilter
    {
        private static readonly OpenApiSecurityRequirement Key = new()
        {
            [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" } }] = [],
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is not { } transcoded)
            {
                return;
            }
            var method = transcoded.MethodDescriptor;
            operation.OperationId = OperationId(method, transcoded.HttpRule);
            // A call without a key is refused (401) unless its implementation says it takes anonymous callers.
            if (!metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [Key];
            }
            if (method.IsServerStreaming && operation.Responses.TryGetValue("200", out var ok) && ok.Content.Remove("application/json", out var item))
            {
                ok.Description = $"A stream: one {method.OutputType.Name} a line (newline-delimited JSON), as they happen; the response starts at once.";
                ok.Content[JsonRequests.NdJson] = item;
            }
            foreach (var parameter in operation.Parameters ?? [])
            {
                Formats.Int64AsString(parameter.Schema);
            }
        }

        /// <summary><c>Service_Method</c>; the additional routes of a method <c>Service_Method2</c>, <c>Service_Method3</c>…</summary>
        public static string OperationId(MethodDescriptor method, Google.Api.HttpRule rule)
        {
            var index = method.GetOptions()?.GetExtension(Google.Api.AnnotationsExtensions.Http) is { } main && !ReferenceEquals(main, rule) && !main.Equals(rule)
                ? main.AdditionalBindings.IndexOf(rule) + 2
                : 1;
            return $"{method.Service.Name}_{method.Name}{(index > 1 ? index.ToString() : "")}";
        }
    }

    /// <summary>The proto3 JSON mapping's forms of the fields whose C# type says otherwise.</summary>
    private sealed class Formats : ISchemaFilter
    {
        public void Apply(OpenApiSchema schema, SchemaFilterContext context)
        {
            if (!typeof(IMessage).IsAssignableFrom(context.Type)
                || context.Type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not MessageDescriptor message
                || schema.Properties is null)
            {
                return;
            }
            foreach (var field in message.Fields.InFieldNumberOrder())
            {
                if (field.IsMap || !schema.Properties.TryGetValue(field.JsonName, out var property))
                {
                    continue;
                }
                var value = field.IsRepeated ? property.Items : property;
                if (value is null)
                {
                    continue;
                }
                switch (field.FieldType == FieldType.Message ? field.MessageType.FullName : null)
                {
                    case "google.protobuf.Timestamp":
                        value.Format = "date-time";
                        value.Example ??= new OpenApiString("2026-03-02T01:00:00Z");
                        break;
                    case "google.protobuf.Duration":
                        // Seconds with an s, not ISO 8601 ("PT1H"): named as Google's own API descriptions name it.
                        value.Format = "google-duration";
                        value.Pattern = @"^-?[0-9]+(\.[0-9]{1,9})?s$";
                        value.Example ??= new OpenApiString("3600s");
                        break;
                    default:
                        Int64AsString(value);
                        break;
                }
            }
        }

        /// <summary>64-bit integers are strings in JSON: a JavaScript number holds only 53 bits.</summary>
        public static void Int64AsString(OpenApiSchema? schema)
        {
            if (schema is { Type: "integer", Format: "int64" or "uint64" })
            {
                schema.Type = "string";
            }
            else if (schema is { Type: "array", Items: { } items })
            {
                Int64AsString(items);
            }
        }
    }

    /// <summary>The headers every call may carry: the world it acts in and, on a submission, the scenario it forces.</summary>
    private sealed class SandboxHeaders : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Callers.WorldHeader,
                In = ParameterLocation.Header,
                Description = "The world an admin or public call acts in (a provider key's world is its own); the default world when absent.",
                Schema = new OpenApiSchema { Type = "string", Example = new OpenApiString("default") },
            });
            if (context.ApiDescription.RelativePath == "v1/filings" && context.ApiDescription.HttpMethod == "POST")
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = OrderScenario.Header,
                    In = ParameterLocation.Header,
                    Description = "A sandbox path to force on the order, e.g. review-reject or sms-late:2h (GET /v1/scenarios lists them).",
                    Schema = new OpenApiSchema { Type = "string" },
                });
            }
            if (context.ApiDescription.HttpMethod == "POST" && context.ApiDescription.RelativePath is { } path
                && (path == "v1/psb/filings" || (path.StartsWith("v1/psb/filings/", StringComparison.Ordinal) && path.EndsWith(":change", StringComparison.Ordinal))))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = WebsiteFilingScenario.Header,
                    In = ParameterLocation.Header,
                    Description = "A sandbox path to force on the public-security filing, e.g. psb-reject:SUBJECT_MISMATCH or psb-onsite (GET /v1/scenarios lists them).",
                    Schema = new OpenApiSchema { Type = "string" },
                });
            }
        }
    }
}
