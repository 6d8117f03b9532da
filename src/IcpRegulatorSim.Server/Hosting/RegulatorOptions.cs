using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>The server's settings: the "Regulator" configuration section, with short command-line flags for the common ones.</summary>
public sealed class RegulatorOptions
{
    public const string DefaultWorld = "default";
    public const string SandboxProviderKey = "sandbox-provider-key";
    public const string SecondSandboxProviderKey = "sandbox-provider-2-key";
    public const string SandboxAdminKey = "sandbox-admin-key";

    /// <summary>The TCP port on 127.0.0.1 (HTTP/2 without TLS); 0 picks a free one.</summary>
    public int Port { get; set; } = 50051;

    /// <summary>The web pages' TCP port on 127.0.0.1 (HTTP/1.1 and HTTP/2); 0 picks a free one, -1 serves no pages.</summary>
    public int WebPort { get; set; } = 8080;

    /// <summary>How the logs are written: <c>text</c> (the console's), or <c>json</c>, one object a line with the request's scope.</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>
    /// The SQLite file, <c>:memory:</c> for a temporary database deleted on shutdown, or a PostgreSQL database that
    /// several nodes may share (<c>postgres://user@host:port/database</c>, see docs/multi-node.md).
    /// </summary>
    public string Data { get; set; } = "data/icp-regulator.db";

    /// <summary>The rules directory; by default the one shipped beside the server.</summary>
    public string? Rules { get; set; }

    /// <summary>The rule profile in force: <c>current</c> or <c>2018-pilot</c>.</summary>
    public string Profile { get; set; } = "current";

    /// <summary>Sandbox mode: sandbox controls are served, and without configured keys the documented sandbox keys work.</summary>
    public bool Sandbox { get; set; } = true;

    /// <summary>The default world's seed: review times and number ranges derive from it.</summary>
    public long Seed { get; set; } = 20260302;

    /// <summary>Where a new world's clock starts: an ISO 8601 instant (Beijing time when it has no offset), or <c>now</c> for real time.</summary>
    public string ClockStart { get; set; } = "now";

    /// <summary>Simulated seconds per real second for a new world; 0 freezes the clock.</summary>
    public double ClockRate { get; set; } = 1.0;

    /// <summary>Domains with no registration in the registry pass the registry checks (registered domains are always checked).</summary>
    public bool TrustUnknownDomains { get; set; } = true;

    /// <summary>PBKDF2 iterations of filing password hashes.</summary>
    public int PasswordHashIterations { get; set; } = 20_000;

    /// <summary>
    /// The applicant's pages loaded once by the server itself after its first answer, so that a class's first round
    /// does not pay for their first render; off for a test suite's server, which has no class waiting.
    /// </summary>
    public bool WarmPages { get; set; }

    /// <summary>Synchronous FULL: commits survive a power cut too, not only a crash of the process.</summary>
    public bool FullSync { get; set; }

    public List<ProviderKeyOptions> ProviderKeys { get; set; } = [];

    public List<string> AdminKeys { get; set; } = [];

    /// <summary>The sandbox's two providers (the second for transfers), in every world that is given its keys.</summary>
    public static readonly IReadOnlyList<(string ProviderId, string Name)> SandboxProviders =
    [
        ("sandbox-provider", "Sandbox Hosting Co. (沙箱接入商)"),
        ("sandbox-provider-2", "Second Sandbox Cloud (第二沙箱云)"),
    ];

    public IReadOnlyList<ProviderKeyOptions> EffectiveProviderKeys() =>
        ProviderKeys.Count > 0 || !Sandbox
            ? ProviderKeys
            : [.. new[] { SandboxProviderKey, SecondSandboxProviderKey }.Zip(SandboxProviders,
                (key, provider) => new ProviderKeyOptions { Key = key, ProviderId = provider.ProviderId, Name = provider.Name })];

    public IReadOnlyList<string> EffectiveAdminKeys() =>
        AdminKeys.Count > 0 || !Sandbox ? AdminKeys : [SandboxAdminKey];

    public DateTimeOffset ClockStartAt(DateTimeOffset realNow) =>
        ClockStart.Trim().Equals("now", StringComparison.OrdinalIgnoreCase)
            ? realNow
            : BeijingTime.ParseInstant(ClockStart)?.ToUniversalTime()
              ?? throw new InvalidOperationException(
                  $"Regulator:ClockStart (--clock-start) '{ClockStart}' is neither 'now' nor an ISO 8601 instant such as 2026-03-02T09:00 (Beijing time without an offset).");
}

public sealed class ProviderKeyOptions
{
    public string Key { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Name { get; set; } = "";
    public string World { get; set; } = RegulatorOptions.DefaultWorld;

    /// <summary>The province the provider is in (e.g. "zhejiang"), for the rule that providers file only there.</summary>
    public string? Province { get; set; }
}
