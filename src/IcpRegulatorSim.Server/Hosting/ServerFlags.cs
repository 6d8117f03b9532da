using System.Globalization;
using System.Text;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// The server's command line. It knows its own flags: the short ones for the settings people change most, any setting
/// of the Regulator section by its path (<c>--Regulator:TrustUnknownDomains false</c>), and log levels
/// (<c>--Logging:LogLevel:Grpc Debug</c>). Anything else stops the server, named: ASP.NET Core's configuration takes any
/// <c>--name value</c> pair and ignores what it does not use, so a typo (<c>--clock-rat 0</c>) would pass unnoticed.
/// </summary>
public static class ServerFlags
{
    private const string Section = "Regulator";

    /// <summary>What to do about a port that is taken.</summary>
    public const string OtherPorts = "Start this server on other ports: make run PORT=50061 WEB_PORT=8081, or --port and --web-port.";

    private static readonly Setting[] Settings =
    [
        new("Port", "--port", "PORT", "the gRPC port on 127.0.0.1 (HTTP/2 without TLS); 0 picks a free one [make run PORT=]", Whole(0, 65535)),
        new("WebPort", "--web-port", "PORT", "the port of the web pages, HTTP/JSON and /metrics; 0 picks a free one, -1 serves none [make run WEB_PORT=]", Whole(-1, 65535)),
        new("Data", "--data", "FILE|URL", "the SQLite file (one server's), :memory:, or a PostgreSQL database servers share (postgres://user@host:port/db) [make run DATA=]", NotEmpty),
        new("Rules", "--rules", "DIR", "a rules directory instead of the rules built into the server", ExistingDirectory),
        new("Profile", "--profile", "NAME", "the rule profile in force: current or 2018-pilot", NotEmpty),
        new("Seed", "--seed", "NUMBER", "the default world's seed: review times and number ranges derive from it", Whole(long.MinValue, long.MaxValue)),
        new("ClockStart", "--clock-start", "INSTANT", "where a new world's clock starts: now, or an ISO 8601 instant (Beijing time without an offset)", ClockStart),
        new("ClockRate", "--clock-rate", "RATE", "simulated seconds per real second for a new world; 0 freezes the clock", Rate),
        new("LogFormat", "--log-format", "text|json", "the console's text, or one JSON object a line with the request's scope", OneOf("text", "json")),
        new("Sandbox", null, "true|false", "serve the sandbox controls; without configured keys the documented sandbox keys work", Boolean),
        new("TrustUnknownDomains", null, "true|false", "domains the registry does not know pass its checks", Boolean),
        new("PasswordHashIterations", null, "NUMBER", "PBKDF2 iterations of filing password hashes", Whole(1, int.MaxValue)),
        new("WarmPages", "--warm-pages", "true|false", "load the applicant's pages once after the first answer, so that a class's first round finds them ready [make run passes true]", Boolean),
        new("FullSync", null, "true|false", "SQLite commits survive a power cut too, not only a crash of the process", Boolean),
        new("AdminKeys:#", null, "KEY", "an administration key (# counts from 0); none configured: sandbox-admin-key in sandbox mode", Any),
        new("ProviderKeys:#:Key", null, "KEY", "a provider's key, with ProviderKeys:#:ProviderId, :Name, :World and :Province beside it", Any),
        new("ProviderKeys:#:ProviderId", null, "ID", "", Any),
        new("ProviderKeys:#:Name", null, "NAME", "", Any),
        new("ProviderKeys:#:World", null, "WORLD", "", Any),
        new("ProviderKeys:#:Province", null, "PROVINCE", "", Any),
    ];

    /// <summary>The short flags, as the configuration's switch mappings.</summary>
    public static IDictionary<string, string> Switches { get; } =
        Settings.Where(s => s.Flag is not null).ToDictionary(s => s.Flag!, s => $"{Section}:{s.Key}", StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses an argument that is not one of the server's flags followed by its value (<c>--name value</c> or
    /// <c>--name=value</c>). The values themselves are checked with the other sources (<see cref="Check(IConfiguration)"/>).
    /// </summary>
    public static void Check(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw Refused($"'{arg}' is not a flag of the server; a flag is --name VALUE (--help lists them).");
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (!Known(name[2..]))
            {
                throw Refused($"unknown flag {name}{Suggestion(name)}; --help lists the server's flags.");
            }
            if (equals < 0)
            {
                if (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw Refused($"{name} needs a value (--help lists the server's flags).");
                }
                i++;
            }
        }
    }

