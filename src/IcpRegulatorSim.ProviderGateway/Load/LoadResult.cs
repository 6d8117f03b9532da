using System.Collections.Concurrent;
using HdrHistogram;

namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>
/// What a run measured, over the measured window: the calls answered (those that succeeded, and the failures by
/// status), the latencies of the successful ones (microseconds), and the calls an open loop could not send in time or
/// that were still unanswered when the run ended.
/// </summary>
public sealed class LoadResult
{
    public const long MaxLatencyMicros = 120_000_000;

    /// <summary>The latencies of the calls that succeeded: a failure answered at once would flatter them.</summary>
    public LongConcurrentHistogram Latencies { get; } = new(1, MaxLatencyMicros, 3);
    public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
    private long calls;
    private long succeeded;
    private long unanswered;

    /// <summary>Calls answered, successfully or not.</summary>
    public long Calls => Interlocked.Read(ref calls);
    public long Succeeded => Interlocked.Read(ref succeeded);
    public long ErrorCount => Errors.Values.Sum();

    /// <summary>Open loop: calls due in the measured window that were never sent, the run having ended first.</summary>
    public long NotSent { get; internal set; }

    /// <summary>Open loop: calls sent in the measured window and still unanswered when the run ended; they were cut off.</summary>
    public long Unanswered => Interlocked.Read(ref unanswered);

    public TimeSpan Measured { get; internal set; }
    /// <summary>True when the workload ran out of prepared work before the duration was up.</summary>
    public bool RanDry { get; internal set; }

    /// <summary>Calls that succeeded, per second: a failure is never throughput.</summary>
    public double Throughput => Measured > TimeSpan.Zero ? Succeeded / Measured.TotalSeconds : 0;

    public double PercentileMillis(double percentile) =>
        Latencies.TotalCount == 0 ? 0 : Latencies.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMillis => Latencies.TotalCount == 0 ? 0 : Latencies.GetMaxValue() / 1000.0;

    internal void Record(long micros, string? error)
    {
        Interlocked.Increment(ref calls);
        if (error is not null)
        {
            Errors.AddOrUpdate(error, 1, (_, n) => n + 1);
            return;
        }
        Latencies.RecordValue(Math.Clamp(micros, 1, MaxLatencyMicros));
        Interlocked.Increment(ref succeeded);
    }

    internal void CutOff() => Interlocked.Increment(ref unanswered);
}
