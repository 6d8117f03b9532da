using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Timestamps and durations from requests, refused as invalid when .NET cannot represent them.</summary>
public static class Timestamps
{
    public static DateTimeOffset ToInstant(Timestamp timestamp, string field)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw RegulatorErrors.Invalid(field, "OUT_OF_RANGE", "Not a representable instant.", "不是有效的时间。");
        }
    }

    public static TimeSpan ToSpan(Duration duration, string field)
    {
        try
        {
            return duration.ToTimeSpan();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException or OverflowException)
        {
            throw RegulatorErrors.Invalid(field, "OUT_OF_RANGE", "Not a representable duration.", "不是有效的时长。");
        }
    }
}
