using System.Globalization;
using System.Text.RegularExpressions;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>Parsing of the CLI's own value formats: durations like <c>30d</c> or <c>1h30m</c>, and enum names.</summary>
public static partial class CliValues
{
    /// <summary>A duration: <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>30d</c>, combinations (<c>1d12h</c>), or ISO 8601 (<c>P30D</c>, <c>PT5M</c>).</summary>
    public static TimeSpan Duration(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('P') || t.StartsWith('p'))
        {
            try
            {
                return System.Xml.XmlConvert.ToTimeSpan(t.ToUpperInvariant());
            }
            catch (FormatException)
            {
                throw new CliUsageException($"'{text}' is not an ISO 8601 duration.");
            }
        }
        var parts = DurationPart().Matches(t);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != t)
        {
            throw new CliUsageException($"'{text}' is not a duration (e.g. 90s, 5m, 2h, 30d, 1d12h, P30D).");
        }
        try
        {
            return parts.Aggregate(TimeSpan.Zero, (sum, p) =>
            {
                var n = double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture);
                return sum + p.Groups[2].Value switch
                {
                    "d" => TimeSpan.FromDays(n),
                    "h" => TimeSpan.FromHours(n),
                    "m" => TimeSpan.FromMinutes(n),
                    _ => TimeSpan.FromSeconds(n),
                };
            });
        }
        catch (OverflowException)
        {
            throw new CliUsageException($"'{text}' is too long a duration.");
        }
    }

    /// <summary>An enum value by its proto name, with or without the type prefix, any case, dashes for underscores.</summary>
    public static T Enum<T>(string text) where T : struct, System.Enum
    {
        var wanted = text.Trim().Replace('-', '_').ToUpperInvariant();
        foreach (var value in System.Enum.GetValues<T>().Skip(1))
        {
            if (Name(value) == wanted || OriginalName(value) == wanted)
            {
                return value;
            }
        }
        throw new CliUsageException($"'{text}' is not one of: {string.Join(", ", System.Enum.GetValues<T>().Skip(1).Select(v => Name(v)))}.");
    }

    /// <summary>The short proto name of an enum value: UNDER_REVIEW for ORDER_STATUS_UNDER_REVIEW.</summary>
    public static string Name<T>(T value) where T : struct, System.Enum => ShortName(value);

    /// <summary><see cref="Name{T}"/> for an enum value whose type is known only at run time.</summary>
    public static string ShortName(System.Enum value)
    {
        var original = OriginalName(value);
        var unspecified = OriginalName((System.Enum)System.Enum.ToObject(value.GetType(), 0));
        if (!unspecified.EndsWith("UNSPECIFIED", StringComparison.Ordinal))
        {
            // Not a proto enum (DayOfWeek…): no prefix to take off.
            return original;
        }
        var prefix = unspecified[..^"UNSPECIFIED".Length];
        return original.StartsWith(prefix, StringComparison.Ordinal) ? original[prefix.Length..] : original;
    }

    /// <summary>
    /// An instant in ISO 8601 (<c>2026-04-01T09:00:00+08:00</c>, <c>2026-04-01T01:00:00Z</c>); without an offset it is
    /// Beijing time, the time every date of a filing is in, whatever the machine's time zone.
    /// </summary>
    public static DateTimeOffset Instant(string text)
    {
        var t = text.Trim();
        if (!DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new CliUsageException($"'{text}' is not an instant (e.g. 2026-04-01T09:00:00+08:00).");
        }
        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, BeijingOffset)
            : DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    /// <summary>A plain number in the invariant culture (<c>0.5</c>, <c>86400</c>), named in the message when it is not one.</summary>
    public static double Number(string text, string what) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? n
            : throw new CliUsageException($"'{text}' is not a number ({what}).");

    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    private static string OriginalName(System.Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)([dhms])")]
    private static partial Regex DurationPart();
}
