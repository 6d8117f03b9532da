using System.CommandLine;
using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>The load generator: <c>load WORKLOAD</c> and <c>seed-filings</c>.</summary>
public sealed partial class GatewayCli
{
    private Command Load(TextWriter output, TextWriter error)
    {
        var workload = new Argument<string>("workload") { Description = "ping, submit, validate, query or mix." };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Closed loop: this many calls in flight, each sent when the last answers (default 64)." };
        var rate = new Option<double>("--rate", "-r") { Description = "Open loop: this many calls per second whatever the answers; latency counts from when each was due." };
        var duration = new Option<string>("--duration", "-d") { Description = "How long to measure (default 10s).", DefaultValueFactory = _ => "10s" };
        var warmup = new Option<string>("--warmup") { Description = "How long to run before measuring (default 3s).", DefaultValueFactory = _ => "3s" };
        var connections = new Option<int>("--connections") { Description = "HTTP/2 connections to spread the calls over, to each server (default 1).", DefaultValueFactory = _ => 1 };
        var nodes = new Option<string[]>("--node")
        {
            Description = "Another server to spread the calls over, beside --address: a node on the same PostgreSQL database (repeat for more).",
        };
        var seed = new Option<int>("--seed") { Description = "Filings come from this seed (submit: seed, validate: seed+1, query: seed+2).", DefaultValueFactory = _ => 1 };
        var prepare = new Option<int>("--prepare") { Description = "validate: orders to submit first, two codes each (default 20000).", DefaultValueFactory = _ => 20_000 };
        var pool = new Option<int>("--query-pool") { Description = "query: seeded filings to pick domains from (default 100000).", DefaultValueFactory = _ => 100_000 };
        var mix = new Option<string>("--mix") { Description = "mix: weights, e.g. submit=1,query=8,ping=1." };
        var maxInFlight = new Option<int>("--max-in-flight")
        {
            Description = "Open loop: at most this many calls under way (default 20000); calls due beyond it wait, and those not sent by the end are counted as not sent.",
            DefaultValueFactory = _ => 20_000,
        };
        var json = new Option<string>("--json") { Description = "Also write the report to this file, as JSON." };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Exit 0 even when calls failed." };
        return Make("load", "Drive a workload at the regulator and report throughput, latency percentiles and errors.", [workload],
            [concurrency, rate, duration, warmup, maxInFlight, connections, nodes, seed, prepare, pool, mix, json, allowErrors], output, error, async (r, g, p, ct) =>
            {
                var name = r.GetValue(workload)!;
                if (!Workloads.Names.Contains(name))
                {
                    throw new CliUsageException($"'{name}' is not a workload; known: {string.Join(", ", Workloads.Names)}.");
                }
                var plan = Plan(r.GetValue(concurrency), r.GetValue(rate), CliValues.Duration(r.GetValue(warmup)!), CliValues.Duration(r.GetValue(duration)!),
                    Positive(r.GetValue(maxInFlight), "--max-in-flight"));
                var options = new WorkloadOptions(r.GetValue(seed), Positive(r.GetValue(prepare), "--prepare"), Positive(r.GetValue(pool), "--query-pool"),
                    r.GetValue(mix) is { Length: > 0 } m ? Weights(m) : null);
                using var clients = LoadClients(r, Positive(r.GetValue(connections), "--connections"), r.GetValue(nodes) ?? []);
                var operation = await new Workloads(clients.Clients, output).PrepareAsync(name, options, ct);
                var console = new LoadConsole(output, LoadConsole.IsTerminal(output));
                var result = await console.RunAsync($"{name}: {plan.Mode}", progress => new LoadRunner(time).RunAsync(plan, operation, progress, ct));
                var report = LoadReport.Of(name, plan, clients.Clients.Count, result);
                console.Report(report);
                if (r.GetValue(json) is { Length: > 0 } path)
                {
                    await File.WriteAllTextAsync(path, report.ToJson(), ct);
                }
                if (report.Succeeded == 0)
                {
                    throw new LoadFailedException(NothingSucceeded(report, clients.Addresses));
                }
                if (report.Failures > 0 && !r.GetValue(allowErrors))
                {
                    string[] failures =
                    [
                        .. report.Errors.Count > 0 ? [$"{report.Errors.Values.Sum():N0} calls failed"] : Array.Empty<string>(),
                        .. report.Unanswered > 0 ? [$"{report.Unanswered:N0} were unanswered at the end"] : Array.Empty<string>(),
                    ];
                    throw new LoadFailedException($"{string.Join(" and ", failures)} (--allow-errors to exit 0 anyway).");
                }
            });
    }

