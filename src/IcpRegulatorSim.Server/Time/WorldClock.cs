namespace IcpRegulatorSim.Server.Time;

/// <summary>
/// A world's simulated clock: simulated time = base + (real time − real base) × rate. Rate 1 runs at real speed,
/// 86400 runs a day per second, 0 is frozen (only AdvanceClock moves it).
/// </summary>
public sealed record WorldClock(long BaseRealMs, long BaseSimMs, double Rate, long StartMs)
{
    public DateTimeOffset Now(DateTimeOffset real) =>
        DateTimeOffset.FromUnixTimeMilliseconds(BaseSimMs + (long)((real.ToUnixTimeMilliseconds() - BaseRealMs) * Rate));

    /// <summary>The same clock, re-based so that it reads <paramref name="simulated"/> at <paramref name="real"/>.</summary>
    public WorldClock SetTo(DateTimeOffset simulated, DateTimeOffset real) =>
        this with { BaseRealMs = real.ToUnixTimeMilliseconds(), BaseSimMs = simulated.ToUnixTimeMilliseconds() };

    /// <summary>
    /// How long, in real time, until the clock reads <paramref name="due"/>; null when it never will: frozen, or so slow
    /// (a rate such as 1e-300 is allowed) that the wait is longer than a <see cref="TimeSpan"/> can hold.
    /// </summary>
    public TimeSpan? RealDelayUntil(DateTimeOffset due, DateTimeOffset real)
    {
        var simulatedAhead = (due - Now(real)).TotalMilliseconds;
        if (simulatedAhead <= 0)
        {
            return TimeSpan.Zero;
        }
        var realAhead = Math.Ceiling(simulatedAhead / Rate);
        return Rate > 0 && realAhead < TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(realAhead) : null;
    }
}
