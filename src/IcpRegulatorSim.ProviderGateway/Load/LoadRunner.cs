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
            ? OpenLoopAsync(rate, plan.MaxInFlight, plan.Drain, operation, result, start, measureFrom, until, stop, cancellationToken)
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
        double rate, int maxInFlight, TimeSpan drain, LoadOperation operation, LoadResult result, long start, long measureFrom, long until,
        CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var interval = time.TimestampFrequency / rate;
        var total = (long)((until - start) / interval);
        using var slots = new SemaphoreSlim(maxInFlight);
        using var cutOff = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new List<Task>();
        long issued = 0;
        try
        {
            // Sending ends with the duration, whatever is still due (a client that could not keep up, calls under way
            // at their limit): the run ends on time, and what was not sent is counted as such.
            while (issued < total && !stop.IsCancellationRequested && time.GetTimestamp() < until)
            {
                var due = Math.Min(total, (long)((time.GetTimestamp() - start) / interval) + 1);
                for (; issued < due && !stop.IsCancellationRequested; issued++)
                {
                    // Each call has the instant it was due; when the server stalls, calls queue here and the wait counts.
                    var intended = start + (long)(issued * interval);
                    if (!await SlotAsync(slots, until, stop.Token))
                    {
                        break;
                    }
                    inFlight.Add(Send(operation, (int)(issued % int.MaxValue), intended, result, measureFrom, until, slots, stop, cutOff.Token, cancellationToken));
                }
                if (time.GetTimestamp() >= until)
                {
                    break;
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
        if (!stop.IsCancellationRequested)
        {
            var firstMeasured = (long)Math.Ceiling((measureFrom - start) / interval);
            result.NotSent = Math.Max(0, total - Math.Max(issued, firstMeasured));
        }
        // Late answers are the point of an open loop: wait for them, for the drain at most, then cut off the calls still
        // under way, and count them. (The caller giving up cancels them at once, and the run ends with what it has.)
        var answers = Task.WhenAll(inFlight);
        try
        {
            await answers.WaitAsync(drain, time);
        }
        catch (TimeoutException)
        {
            await cutOff.CancelAsync();
            await answers;
        }
    }

    /// <summary>
    /// Takes a slot for one more call under way, looking again every millisecond (a wait on the clock, so that the run
    /// still ends on time when no answer comes); false when the run is over before one is free.
    /// </summary>
    private async Task<bool> SlotAsync(SemaphoreSlim slots, long until, CancellationToken stop)
    {
        while (time.GetTimestamp() < until)
        {
            if (slots.Wait(0))
            {
                return true;
            }
            await Task.Delay(MinPause, time, stop);
        }
        return false;
    }

    /// <summary>
    /// Makes one call. It starts on the sender's thread, up to its first wait (a call under way on the network, a test's
    /// wait on the clock), so that a test's clock never moves on before the call has begun.
    /// </summary>
    private async Task Send(
        LoadOperation operation, int slot, long intended, LoadResult result, long measureFrom, long until, SemaphoreSlim slots, CancellationTokenSource stop,
        CancellationToken cutOff, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await CallAsync(operation, slot, cutOff);
            var measured = intended >= measureFrom && intended < until;
            if (outcome.Answered && measured)
            {
                result.Record(Micros(intended, time.GetTimestamp()), outcome.Error);
            }
            else if (!outcome.Answered && !outcome.Dry && measured && !cancellationToken.IsCancellationRequested)
            {
                result.CutOff();
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
    }

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

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private long Micros(long from, long to) => (to - from) * 1_000_000 / time.TimestampFrequency;
}