    /// <summary>
    /// Refuses a setting the server does not have and a value it cannot use, from every source (the command line,
    /// environment variables, appsettings.json), naming the flag that sets it: before anything is opened or bound.
    /// </summary>
    public static void Check(IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection(Section).AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }
            var setting = Find(key) ?? throw Refused($"unknown setting {Section}:{key}{Suggestion($"--{Section}:{key}")}; --help lists the server's settings.");
            if (setting.Problem(value) is { } problem)
            {
                throw Refused($"{setting.Name(key)} '{value}' {problem}.");
            }
        }
        foreach (var (key, value) in configuration.GetSection("Logging").AsEnumerable())
        {
            if (value is not null && key.Split(':') is [.., "LogLevel", _] && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
            {
                throw Refused($"--{key} '{value}' is not a log level: {string.Join(", ", Enum.GetNames<LogLevel>())}.");
            }
        }
    }

    /// <summary>What <c>--help</c> prints.</summary>
    public static string Help
    {
        get
        {
            var text = new StringBuilder()
                .AppendLine("IcpRegulatorSim: the regulator's side of ICP filing over gRPC, with web pages and HTTP/JSON on a second port.")
                .AppendLine()
                .AppendLine("Usage: make run [PORT=50051] [WEB_PORT=8080] [DATA=data/icp-regulator.db] [ARGS=\"flags\"]")
                .AppendLine("   or: dotnet IcpRegulatorSim.Server.dll [flags]")
                .AppendLine()
                .AppendLine("Flags (--name VALUE or --name=VALUE):");
            foreach (var setting in Settings.Where(s => s.Flag is not null))
            {
                text.AppendLine($"  {setting.Flag} {setting.Value}".PadRight(28) + setting.Help);
            }
            text.AppendLine().AppendLine("Settings without a short flag, by their path in appsettings.json's Regulator section (as --Regulator:Port too):");
            foreach (var setting in Settings.Where(s => s.Flag is null && s.Help.Length > 0))
            {
                text.AppendLine($"  --{Section}:{setting.Key} {setting.Value}".PadRight(50) + setting.Help);
            }
            return text.AppendLine()
                .AppendLine("Log levels: --Logging:LogLevel:CATEGORY LEVEL (Default, Grpc, Microsoft.AspNetCore, IcpRegulatorSim…; Trace to None).")
                .AppendLine("  --help                  this text")
                .ToString();
        }
    }

    private static bool Known(string name) =>
        Switches.ContainsKey($"--{name}")
        || (name.StartsWith($"{Section}:", StringComparison.OrdinalIgnoreCase) && Find(name[(Section.Length + 1)..]) is not null)
        || (name.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase) && name.Length > "Logging:".Length);

    /// <summary>The setting at <paramref name="key"/> (relative to the section), where <c>#</c> in a setting's key is a list index.</summary>
    private static Setting? Find(string key)
    {
        var parts = key.Split(':');
        return Settings.FirstOrDefault(s => s.Key.Split(':') is var pattern && pattern.Length == parts.Length
            && pattern.Zip(parts).All(p => p.First == "#" ? p.Second.Length > 0 && p.Second.All(char.IsAsciiDigit) : p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The closest flag to a mistyped one, if one is close: " (did you mean --clock-rate?)".</summary>
    private static string Suggestion(string name)
    {
        var candidates = Settings.Select(s => s.Flag).OfType<string>()
            .Concat(Settings.Where(s => !s.Key.Contains('#', StringComparison.Ordinal)).Select(s => $"--{Section}:{s.Key}"));
        var (best, distance) = candidates.Select(c => (c, Distance(c.ToLowerInvariant(), name.ToLowerInvariant()))).MinBy(c => c.Item2);
        return distance <= Math.Max(2, name.Length / 5) ? $" (did you mean {best}?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static ServerStartException Refused(string message) => new(message);

    private static Func<string, string?> Whole(long min, long max) => value =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : min == long.MinValue ? "is not a whole number" : $"is not a whole number from {min} to {max}";

    private static string? Rate(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate) && rate >= 0
            ? null
            : "is not a number of 0 or more (simulated seconds per real second: 1 real time, 60 a minute a second, 0 frozen)";

    private static string? Boolean(string value) => bool.TryParse(value, out _) ? null : "is neither true nor false";

    private static string? ClockStart(string value) =>
        value.Trim().Equals("now", StringComparison.OrdinalIgnoreCase) || BeijingTime.ParseInstant(value) is not null
            ? null
            : "is neither 'now' nor an ISO 8601 instant such as 2026-03-02T09:00 (Beijing time without an offset)";

    private static string? ExistingDirectory(string value) => System.IO.Directory.Exists(value) ? null : "is not a directory";

    private static string? NotEmpty(string value) => string.IsNullOrWhiteSpace(value) ? "is empty" : null;

    private static string? Any(string value) => null;

    private static Func<string, string?> OneOf(params string[] values) => value =>
        values.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"is not one of: {string.Join(", ", values)}";

    /// <param name="Key">The path in the Regulator section; <c>#</c> stands for a list index.</param>
    /// <param name="Flag">The short flag, if it has one.</param>
    /// <param name="Problem">What is wrong with a value, or null when it is right.</param>
    private sealed record Setting(string Key, string? Flag, string Value, string Help, Func<string, string?> Problem)
    {
        public string Name(string key) => Flag ?? $"--{Section}:{key}";
    }
}
