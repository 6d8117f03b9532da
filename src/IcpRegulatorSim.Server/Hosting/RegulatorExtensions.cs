using IcpRegulatorSim.Server.Storage.Sqlite;
using System.Net;
using Dapper;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using OpenTelemetry.Metrics;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Server.Api;
using IcpRegulatorSim.Server.Api.PublicSecurity;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Storage.Postgres;
using IcpRegulatorSim.Server.Time;
using IcpRegulatorSim.Server.Web;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>Everything the server is made of, registered in one place.</summary>
public static class RegulatorExtensions
{
    // Beneath every other setting: what appsettings.json says, for a server started where that file is not (another
    // working directory, the harness's host). A line per request would cost a load test more than the call itself.
    private static readonly Dictionary<string, string?> LoggingDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
        ["Logging:LogLevel:IcpRegulatorSim.Server.Hosting.RequestLog"] = "Warning",
    };

    /// <summary>
    /// The largest request message taken (grpc-dotnet's default, said here): a larger one is refused RESOURCE_EXHAUSTED
    /// before it is read. The largest a caller needs is a SeedFilings batch of a few thousand filings.
    /// </summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddRegulator(this WebApplicationBuilder builder, string[] args)
    {
        // A flag, a setting or a value the server does not know stops it here, named, before it opens or binds anything.
        ServerFlags.Check(args);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });
        builder.Configuration.AddCommandLine(args, ServerFlags.Switches);
        ServerFlags.Check(builder.Configuration);
        var options = builder.Configuration.GetSection("Regulator").Get<RegulatorOptions>() ?? new RegulatorOptions();
        PortCheck.EnsureFree(options);
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        foreach (var (category, level) in RequestLog.QuietCategories)
        {
            builder.Logging.AddFilter(category, level);
        }
        if (options.LogFormat.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            // One JSON object a line, with the request's scope (its RequestId, TraceId and path) on every line it causes.
            builder.Logging.ClearProviders().AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var web = new WebListener();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.ListenForPages(options, web);
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(web);
        services.AddRegulatorWeb();
        services.AddSingleton(TimeProvider.System);
        // The rules are read and the database opened and migrated on threads of their own while the host is built and the
        // services bound, which is most of a start's other work: a test suite starts a server per test class. What fails
        // there is thrown, as it was, where the server first needs them (before it listens).
        var rules = Task.Run(() => RulesLoader.LoadAll(options.Rules, options.Profile));
        var opening = Task.Run(() => Bootstrap.Open(options));
        services.AddSingleton(_ => rules.GetAwaiter().GetResult().Miit);
        services.AddSingleton(_ => rules.GetAwaiter().GetResult().PublicSecurity);
        services.AddSingleton(sp =>
        {
            var database = opening.GetAwaiter().GetResult();
            Bootstrap.Step(database, () => Bootstrap.Run(
                database, options, sp.GetRequiredService<WorldClocks>(), sp.GetRequiredService<Callers>(), sp.GetRequiredService<FaultBook>()));
            return database;
        });
        services.AddSingleton<FaultBook>();
        services.AddSingleton<RegulatorMetrics>();
        // Prometheus on /metrics: ASP.NET Core's and Kestrel's request metrics (gRPC calls by method and, see
        // GrpcStatusMetricTag, by status among them), and the regulator's own.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", RegulatorMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<WorldClocks>();
        services.AddSingleton<StorageOutage>();
        services.AddSingleton<NodeExit>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeExit>());
        services.AddSingleton<ISmsCodes>(sp => new SmsCodes(CodeKey(sp.GetRequiredService<Database>())));
        services.AddSingleton(_ => new PasswordHasher(options.PasswordHashIterations));
        services.AddSingleton(sp => new PasswordPool(sp.GetRequiredService<PasswordHasher>(), sp.GetRequiredService<RuleBook>().Passwords.Length));
        services.AddSingleton<Callers>();
        services.AddSingleton<Writer>();
        services.AddSingleton<IDeadlineHandler, OrderDeadlines>();
        services.AddSingleton<IDeadlineHandler, SubjectDeadlines>();
        services.AddSingleton<IDeadlineHandler, WebsiteFilingDeadlines>();
        services.AddSingleton<PublicSecurityOffices>();
        services.AddSingleton<AccountDesk>();
        services.AddSingleton<WebsiteFilingDesk>();
        services.AddSingleton<OfficeDesk>();
        services.AddSingleton<PublicSecurityQueryDesk>();
        services.AddSingleton<PublicSecurityMapper>();
        services.AddSingleton<Approvals>();
        services.AddSingleton<FilingDesk>();
        services.AddSingleton<SmsDesk>();
        services.AddSingleton<ReviewDesk>();
        services.AddSingleton<SupervisionDesk>();
        services.AddSingleton<Supervisor>();
        services.AddSingleton<PasswordDesk>();
        services.AddSingleton<RegistryDesk>();
        services.AddSingleton<SandboxDesk>();
        services.AddSingleton<TrainingDesk>();
        services.AddHostedService<DeadlineWorker>();
        if (PostgresDatabase.Names(options.Data))
        {
            services.AddHostedService<ClusterListener>();
            // A read waits on a round trip to the database server, blocking its thread: with 64 calls in flight the
            // thread pool would otherwise add threads one by one while calls queue behind the blocked ones.
            ThreadPool.GetMinThreads(out var workers, out var completion);
            ThreadPool.SetMinThreads(Math.Max(workers, PostgresDatabase.MinThreads), completion);
        }
        else
        {
            services.AddHostedService(sp => new Checkpointer(
                (SqliteDatabase)sp.GetRequiredService<Database>(), sp.GetRequiredService<Writer>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Checkpointer>>()));
        }
        services.AddSingleton<HealthServiceImpl>();

        var grpc = services.AddGrpc(grpc =>
        {
            // Outermost first: refusals, storage failures (of the injected faults' lookups too) and calls their clients
            // gave up on (waiting on an injected latency too) become statuses; then injected faults come before anything else.
            grpc.Interceptors.Add<ErrorInterceptor>();
            grpc.Interceptors.Add<FaultInterceptor>();
            // A list longer than any call takes is refused before the call looks at it (a gRPC request's, from its bytes, before this).
            grpc.Interceptors.Add<ListLimitInterceptor>();
            grpc.EnableDetailedErrors = false;
            grpc.MaxReceiveMessageSize = MaxRequestBytes;
        });
        services.AddGrpcReflection();
        // Bind every service through the provider that answers unparsable requests INVALID_ARGUMENT (see there why).
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ParsingServiceMethodProvider<>));
        // Every RPC also as HTTP/JSON, on the routes the protos' google.api.http options give (and on either port).
        // Error details go out as the JSON form of google.rpc.Status: their types must be known to the JSON writer. 64-bit
        // integers are written as strings, as the proto3 JSON mapping writes them: a JavaScript number holds only 53 bits.
        grpc.AddJsonTranscoding(o =>
        {
            o.TypeRegistry = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);
            o.JsonSettings.WriteInt64sAsStrings = true;
        });
        return builder;
    }

    public static WebApplication MapRegulator(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RegulatorOptions>();
        // Open the database (migrations, default world) and start the writer before the first request.
        app.Services.GetRequiredService<Writer>();
        if (options.WarmPages)
        {
            // After the first answer, not at the start: the first answer waits for nothing the pages need.
            var warmer = app.Services.GetRequiredService<PageWarmer>();
            app.Use(async (context, next) =>
            {
                await next(context);
                warmer.Start();
            });
        }
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<GrpcStatusMetricTag>();
        app.UseRegulatorWeb();

        app.MapGrpcService<FilingApi>();
        app.MapGrpcService<SmsValidationApi>();
        app.MapGrpcService<FilingPasswordApi>();
        app.MapGrpcService<PublicQueryApi>();
        app.MapGrpcService<ReviewApi>();
        app.MapGrpcService<ReferenceApi>();
        app.MapGrpcService<PsbAccountApi>();
        app.MapGrpcService<PsbFilingApi>();
        app.MapGrpcService<PsbOfficeApi>();
        app.MapGrpcService<PsbPublicQueryApi>();
        if (options.Sandbox)
        {
            app.MapGrpcService<SandboxApi>();
        }
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService();
        app.MapRegulatorWeb();
        app.MapPrometheusScrapingEndpoint();

        var health = app.Services.GetRequiredService<HealthServiceImpl>();
        var web = app.Services.GetRequiredService<WebListener>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
            if (web.Address is { } pages)
            {
                app.Logger.LogInformation("Web pages (training, the phone, the reviewer's console): {Address}", pages);
            }
        });
        app.Lifetime.ApplicationStopping.Register(() => health.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing));
        return app;
    }

    /// <summary>Where a started server listens for gRPC: its address that is not the web pages' port.</summary>
    public static Uri GrpcAddress(this WebApplication app)
    {
        var web = app.Services.GetRequiredService<WebListener>();
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => !web.Enabled || new Uri(a).Port != web.Port));
    }

    private static byte[] CodeKey(Database database) =>
        database.Transact(db => SecretStore.GetOrCreate(db, "sms-code-hmac", 32));
}
