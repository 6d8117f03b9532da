using Spectre.Console;

namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>
/// How a run shows itself: on a terminal, a live table (successful calls a second, errors, p50/p99 so far) and a final
/// one; otherwise plain lines, one a second, that a log or a pipe can keep.
/// </summary>
public sealed class LoadConsole(TextWriter output, bool interactive)
{
    private long lastSucceeded;
    private TimeSpan lastAt;

    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public async Task<LoadResult> RunAsync(string title, Func<Action<LoadResult, TimeSpan>, Task<LoadResult>> run)
    {
        if (!interactive)
        {
            output.WriteLine(title);
            return await run(Line);
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("elapsed", "succeeded", "rate", "errors", "p50", "p99");
        table.Title(title);
        table.AddRow("-", "-", "-", "-", "-", "-");
        LoadResult? done = null;
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            done = await run((result, at) =>
            {
                var (rate, row) = Snapshot(result, at);
                table.UpdateCell(0, 0, $"{at.TotalSeconds:0.0} s").UpdateCell(0, 1, $"{result.Succeeded:N0}").UpdateCell(0, 2, $"{rate:N0}/s")
                    .UpdateCell(0, 3, $"{result.ErrorCount:N0}").UpdateCell(0, 4, $"{row.P50:0.00} ms").UpdateCell(0, 5, $"{row.P99:0.00} ms");
                context.Refresh();
            });
        });
        return done!;
    }

    public void Report(LoadReport report)
    {
        if (interactive)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"{report.Workload}: {report.Mode}, {report.Connections} connection(s)")
                .AddColumns("calls", "succeeded", "throughput", "p50", "p90", "p99", "p99.9", "max", "errors");
            table.AddRow($"{report.Calls:N0}", $"{report.Succeeded:N0}", $"{report.Throughput:N1}/s", Ms(report.Latency.P50), Ms(report.Latency.P90),
                Ms(report.Latency.P99), Ms(report.Latency.P999), Ms(report.Latency.Max), Errors(report));
            AnsiConsole.Write(table);
        }
        else
        {
            output.WriteLine($"{report.Workload}: {report.Mode}, {report.Connections} connection(s), measured {report.MeasuredSeconds:0.0} s");
            output.WriteLine($"  calls {report.Calls:N0}  succeeded {report.Succeeded:N0}  throughput {report.Throughput:N1}/s");
            output.WriteLine($"  latency p50 {Ms(report.Latency.P50)}  p90 {Ms(report.Latency.P90)}  p99 {Ms(report.Latency.P99)}  "
                + $"p99.9 {Ms(report.Latency.P999)}  max {Ms(report.Latency.Max)}");
            output.WriteLine($"  errors {Errors(report)}");
        }
        if (report.NotSent > 0)
        {
            output.WriteLine($"  not sent {report.NotSent:N0}: due before the end, but the run could not send them in time "
                + "(too many calls in flight, or a client too slow for the rate)");
        }
        if (report.Unanswered > 0)
        {
            output.WriteLine($"  unanswered {report.Unanswered:N0}: still under way {LoadPlan.DefaultDrain.TotalSeconds:0} s after the end, and cut off");
        }
        if (report.RanDry)
        {
            output.WriteLine("  (the workload ran out of prepared work before the duration was up: prepare more)");
        }
    }

    private void Line(LoadResult result, TimeSpan at)
    {
        if (at - lastAt < TimeSpan.FromSeconds(1) && at > lastAt)
        {
            return;
        }
        var (rate, row) = Snapshot(result, at);
        output.WriteLine($"  {at.TotalSeconds,5:0.0} s  {result.Succeeded,10:N0} succeeded  {rate,9:N0}/s  {result.ErrorCount:N0} errors  "
            + $"p50 {row.P50:0.00} ms  p99 {row.P99:0.00} ms");
    }

    private (double Rate, (double P50, double P99) Latency) Snapshot(LoadResult result, TimeSpan at)
    {
        var succeeded = result.Succeeded;
        var rate = at > lastAt ? (succeeded - lastSucceeded) / (at - lastAt).TotalSeconds : 0;
        (lastSucceeded, lastAt) = (succeeded, at);
        var copy = result.Latencies.Copy();
        return (rate, copy.TotalCount == 0 ? (0, 0) : (copy.GetValueAtPercentile(50) / 1000.0, copy.GetValueAtPercentile(99) / 1000.0));
    }

    private static string Ms(double millis) => $"{millis:0.00} ms";

    private static string Errors(LoadReport report) =>
        report.Errors.Count == 0 ? "none" : string.Join(", ", report.Errors.Select(e => $"{e.Key} {e.Value:N0}"));
}
