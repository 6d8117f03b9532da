using Grpc.Core;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Soak;

/// <summary>
/// The soak: the server (Release, a process of its own, frozen clock) killed and restarted in cycles under a submit
/// load, then fuzzed with a million calls; a summary of both; exit code 0 only when everything held.
/// </summary>
public static class Soak
{
    public static async Task<int> RunAsync(SoakOptions options)
    {
        var started = TimeProvider.System.GetTimestamp();
        var results = Path.Combine(Repository.Root, options.Output);
        Directory.CreateDirectory(results);
        var directory = Directory.CreateTempSubdirectory("icp-soak-").FullName;
        Console.WriteLine($"soak: seed {options.Seed}, {options.Cycles:N0} kill cycles ({options.Workers} workers, kill within {options.KillWithinMs} ms), "
            + $"{options.Fuzz:N0} fuzzed calls ({options.Concurrency} in flight), server memory bound {options.MemoryBoundMiB:N0} MiB");
        Console.WriteLine($"soak: databases in {directory}; server logs in {options.Output}/");
        try
        {
            KillReport kills;
            using (var log = new ServerLog(Path.Combine(results, "server-kill.log")))
            {
                kills = await new KillCycles(options, directory, log).RunAsync();
            }
            FuzzReport fuzz;
            using (var log = new ServerLog(Path.Combine(results, "server-fuzz.log")))
            {
                fuzz = await new Fuzz(options, directory, log).RunAsync();
            }
            var held = kills.Held && fuzz.Held;
            Print(options, kills, fuzz, TimeProvider.System.GetElapsedTime(started), held);
            return held ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Print(SoakOptions options, KillReport kills, FuzzReport fuzz, TimeSpan elapsed, bool held)
    {
        Console.WriteLine();
        List("kill cycles: problems", kills.Problems);
        List("fuzz: UNKNOWN or INTERNAL answers", fuzz.Offenders, fuzz.Offending);
        List("fuzz: calls failed because the client dropped the connection (an answer's headers over 64 KB; its call is among them)",
            fuzz.DroppedCalls, fuzz.Dropped);
        List("fuzz: calls that had to be refused but were answered OK", fuzz.AcceptedCalls, fuzz.Accepted);
        List("fuzz: state changed in a phase of refused calls", fuzz.StateChanges);
        List("fuzz: the server died", fuzz.Crashes);
        List($"fuzz: calls slower than 2 s (reported, not failed)", fuzz.Slow, fuzz.SlowCalls);
        List("fuzz: exceptions in the server's log (method: type: message ×count)",
            fuzz.ServerExceptions.OrderByDescending(e => e.Value).Select(e => $"{e.Key} ×{e.Value:N0}").ToList());

        Console.WriteLine($"soak, seed {options.Seed}, {elapsed:hh\\:mm\\:ss}");
        Row("kill cycles", $"{kills.Cycles:N0} in {kills.Elapsed:mm\\:ss}", kills.Cycles >= options.Cycles);
        Row("orders acknowledged", $"{kills.Acknowledged:N0}", true);
        Row("orders found", $"{kills.Found:N0} ({kills.CodesChecked:N0} codes and deadlines; {kills.OrdersInDatabase:N0} orders in the file)",
            kills.Found == kills.Acknowledged);
        Row("integrity_check ok", $"{kills.IntegrityOk:N0} / {kills.Cycles:N0}", kills.IntegrityOk == kills.Cycles);
        Row("clock kept across restarts", $"{kills.ClockChecks:N0} / {kills.Cycles:N0}", kills.ClockChecks == kills.Cycles);
        Row("fuzzed calls", $"{fuzz.Requests:N0} in {fuzz.Elapsed:mm\\:ss}, {fuzz.PerSecond:N0}/s", true);
        Row("answers by status", string.Join(", ", fuzz.ByStatus.OrderByDescending(s => s.Value).Select(s => $"{Name(s.Key)} {s.Value:N0}")), true);
        Row("UNKNOWN or INTERNAL", $"{fuzz.Offending:N0}", fuzz.Offending == 0);
        // An answer too large for the client drops its connection, failing every call on it: none may be.
        Row("calls on dropped connections", $"{fuzz.Dropped:N0}", fuzz.Dropped == 0);
        Row("refusals answered OK", $"{fuzz.Accepted:N0}", fuzz.Accepted == 0);
        Row("state unchanged by refusals", $"{fuzz.RefusalPhasesUnchanged:N0} / {fuzz.RefusalPhases:N0} phases", fuzz.StateChanges.Count == 0);
        Row("server peak RSS", $"{fuzz.PeakRssBytes / 1048576.0:N0} MiB (bound {fuzz.BoundBytes / 1048576.0:N0} MiB)", fuzz.PeakRssBytes <= fuzz.BoundBytes);
        Row("server crashes", $"{fuzz.Crashes.Count:N0}", fuzz.Crashes.Count == 0);
        Console.WriteLine(held ? "soak: everything held" : "soak: FAILED");
    }

    private static void Row(string name, string value, bool ok) => Console.WriteLine($"  {(ok ? "ok  " : "FAIL")}  {name,-28} {value}");

    private static void List(string title, IReadOnlyCollection<string> items, long? total = null)
    {
        if (items.Count == 0)
        {
            return;
        }
        Console.WriteLine($"{title}: {total ?? items.Count:N0}{(total > items.Count ? $" (the first {items.Count} below)" : "")}");
        foreach (var item in items)
        {
            Console.WriteLine($"  - {item}");
        }
        Console.WriteLine();
    }

    private static string Name(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        _ => string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant(),
    };
}
