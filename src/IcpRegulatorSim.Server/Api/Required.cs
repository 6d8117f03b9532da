using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Checks of single request fields that every adapter shares.</summary>
public static class Required
{
    /// <summary>
    /// Longer than any identifier the regulator issues or accepts (order ids are "ord-" and digits, world ids at most
    /// 40 characters). A longer one names nothing, and the NOT_FOUND that quoted it would carry it in its trailers
    /// three times over: past 64 KB a .NET client drops the whole connection, and every call on it fails.
    /// </summary>
    public const int MaxIdLength = 64;

    public static string OrderId(string orderId) => Id("order_id", orderId);

    /// <summary>An identifier: required, and no longer than <see cref="MaxIdLength"/>.</summary>
    public static string Id(string field, string value)
    {
        var id = Text(field, value);
        return id.Length <= MaxIdLength
            ? id
            : throw RegulatorErrors.Invalid(field, "OUT_OF_RANGE", $"At most {MaxIdLength} characters.", $"最多{MaxIdLength}个字符。");
    }

    public static string Text(string field, string value) =>
        value.Trim().Length > 0 ? value.Trim() : throw RegulatorErrors.Invalid(field, "REQUIRED", "Required.", "必填。");
}
