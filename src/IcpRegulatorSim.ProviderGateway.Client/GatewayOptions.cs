namespace IcpRegulatorSim.ProviderGateway.Client;

/// <summary>How the gateway reaches the regulator and who it is there.</summary>
public sealed record GatewayOptions
{
    /// <summary>The keys the simulator accepts in sandbox mode when none are configured.</summary>
    public const string SandboxProviderKey = "sandbox-provider-key";
    /// <summary>A second sandbox provider, for transfers (ADD_ACCESS) between providers.</summary>
    public const string SecondSandboxProviderKey = "sandbox-provider-2-key";
    public const string SandboxAdminKey = "sandbox-admin-key";

    public Uri Address { get; init; } = new("http://127.0.0.1:50051");

    /// <summary>The access provider's API key (FilingService, password checks).</summary>
    public string ProviderKey { get; init; } = SandboxProviderKey;

    /// <summary>The administration's key (ReviewService, SandboxService).</summary>
    public string AdminKey { get; init; } = SandboxAdminKey;

    /// <summary>The world public and admin calls act in; null for the default world.</summary>
    public string? World { get; init; }

    /// <summary>The deadline of each attempt.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of a call that is safe to retry (reads, and submissions thanks to their idempotency key).</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);
}
