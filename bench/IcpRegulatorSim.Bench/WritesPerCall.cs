using System.Globalization;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// What one call of each kind writes, measured, on a node nothing else calls meanwhile: <paramref name="Calls"/> of the
/// kind, one after the other (each its own batch of the writer, so what a batch writes once counts for every call);
/// <paramref name="Entries"/> and <paramref name="Rows"/> as the store shows them (<see cref="StoreWrites"/>), the rest
/// as the server counted it (<c>icp_writer_*</c> on /metrics), and on SQLite the entries per call of each table and
/// index (<paramref name="ByTree"/>). A deadline's row is per order it acted on.
/// </summary>
public sealed record WriteFigures(
    string Call, int Calls, double Entries, double Rows, double Statements, double RoundTrips, double RowsChanged, double Pages, double? LogBytes,
    IReadOnlyDictionary<string, double> ByTree);

/// <summary>
/// The life of an order, a step at a time, each measured on its own: submissions; the codes going out when their
/// deadline comes; validations; approvals by staff; and the administration's automatic decision when the review time is
/// up. Work a call leaves to a later moment is counted there.
/// </summary>
public static class WritesPerCall
{
    /// <summary>A seed of its own: the orders of this part never meet the workloads'.</summary>
    private const int Seed = 907;

    public static async Task<IReadOnlyList<WriteFigures>> MeasureAsync(ProviderGatewayClient client, Uri metrics, BenchStore store, int orders)
    {
        using var http = new HttpClient { BaseAddress = metrics };
        var figures = new List<WriteFigures>();

        async Task Measure(string call, int per, IReadOnlyList<Func<Task>> calls)
        {
            var before = await WriterCountsAsync(http);
            var writes = await store.WritesOfAsync(calls);
            var after = await WriterCountsAsync(http);
            double Per(long value) => Math.Round((double)value / per, 1);
            double Moved(string counter) => Per((long)(after.GetValueOrDefault(counter) - before.GetValueOrDefault(counter)));
            figures.Add(new WriteFigures(call, per, Per(writes.Entries), Per(writes.Rows),
                Moved("icp_writer_statements_total"), Moved("icp_writer_round_trips_total"), Moved("icp_writer_rows_total"), Moved("icp_writer_pages_total"),
                writes.LogBytes is { } bytes ? Per(bytes) : null,
                writes.ByTree.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => Math.Round((double)t.Value / per, 2), StringComparer.Ordinal)));
        }

        var samples = new SampleFilings(Seed);
        var filings = Enumerable.Range(0, orders).Select(_ => samples.Company()).ToList();
        var ids = new string[orders];
        await Measure("submit", orders, filings.Select<Filing, Func<Task>>((f, i) => async () =>
            ids[i] = (await client.SubmitAsync(new SubmitFilingRequest { Filing = f })).Order.OrderId).ToList());

        var rules = await client.GetRulesAsync();
        var lastMessage = await LastMessageAsync(client);
        await Measure("codes sent (deadline)", orders, [async () => await client.AdvanceClockAsync(rules.SmsSyncDelay.ToTimeSpan() + rules.SmsSendDelay.ToTimeSpan())]);

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var m in client.AllMessagesAsync(lastMessage))
        {
            if (m.VerificationCode() is { } code)
            {
                codes[m.Recipient] = code;
            }
        }
        var people = filings.SelectMany(f => new[] { f.Subject.Leader, f.Services[0].Administrator }).ToList();
        await Measure("validate", people.Count, people.Select<Person, Func<Task>>(p => async () =>
        {
            var reply = await client.ValidateCodeAsync(p.Mobile, p.Suffix(), codes[p.Mobile]);
            if (reply.Outcome is not (ValidateOutcome.Complete or ValidateOutcome.WaitingForOthers))
            {
                throw new InvalidOperationException($"validating a code of {p.Mobile}: {reply.Outcome}");
            }
        }).ToList());

        var approved = orders / 2;
        await Measure("approve", approved, ids.Take(approved).Select<string, Func<Task>>(id => async () => await client.ApproveAsync(id)).ToList());

        // The latest instant at which the administration decides one of the orders left on its own.
        var latest = DateTimeOffset.MinValue;
        var token = "";
        do
        {
            var page = await client.ListPendingReviewsAsync(pageSize: 500, pageToken: token);
            foreach (var review in page.Reviews)
            {
                latest = review.DueAt.ToDateTimeOffset() > latest ? review.DueAt.ToDateTimeOffset() : latest;
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        await Measure("decided (deadline)", orders - approved, [async () => await client.AdvanceClockToAsync(latest)]);
        foreach (var id in ids.Skip(approved))
        {
            if ((await client.GetFilingAsync(id)).Status != OrderStatus.Approved)
            {
                throw new InvalidOperationException($"{id} was not approved when its review time was up.");
            }
        }
        return figures;
    }

    public static void Print(IReadOnlyList<WriteFigures> figures, BenchStore store)
    {
        var postgres = store is PostgresBenchStore;
        Console.WriteLine();
        Console.WriteLine(postgres
            ? "writes per call (rows and index entries: PostgreSQL's write-ahead log, pg_waldump; statements, round trips: the node's icp_writer_* counters)"
            : "writes per call (B-tree entries: every table's and index's entries read before and after each call; statements, pages: the server's icp_writer_* counters)");
        Console.WriteLine(postgres
            ? $"{"call",-22} {"calls",6} {"entries",8} {"rows",6} {"statements",10} {"round trips",11} {"WAL bytes",10}"
            : $"{"call",-22} {"calls",6} {"entries",8} {"rows",6} {"statements",10} {"pages",6}");
        foreach (var f in figures)
        {
            Console.WriteLine(postgres
                ? $"{f.Call,-22} {f.Calls,6} {f.Entries,8:0.0} {f.Rows,6:0.0} {f.Statements,10:0.0} {f.RoundTrips,11:0.0} {f.LogBytes,10:N0}"
                : $"{f.Call,-22} {f.Calls,6} {f.Entries,8:0.0} {f.Rows,6:0.0} {f.Statements,10:0.0} {f.Pages,6:0.0}");
            if (f.ByTree.Count > 0)
            {
                Console.WriteLine($"{"",-22} {string.Join(", ", f.ByTree.Select(t => $"{t.Key} {t.Value:0.##}"))}");
            }
        }
        Console.WriteLine("a deadline's row is per order it acted on; each call was its own batch (what a batch writes once, the counters, counts for each)");
    }

    /// <summary>The writer's counters on /metrics, summed over their series.</summary>
    private static async Task<Dictionary<string, double>> WriterCountsAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("icp_writer_", StringComparison.Ordinal) || !line.Contains("_total", StringComparison.Ordinal))
            {
                continue;
            }
            var end = line.IndexOfAny(['{', ' ']);
            var name = line[..end];
            // The value follows the name and its labels; a timestamp may follow it.
            var rest = line[end] == '{' ? line[(line.IndexOf('}', end) + 1)..] : line[end..];
            var value = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            counts[name] = counts.GetValueOrDefault(name) + double.Parse(value, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static async Task<long> LastMessageAsync(ProviderGatewayClient client)
    {
        long last = 0;
        await foreach (var m in client.AllMessagesAsync(0))
        {
            last = m.Sequence;
        }
        return last;
    }
}
