using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>
/// Runs a <see cref="LoadPlan"/>: sends calls, times them, counts every non-OK answer by its status. Every reading and
/// every wait (the open loop's pacing, the progress reports) is on <c>time</c>, so a test runs it on a fake clock.
/// </summary>
public sealed class LoadRunner(TimeProvider time)
{
    private static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);

    public async Task<LoadResult> RunAsync(
        LoadPlan plan, LoadOperation operation, Action<LoadResult, TimeSpan>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = new LoadResult();
        var start = time.GetTimestamp();
        var measureFrom = start + Ticks(plan.Warmup);
        var until = measureFrom + Ticks(plan.Duration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A report under way when the run ends is let finish, and none comes after the last one: the caller may then
        // close what progress writes to.
        var reports = new Lock();
        var finished = false;
        using var reporting = progress is null ? null : time.CreateTimer(_ =>
        {
            lock (reports)
            {
                if (!finished)
                {
                    progress(result, time.GetElapsedTime(start));
                }
            }
        }, null, ReportEvery, ReportEvery);

        var run = plan.Rate is { } rate
            ? OpenLoopAsync(rate, plan.MaxInFlight, operation, result, start, measureFrom, until, stop, cancellationToken)
            : ClosedLoopAsync(plan.Concurrency ?? 1, operation, result, measureFrom, until, stop, cancellationToken);
        await run;
        var end = Math.Min(time.GetTimestamp(), until);
        result.Measured = end > measureFrom ? time.GetElapsedTime(measureFrom, end) : TimeSpan.Zero;
        await stop.CancelAsync();
        lock (reports)
        {
            finished = true;
            progress?.Invoke(result, time.GetElapsedTime(start));
        }
        return result;
    }

    /// <remarks>
    /// <paramref name="stop"/> stops the sending (the workload ran dry); calls under way then still get their answer.
    /// Only <paramref name="cancellationToken"/> (the caller giving up) cancels them.
    /// </remarks>
    private async Task ClosedLoopAsync(
        int workers, LoadOperation operation, LoadResult result, long measureFrom, long until, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && time.GetTimestamp() < until)
            {
                var sent = time.GetTimestamp();
                var outcome = await CallAsync(operation, worker, cancellationToken);
                var answered = time.GetTimestamp();
                if (outcome.Answered && sent >= measureFrom && answered <= until)
                {
                    result.Record(Micros(sent, answered), outcome.Error);
                }
                if (outcome.Dry)
                {
                    result.RanDry = true;
                    await stop.CancelAsync();
                }
            }
        })));
    }

    private async Task OpenLoopAsync(
        double rate, int maxInFlight, LoadOperation operation, LoadResult result, long start, long measureFrom, long until, CancellationTokenSource stop,
        CancellationToken cancellationToken)
    {
        var interval = time.TimestampFrequency / rate;
        var total = (long)((until - start) / interval);
        using var slots = new SemaphoreSlim(maxInFlight);
        var inFlight = new List<Task>();
        long issued = 0;
        try
        {
            while (issued < total && !stop.IsCancellationRequested)
            {
                var due = Math.Min(total, (long)((time.GetTimestamp() - start) / interval) + 1);
                for (; issued < due && !stop.IsCancellationRequested; issued++)
                {
                    // Each call has the instant it was due; when the server stalls, calls queue here and the wait counts.
                    var intended = start + (long)(issued * interval);
                    await slots.WaitAsync(stop.Token);
                    inFlight.Add(Send(operation, (int)(issued % int.MaxValue), intended, result, measureFrom, until, slots, stop, cancellationToken));
                }
                inFlight.RemoveAll(t => t.IsCompleted);
                // Until the next call is due, and a millisecond at least: at thousands of calls a second, checking
                // every millisecond costs little and sends each call less than a millisecond late.
                var untilNext = time.GetElapsedTime(time.GetTimestamp(), start + (long)(issued * interval));
                await Task.Delay(untilNext > MinPause ? untilNext : MinPause, time, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The workload ran dry or the run was cancelled: stop sending, and still collect the answers under way.
        }
        // Late answers are the point of an open loop: wait for them before reporting.
        await Task.WhenAll(inFlight);
    }

    private Task Send(
        LoadOperation operation, int slot, long intended, LoadResult result, long measureFrom, long until, SemaphoreSlim slots, CancellationTokenSource stop,
        CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                var outcome = await CallAsync(operation, slot, cancellationToken);
                if (outcome.Answered && intended >= measureFrom && intended < until)
                {
                    result.Record(Micros(intended, time.GetTimestamp()), outcome.Error);
                }
                if (outcome.Dry)
                {
                    result.RanDry = true;
                    await stop.CancelAsync();
                }
            }
            finally
            {
                slots.Release();
            }
        });

    private static async Task<Outcome> CallAsync(LoadOperation operation, int slot, CancellationToken cancellationToken)
    {
        try
        {
            return await operation(slot, cancellationToken) ? Outcome.Ok : Outcome.RanDry;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: calls cut short are neither answers nor failures of the server.
            return Outcome.Cancelled;
        }
        catch (RegulatorCallException e)
        {
            return new Outcome(true, e.StatusCode.ToString(), false);
        }
        catch (RpcException e)
        {
            return new Outcome(true, e.StatusCode.ToString(), false);
        }
        catch (WorkloadException e)
        {
            return new Outcome(true, e.Kind, false);
        }
    }

    /// <summary>How one call ended: answered (OK, or with an error status), or not sent because the work ran dry or the run stopped.</summary>
    private readonly record struct Outcome(bool Answered, string? Error, bool Dry)
    {
        public static readonly Outcome Ok = new(true, null, false);
        public static readonly Outcome RanDry = new(false, null, true);
        public static readonly Outcome Cancelled = new(false, null, false);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private long Micros(long from, long to) => (to - from) * 1_000_000 / time.TimestampFrequency;
}
