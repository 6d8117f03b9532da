using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Checks of single request fields that every adapter shares.</summary>
public static class Required
{
    public static string OrderId(string orderId) =>
        orderId.Length > 0 ? orderId : throw RegulatorErrors.Invalid("order_id", "REQUIRED", "Required.", "必填。");
}
