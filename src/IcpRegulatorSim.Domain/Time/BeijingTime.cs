using System.Globalization;

namespace IcpRegulatorSim.Domain.Time;

/// <summary>The regulator works in China Standard Time (UTC+8, no daylight saving): days, dates and years are counted there.</summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToBeijing(this DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>
    /// An instant in ISO 8601 (<c>2026-03-02T09:00:00+08:00</c>, <c>2026-03-02T01:00:00Z</c>); without an offset it is
    /// Beijing time (<c>2026-03-02T09:00</c> is nine in the morning in Beijing), whatever the machine's time zone.
    /// Null when the text is not an instant.
    /// </summary>
    public static DateTimeOffset? ParseInstant(string text)
    {
        var t = text.Trim();
        if (!DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }
        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, Offset)
            : DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    /// <summary>The first instant of a Beijing date.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);
}
