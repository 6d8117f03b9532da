using System.Globalization;
using System.Security.Cryptography;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Hosting;

namespace IcpRegulatorSim.Harness;

/// <summary>
/// A real simulator for a test suite: <c>await using var regulator = await IcpRegulator.StartAsync();</c> starts it on
/// free 127.0.0.1 ports with a temporary database and keys of its own, and stopping it deletes what it wrote. Share one
/// between the tests of a class (an xunit class fixture) and give each test a world of its own
/// (<see cref="CreateWorldAsync"/>): worlds are complete, independent regulators, each with its own clock.
/// </summary>
public sealed class IcpRegulator : IAsyncDisposable
{
    /// <summary>The world calls act in when they name none.</summary>
    public const string DefaultWorld = "default";

    private readonly IRegulatorHost host;
    private readonly string? temporaryDirectory;
    private readonly IcpRegulatorOptions options;

    private IcpRegulator(IRegulatorHost host, RegulatorKeys keys, string databasePath, string? temporaryDirectory, IcpRegulatorOptions options)
    {
        this.host = host;
        this.temporaryDirectory = temporaryDirectory;
        this.options = options;
        AdminKey = keys.Admin;
        ProviderKey = keys.Provider;
        SecondProviderKey = keys.SecondProvider;
        DatabasePath = databasePath;
    }

    /// <summary>The gRPC address (HTTP/2 without TLS), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address => host.Address;

    /// <summary>The HTTP/1.1 and HTTP/2 address of the JSON API (<c>/v1/…</c>), the web pages and <c>/metrics</c>; null when <see cref="IcpRegulatorOptions.Http"/> is off.</summary>
    public Uri? HttpAddress => host.HttpAddress;

    /// <summary>The administration's key: review, the clock, the outbox, worlds, faults.</summary>
    public string AdminKey { get; }

    /// <summary>The key of the default world's provider, <c>sandbox-provider</c>.</summary>
    public string ProviderKey { get; }

    /// <summary>The key of the default world's second provider, <c>sandbox-provider-2</c> (transfers between providers).</summary>
    public string SecondProviderKey { get; }

    public string DatabasePath { get; }

    public static async Task<IcpRegulator> StartAsync(IcpRegulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IcpRegulatorOptions();
        var temporary = options.DatabasePath is null
            ? Directory.CreateTempSubdirectory("icp-regulator-").FullName
            : null;
        var database = options.DatabasePath ?? Path.Combine(temporary!, "icp-regulator.db");
        var keys = RegulatorKeys.New();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            var arguments = Arguments(options, database, keys);
            IRegulatorHost host = options.Hosting == RegulatorHosting.InProcess
                ? await InProcessHost.StartAsync(arguments, options.Http, options.Log, timeout.Token)
                : await ChildProcessHost.StartAsync(arguments, options.Http, options.Log, timeout.Token);
            return new IcpRegulator(host, keys, database, temporary, options);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            DeleteDirectory(temporary);
            throw new TimeoutException($"The simulator did not answer within {options.StartTimeout} (IcpRegulatorOptions.StartTimeout); set IcpRegulatorOptions.Log to see its output.");
        }
        catch
        {
            DeleteDirectory(temporary);
            throw;
        }
    }

    /// <summary>How a gateway reaches this regulator: a world (default: the default world) and a provider key.</summary>
    public GatewayOptions GatewayOptions(string? world = null, string? providerKey = null) => new()
    {
        Address = Address,
        AdminKey = AdminKey,
        ProviderKey = providerKey ?? ProviderKey,
        World = world,
    };

    /// <summary>A client of this regulator, on a channel of its own (dispose it).</summary>
    public ProviderGatewayClient Gateway(string? world = null, string? providerKey = null) => new(GatewayOptions(world, providerKey));

    /// <summary>
    /// A new world with its own registry, orders, numbers, outbox and clock, and two provider keys in it. Its clock
    /// starts at <see cref="IcpRegulatorOptions.ClockStart"/> unless <paramref name="clockStart"/> says otherwise.
    /// </summary>
    /// <param name="worldId">Lower-case letters, digits and dashes, up to 40; generated when empty.</param>
    public async Task<RegulatorWorld> CreateWorldAsync(
        string worldId = "", long seed = 0, DateTimeOffset? clockStart = null, CancellationToken cancellationToken = default)
    {
        using var admin = Gateway();
        var world = await admin.CreateWorldAsync(worldId, seed, clockStart ?? options.ClockStart, options.ClockRate, cancellationToken);
        using var inWorld = Gateway(world.WorldId);
        var keys = new List<string>();
        foreach (var (providerId, name) in RegulatorOptions.SandboxProviders)
        {
            keys.Add((await inWorld.CreateProviderKeyAsync(providerId, name, cancellationToken: cancellationToken)).Key);
        }
        return new RegulatorWorld(this, world.WorldId, keys[0], keys[1]);
    }

    /// <summary>Stops the simulator and deletes its temporary database.</summary>
    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        DeleteDirectory(temporaryDirectory);
    }

    private static List<string> Arguments(IcpRegulatorOptions options, string database, RegulatorKeys keys)
    {
        var invariant = CultureInfo.InvariantCulture;
        return
        [
            "--data", database,
            "--clock-start", options.ClockStart.ToString("O", invariant),
            "--clock-rate", options.ClockRate.ToString(invariant),
            "--profile", options.Profile,
            "--seed", options.Seed.ToString(invariant),
            "--Logging:LogLevel:Default=Warning",
            "--Regulator:Sandbox=true",
            $"--Regulator:AdminKeys:0={keys.Admin}",
            .. new[] { keys.Provider, keys.SecondProvider }.Zip(RegulatorOptions.SandboxProviders).SelectMany((provider, i) => new[]
            {
                $"--Regulator:ProviderKeys:{i}:Key={provider.First}",
                $"--Regulator:ProviderKeys:{i}:ProviderId={provider.Second.ProviderId}",
                $"--Regulator:ProviderKeys:{i}:Name={provider.Second.Name}",
            }),
            .. options.ServerArguments,
        ];
    }

    private static void DeleteDirectory(string? directory)
    {
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record RegulatorKeys(string Admin, string Provider, string SecondProvider)
    {
        public static RegulatorKeys New() => new(Key("ak_"), Key("pk_"), Key("pk_"));

        private static string Key(string prefix) => prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    }
}
