namespace IcpRegulatorSim.Harness;

/// <summary>Where the simulator runs.</summary>
public enum RegulatorHosting
{
    /// <summary>In the test's own process: the fastest start, and the test can be debugged through the server.</summary>
    InProcess,

    /// <summary>As a process of its own (<c>dotnet IcpRegulatorSim.Server.dll</c>): its memory and its crashes are its own.</summary>
    ChildProcess,
}

/// <summary>How <see cref="IcpRegulator.StartAsync"/> starts the simulator. Every setting has a default fit for a test.</summary>
public sealed record IcpRegulatorOptions
{
    /// <summary>The default start of the clock: Monday 2 March 2026, 09:00 in Beijing, a working day.</summary>
    public static readonly DateTimeOffset DefaultClockStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public RegulatorHosting Hosting { get; init; } = RegulatorHosting.InProcess;

    /// <summary>Where every world's clock starts.</summary>
    public DateTimeOffset ClockStart { get; init; } = DefaultClockStart;

    /// <summary>0 (the default) freezes the clock: it moves only when the test advances it. 1 is real speed.</summary>
    public double ClockRate { get; init; }

    /// <summary>The rule profile: <c>current</c>, or <c>2018-pilot</c> (SMS validation in the pilot provinces only).</summary>
    public string Profile { get; init; } = "current";

    /// <summary>The seed of the default world: the same seed, the same codes and numbers.</summary>
    public long Seed { get; init; } = 20260302;

    /// <summary>Also serve the web pages and the HTTP/JSON API (<see cref="IcpRegulator.HttpAddress"/>).</summary>
    public bool Http { get; init; } = true;

    /// <summary>
    /// The database file; by default a file in a temporary directory that is deleted with the regulator. A file that
    /// exists is opened as it is, so a test can restart a regulator on the same data.
    /// </summary>
    public string? DatabasePath { get; init; }

    /// <summary>More of the server's own flags (see its README), e.g. <c>["--Regulator:TrustUnknownDomains=false"]</c>.</summary>
    public IReadOnlyList<string> ServerArguments { get; init; } = [];

    /// <summary>Where the server's log goes (warnings and errors); nowhere by default.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>How long a start may take before it is given up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
