using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Checks of single request fields that every adapter shares.</summary>
public static class Required
{
    public static string OrderId(string orderId) => Text("order_id", orderId);

    public static string Text(string field, string value) =>
        value.Trim().Length > 0 ? value.Trim() : throw RegulatorErrors.Invalid(field, "REQUIRED", "Required.", "必填。");
}
