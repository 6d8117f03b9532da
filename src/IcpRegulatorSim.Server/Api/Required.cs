using IcpRegulatorSim.Domain.Checks;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Checks of single request fields that every adapter shares.</summary>
public static class Required
{
    public static string OrderId(string orderId) => Id("order_id", orderId);

    /// <summary>An identifier: required, and no longer than <see cref="Violations.MaxIdLength"/>.</summary>
    public static string Id(string field, string value)
    {
        var v = new Violations();
        var id = v.Id(field, value);
        v.ThrowIfAny();
        return id;
    }
}
