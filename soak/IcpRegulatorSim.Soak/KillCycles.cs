using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Soak;

/// <summary>What the kill cycles found.</summary>
public sealed record KillReport(
    int Cycles, int Acknowledged, int Found, long OrdersInDatabase, long CodesChecked, int IntegrityOk, int ClockChecks, TimeSpan Elapsed,
    IReadOnlyList<string> Problems)
{
    public bool Held => Problems.Count == 0 && Found == Acknowledged && IntegrityOk == Cycles && ClockChecks == Cycles;
}

/// <summary>
/// Submissions from several workers, the server killed outright at a moment drawn from the seed, a restart on the
/// same file; then the file's integrity, the clock, and every order acknowledged in any cycle so far. The first
/// cycle that finds a problem is the last.
/// </summary>
public sealed class KillCycles(SoakOptions options, string directory, ServerLog log)
{
    public async Task<KillReport> RunAsync()
    {
        var random = new Random(options.Seed);
        var samples = new SampleFilings(options.Seed);
        var ledger = new Ledger();
        var database = Path.Combine(directory, "kill.db");
        var problems = new List<string>();
        var integrityOk = 0;
        var clockChecks = 0;
        LedgerCheck? last = null;
        var timer = System.Diagnostics.Stopwatch.StartNew();

        ServerProcess? server = await ServerProcess.StartAsync(database, log);
        try
        {
            var (observed, sendDelay) = await ClockAndDelayAsync(server);
            var cycle = 0;
            while (cycle < options.Cycles && problems.Count == 0)
            {
                cycle++;
                var killAfter = random.Next(options.KillWithinMs + 1);
                int acknowledged;
                using (var channel = GrpcChannel.ForAddress(server.Address))
                {
                    var load = SubmitLoad.Start(Gateway(channel, server.Address), samples, options.Workers);
                    await Task.Delay(killAfter);
                    try
                    {
                        await load.KillAsync(server);
                    }
                    catch (Exception e)
                    {
                        problems.Add($"cycle {cycle}: a submission failed before the kill: {e.GetType().Name}: {e.Message}");
                    }
                    ledger.Add(load.Acknowledged.Values, cycle);
                    acknowledged = load.Acknowledged.Count;
                }
                await server.DisposeAsync();
                server = null;

                var integrity = Ledger.IntegrityCheck(database);
                if (integrity is ["ok"])
                {
                    integrityOk++;
                }
                else
                {
                    problems.Add($"cycle {cycle}: integrity_check: {string.Join("; ", integrity.Take(20))}");
                }

                server = await ServerProcess.StartAsync(database, log);
                using (var channel = GrpcChannel.ForAddress(server.Address))
                {
                    var gateway = Gateway(channel, server.Address);
                    var now = (await gateway.GetClockAsync()).Now.ToDateTimeOffset();
                    if (now >= observed)
                    {
                        clockChecks++;
                    }
                    else
                    {
                        problems.Add($"cycle {cycle}: the clock went back from {observed:O} to {now:O} across the restart");
                    }
                    // Every code of every order acknowledged so far is due by then: the check can ask for all of them.
                    observed = (await gateway.AdvanceClockAsync(sendDelay)).Clock.Now.ToDateTimeOffset();
                }

                last = ledger.Check(database, observed);
                problems.AddRange(last.Problems.Select(p => $"cycle {cycle}: {p}"));
                Console.WriteLine($"cycle {cycle,4}: killed after {killAfter,4} ms; acknowledged {acknowledged,5:N0}, all cycles {ledger.Count,8:N0}, "
                    + $"found {last.Found,8:N0} (orders in file {last.OrdersInDatabase:N0}); integrity {(integrity is ["ok"] ? "ok" : "FAILED")}; "
                    + $"clock {observed:yyyy-MM-dd HH:mm}");
            }
            return new KillReport(cycle, ledger.Count, last?.Found ?? 0, last?.OrdersInDatabase ?? 0, last?.CodesChecked ?? 0, integrityOk, clockChecks,
                timer.Elapsed, problems);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<(DateTimeOffset Clock, TimeSpan SendDelay)> ClockAndDelayAsync(ServerProcess server)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var gateway = Gateway(channel, server.Address);
        var rules = await gateway.GetRulesAsync();
        var clock = await gateway.GetClockAsync();
        return (clock.Now.ToDateTimeOffset(), rules.SmsSyncDelay.ToTimeSpan() + rules.SmsSendDelay.ToTimeSpan());
    }

    // No retries: an answer is one call, and one commit.
    private static ProviderGatewayClient Gateway(GrpcChannel channel, Uri address) =>
        new(channel, new GatewayOptions { Address = address, MaxAttempts = 1 });
}
