namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>
/// How to drive the load: a closed loop of <see cref="Concurrency"/> workers, each sending its next call when the last
/// one answers, or an open loop at <see cref="Rate"/> calls per second whatever the answers (latency is then measured
/// from when each call was due, so a stalled server cannot hide its queue). Calls answered in the warm-up do not count.
/// An open loop sends nothing after the duration is up, and waits for the answers under way for <see cref="Drain"/> at
/// most: what it could not send in time, or did not hear back about by then, it counts as such.
/// </summary>
public sealed record LoadPlan(int? Concurrency, double? Rate, TimeSpan Warmup, TimeSpan Duration, int MaxInFlight = 20_000)
{
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(2);

    /// <summary>Open loop: how long after the end the calls under way may still answer.</summary>
    public TimeSpan Drain { get; init; } = DefaultDrain;

    public string Mode => Rate is { } rate ? $"open loop, {rate:0.#}/s" : $"closed loop, {Concurrency} workers";
}

/// <summary>One call of a workload; <paramref name="slot"/> spreads calls over connections. Returns false when the workload has run dry.</summary>
public delegate Task<bool> LoadOperation(int slot, CancellationToken cancellationToken);
