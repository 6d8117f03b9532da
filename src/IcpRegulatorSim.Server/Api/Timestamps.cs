using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Timestamps and durations from requests, refused as invalid when .NET cannot represent them.</summary>
public static class Timestamps
{
    public static DateTimeOffset ToInstant(Timestamp timestamp, string field)
    {
        var v = new Violations();
        var instant = ToInstant(timestamp, field, v);
        v.ThrowIfAny();
        return instant!.Value;
    }

    public static TimeSpan ToSpan(Duration duration, string field)
    {
        var v = new Violations();
        var span = ToSpan(duration, field, v);
        v.ThrowIfAny();
        return span!.Value;
    }

    /// <summary>The instant; null when it is absent, or not representable (a violation then says so, beside the request's other problems).</summary>
    public static DateTimeOffset? ToInstant(Timestamp? timestamp, string field, Violations v)
    {
        try
        {
            return timestamp?.ToDateTimeOffset();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.UnrepresentableInstant);
            return null;
        }
    }

    /// <summary>The duration; null when it is absent, or not representable (a violation then says so).</summary>
    public static TimeSpan? ToSpan(Duration? duration, string field, Violations v)
    {
        try
        {
            return duration?.ToTimeSpan();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException or OverflowException)
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.UnrepresentableDuration);
            return null;
        }
    }
}
