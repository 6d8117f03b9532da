using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// The one reader of the timestamps and durations in requests. A message on the wire may carry any seconds and nanos;
/// the proto's rules (google/protobuf/duration.proto, timestamp.proto) are checked here, where the field is read, and
/// a value that breaks them is a violation naming the field, beside the request's other problems. Nothing else in the
/// adapters converts one: Google.Protobuf's own conversions throw on such values, which would answer UNKNOWN.
/// </summary>
public static class Timestamps
{
    /// <summary>The proto's range of a duration, about ±10,000 years.</summary>
    public const long MaxDurationSeconds = 315_576_000_000;

    /// <summary>The proto's range of a timestamp: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.</summary>
    public const long MinTimestampSeconds = -62_135_596_800;

    public const long MaxTimestampSeconds = 253_402_300_799;

    private const int MaxNanos = 999_999_999;

    /// <summary>The instant; refused as INVALID_ARGUMENT naming <paramref name="field"/> when it breaks the proto's rules.</summary>
    public static DateTimeOffset ToInstant(Timestamp timestamp, string field)
    {
        var v = new Violations();
        var instant = ToInstant(timestamp, field, v);
        v.ThrowIfAny();
        return instant!.Value;
    }

    /// <summary>The duration; refused as INVALID_ARGUMENT naming <paramref name="field"/> when it breaks the proto's rules.</summary>
    public static TimeSpan ToSpan(Duration duration, string field)
    {
        var v = new Violations();
        var span = ToSpan(duration, field, v);
        v.ThrowIfAny();
        return span!.Value;
    }

    /// <summary>The instant; null when it is absent, or not valid (a violation then says why, beside the request's other problems).</summary>
    public static DateTimeOffset? ToInstant(Timestamp? timestamp, string field, Violations v)
    {
        if (timestamp is null)
        {
            return null;
        }
        if (timestamp.Nanos is < 0 or > MaxNanos)
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.TimestampNanos);
            return null;
        }
        if (timestamp.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds)
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.TimestampRange);
            return null;
        }
        return timestamp.ToDateTimeOffset();
    }

    /// <summary>The duration; null when it is absent, or not valid (a violation then says why, beside the request's other problems).</summary>
    public static TimeSpan? ToSpan(Duration? duration, string field, Violations v)
    {
        if (duration is null)
        {
            return null;
        }
        if (duration.Nanos is < -MaxNanos or > MaxNanos)
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.DurationNanos);
            return null;
        }
        if ((duration.Seconds < 0 && duration.Nanos > 0) || (duration.Seconds > 0 && duration.Nanos < 0))
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.DurationSigns);
            return null;
        }
        if (duration.Seconds is < -MaxDurationSeconds or > MaxDurationSeconds)
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.DurationRange);
            return null;
        }
        return duration.ToTimeSpan();
    }
}