    private Command SeedFilings(TextWriter output, TextWriter error)
    {
        var count = new Option<int>("--count", "-n") { Description = "How many filings to seed.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The same seed as the query load that will look them up (it uses seed+2).", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Filings per call (default 2000).", DefaultValueFactory = _ => 2000 };
        var parallel = new Option<int>("--parallel") { Description = "Calls in flight (default 2).", DefaultValueFactory = _ => 2 };
        return Make("seed-filings", "File approved filings directly (admin key), for the query load to find.", [], [count, seed, batch, parallel], output, error,
            async (r, g, p, ct) =>
            {
                using var clients = LoadClients(r, 1, []);
                var timer = System.Diagnostics.Stopwatch.StartNew();
                var (seeded, skipped) = await new Workloads(clients.Clients, output).SeedAsync(
                    r.GetValue(seed), Positive(r.GetValue(count), "--count"), Math.Clamp(r.GetValue(batch), 1, 5000), Positive(r.GetValue(parallel), "--parallel"), ct);
                p.Line($"seeded {seeded:N0} filings ({skipped:N0} already filed) in {timer.Elapsed.TotalSeconds:0.0} s");
            });
    }

    /// <summary>Why a run in which no call succeeded has no throughput to report: failures are never throughput.</summary>
    private static string NothingSucceeded(LoadReport report, IEnumerable<Uri> addresses)
    {
        if (report.Calls == 0)
        {
            return $"no call was answered in the {report.MeasuredSeconds:0.0} s measured: "
                + (report.Unanswered > 0 ? $"{report.Unanswered:N0} were still under way when the run ended." : "nothing to report (a longer --duration?).");
        }
        var errors = string.Join(", ", report.Errors.Select(e => $"{e.Key} {e.Value:N0}"));
        var hint = report.Errors.ContainsKey(nameof(Grpc.Core.StatusCode.Unavailable))
            ? $"; is the regulator running at {string.Join(", ", addresses)}?"
            : "";
        return $"no call succeeded: all {report.Calls:N0} answered calls failed ({errors}){hint}";
    }

    private LoadPlan Plan(int concurrency, double rate, TimeSpan warmup, TimeSpan duration, int maxInFlight)
    {
        if (concurrency > 0 && rate > 0)
        {
            throw new CliUsageException("Give --concurrency (closed loop) or --rate (open loop), not both.");
        }
        if (concurrency < 0 || rate < 0 || duration <= TimeSpan.Zero)
        {
            throw new CliUsageException("--concurrency, --rate and --duration must be positive.");
        }
        return rate > 0 ? new LoadPlan(null, rate, warmup, duration, maxInFlight) : new LoadPlan(concurrency > 0 ? concurrency : 64, null, warmup, duration);
    }

    /// <summary>
    /// One gateway per connection, each on its own channel, <paramref name="connections"/> to the server and to each of
    /// <paramref name="nodes"/>, taken in turn; no retries, so every failed call is seen and counted.
    /// </summary>
    private ClientSet LoadClients(ParseResult r, int connections, IReadOnlyList<string> nodes)
    {
        var options = Connection(r) with { MaxAttempts = 1 };
        var addresses = nodes.Select(ParseAddress).Prepend(options.Address).ToList();
        var targets = Enumerable.Range(0, connections).SelectMany(_ => addresses).ToList();
        var channels = targets.Select(a => GrpcChannel.ForAddress(a)).ToList();
        return new ClientSet(addresses, channels, channels.Select((c, i) => new ProviderGatewayClient(c, options with { Address = targets[i] })).ToList());
    }

    private static Dictionary<string, double> Weights(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => part.Split('=', 2)).ToDictionary(
            p => p[0],
            p => p.Length == 2 && double.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out var w) && w > 0
                ? w
                : throw new CliUsageException($"'{string.Join('=', p)}' is not workload=weight."));

    private static int Positive(int value, string option) => value > 0 ? value : throw new CliUsageException($"{option} must be positive.");

    private sealed record ClientSet(IReadOnlyList<Uri> Addresses, IReadOnlyList<GrpcChannel> Channels, IReadOnlyList<ProviderGatewayClient> Clients) : IDisposable
    {
        public void Dispose()
        {
            foreach (var channel in Channels)
            {
                channel.Dispose();
            }
        }
    }
}

/// <summary>A load run in which no call succeeded, or calls failed (unless <c>--allow-errors</c>): exit 1.</summary>
public sealed class LoadFailedException(string message) : Exception(message);
