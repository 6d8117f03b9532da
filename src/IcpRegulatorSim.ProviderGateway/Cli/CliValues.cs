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
    public static string Name<T>(T value) where T : struct, System.Enum
    {
        var original = OriginalName(value);
        var prefix = OriginalName(default(T))[..^"UNSPECIFIED".Length];
        return original.StartsWith(prefix, StringComparison.Ordinal) ? original[prefix.Length..] : original;
    }

    private static string OriginalName<T>(T value) where T : struct, System.Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)([dhms])")]
    private static partial Regex DurationPart();
}
