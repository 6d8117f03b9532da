using System.Xml.XPath;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Server.Security;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// The HTTP/JSON API as an OpenAPI document, generated from the protos by Microsoft.AspNetCore.Grpc.Swagger (the
/// descriptions are the protos' comments), at <see cref="DocumentPath"/>, and Swagger UI to browse and try it at
/// <see cref="PagePath"/>, its files served from the server itself.
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
                Description = "A provider's key (filings, password checks) or the administration's key (reviews, the sandbox).",
            });
            o.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" } }] = [],
            });
            o.OperationFilter<SandboxHeaders>();
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
        }
    }
}
