using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.Harness;

/// <summary>
/// A world of an <see cref="IcpRegulator"/>: a regulator of its own, with its own clock and two providers. A test that
/// takes a new one sees no order, message or number of any other test, whatever runs beside it.
/// </summary>
public sealed class RegulatorWorld
{
    private readonly IcpRegulator regulator;

    internal RegulatorWorld(IcpRegulator regulator, string id, string providerKey, string secondProviderKey)
    {
        this.regulator = regulator;
        Id = id;
        ProviderKey = providerKey;
        SecondProviderKey = secondProviderKey;
    }

    public string Id { get; }

    /// <summary>The key of the world's provider, <c>sandbox-provider</c>.</summary>
    public string ProviderKey { get; }

    /// <summary>The key of the world's second provider, <c>sandbox-provider-2</c>.</summary>
    public string SecondProviderKey { get; }

    public Uri Address => regulator.Address;

    public Uri? HttpAddress => regulator.HttpAddress;

    public string AdminKey => regulator.AdminKey;

    /// <summary>How a gateway reaches this world, as its first provider or with another key.</summary>
    public GatewayOptions GatewayOptions(string? providerKey = null) => regulator.GatewayOptions(Id, providerKey ?? ProviderKey);

    /// <summary>A client acting in this world, on a channel of its own (dispose it).</summary>
    public ProviderGatewayClient Gateway(string? providerKey = null) => new(GatewayOptions(providerKey));

    /// <summary>Deletes the world and everything in it.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var admin = regulator.Gateway();
        await admin.DeleteWorldAsync(Id, cancellationToken);
    }
}
