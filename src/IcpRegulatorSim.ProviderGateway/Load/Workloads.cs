using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Load;

/// <param name="Seed">Filings come from <see cref="SampleFilings"/>: submit uses this seed, validate seed + 1, query seed + 2.</param>
/// <param name="Prepare">Orders submitted before a validate run, each giving two codes to validate.</param>
/// <param name="QueryPool">How many seeded filings (load seed) the query workload picks its domains from.</param>
public sealed record WorkloadOptions(int Seed = 1, int Prepare = 20_000, int QueryPool = 100_000, IReadOnlyDictionary<string, double>? Mix = null);

/// <summary>
/// The workloads of <c>icp-gateway load</c>: what one call is, and what must exist before the timed run. Calls spread
/// over the connections' clients by slot; every client calls once (no retries), so every failure is seen.
/// </summary>
public sealed class Workloads(IReadOnlyList<ProviderGatewayClient> clients, TextWriter log)
{
    public static readonly IReadOnlyList<string> Names = ["ping", "submit", "validate", "query", "mix"];

    private ProviderGatewayClient Admin => clients[0];

    public async Task<LoadOperation> PrepareAsync(string workload, WorkloadOptions options, CancellationToken cancellationToken) => workload switch
    {
        "ping" => Ping(),
        "submit" => Submit(options),
        "validate" => await ValidateAsync(options, cancellationToken),
        "query" => Query(options),
        "mix" => await MixAsync(options, cancellationToken),
        _ => throw new ArgumentException($"Unknown workload '{workload}'; known: {string.Join(", ", Names)}.", nameof(workload)),
    };

    /// <summary>Files <paramref name="count"/> approved filings directly, for the query workload to find.</summary>
    public async Task<(int Seeded, int Skipped)> SeedAsync(int seed, int count, int batch, int parallel, CancellationToken cancellationToken)
    {
        var samples = new SampleFilings(seed + 2);
        var batches = Enumerable.Range(0, (count + batch - 1) / batch)
            .Select(b => Enumerable.Range(b * batch, Math.Min(batch, count - (b * batch))).Select(_ => samples.CompanyInTurn()).ToList())
            .ToList();
        int seeded = 0, skipped = 0, done = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (filings, ct) =>
        {
            var reply = await clients[Interlocked.Increment(ref done) % clients.Count].SeedFilingsAsync(filings, cancellationToken: ct);
            Interlocked.Add(ref seeded, reply.Seeded);
            Interlocked.Add(ref skipped, reply.Skipped);
            if (done % 50 == 0)
            {
                log.WriteLine($"seeded {Volatile.Read(ref seeded):N0} of {count:N0}");
            }
        });
        return (seeded, skipped);
    }

    private LoadOperation Ping() => async (slot, ct) =>
    {
        await Client(slot).PingAsync(ct);
        return true;
    };

    private LoadOperation Submit(WorkloadOptions options)
    {
        var samples = new SampleFilings(options.Seed);
        return async (slot, ct) =>
        {
            await Client(slot).SubmitAsync(new SubmitFilingRequest { Filing = samples.CompanyInTurn() }, ct);
            return true;
        };
    }

    /// <summary>Submits the orders, lets the codes go out, reads them from the outbox; each call then validates one.</summary>
    private async Task<LoadOperation> ValidateAsync(WorkloadOptions options, CancellationToken cancellationToken)
    {
        var samples = new SampleFilings(options.Seed + 1);
        var filings = Enumerable.Range(0, options.Prepare).Select(_ => samples.Company()).ToList();
        var before = await LastMessageAsync(cancellationToken);
        log.WriteLine($"preparing: submitting {filings.Count:N0} orders");
        await Parallel.ForEachAsync(filings.Select((f, i) => (f, i)), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (item, ct) => await Client(item.i).SubmitAsync(new SubmitFilingRequest { Filing = item.f }, ct));
        var rules = await Admin.GetRulesAsync(cancellationToken);
        var now = (await Admin.GetClockAsync(cancellationToken)).Now.ToDateTimeOffset();
        await AdvanceClockToAsync(now + rules.SmsSyncDelay.ToTimeSpan() + rules.SmsSendDelay.ToTimeSpan(), cancellationToken);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var m in Admin.AllMessagesAsync(before, cancellationToken))
        {
            if (m.VerificationCode() is { } code)
            {
                codes[m.Recipient] = code;
            }
        }
        var items = filings
            .SelectMany(f => new[] { f.Subject.Leader, f.Services[0].Administrator })
            .Where(p => codes.ContainsKey(p.Mobile))
            .Select(p => (p.Mobile, Suffix: p.Suffix(), Code: codes[p.Mobile]))
            .ToArray();
        log.WriteLine($"prepared {items.Length:N0} codes to validate");
        long next = -1;
        return async (slot, ct) =>
        {
            var index = Interlocked.Increment(ref next);
            if (index >= items.Length)
            {
                return false;
            }
            var (mobile, suffix, code) = items[index];
            var reply = await Client(slot).ValidateCodeAsync(mobile, suffix, code, ct);
            return reply.Outcome is ValidateOutcome.Complete or ValidateOutcome.WaitingForOthers
                ? true
                : throw new WorkloadException($"outcome {reply.Outcome}");
        };
    }

    private LoadOperation Query(WorkloadOptions options)
    {
        var pool = options.QueryPool;
        var seed = options.Seed + 2;
        var picks = new SeededSequence(seed);
        return async (slot, ct) =>
        {
            var domain = SampleFilings.CompanyDomain(seed, (long)(picks.Next() % (ulong)pool));
            var reply = await Client(slot).QueryByDomainAsync(domain, ct);
            return reply.Filings.Count == 1
                ? true
                : throw new WorkloadException($"query found nothing (seed the filings first: icp-gateway seed-filings --count {pool} --seed {options.Seed})");
        };
    }

    private async Task<LoadOperation> MixAsync(WorkloadOptions options, CancellationToken cancellationToken)
    {
        var mix = options.Mix is { Count: > 0 } m ? m : new Dictionary<string, double> { ["submit"] = 1, ["query"] = 8, ["ping"] = 1 };
        var parts = new List<(double Upto, LoadOperation Operation)>();
        var total = 0.0;
        foreach (var (name, weight) in mix)
        {
            if (name == "mix" || weight <= 0)
            {
                throw new ArgumentException($"'{name}={weight}' cannot be part of a mix.", nameof(options));
            }
            total += weight;
            parts.Add((total, await PrepareAsync(name, options, cancellationToken)));
        }
        var picks = new SeededSequence(options.Seed + 3);
        return (slot, ct) =>
        {
            var pick = picks.NextDouble() * total;
            return parts.First(p => pick < p.Upto).Operation(slot, ct);
        };
    }

    /// <summary>
    /// Moves the clock to <paramref name="to"/>, sending every code due on the way. With many orders prepared that can
    /// outlast a call's deadline; the parts the server applied stay applied, and the clock comes up to them (it may read
    /// that very instant, with codes of it still due), so asking again for the same instant goes on from there. A
    /// running clock that has gone past it by itself needs no advance.
    /// </summary>
    private async Task AdvanceClockToAsync(DateTimeOffset to, CancellationToken cancellationToken)
    {
        while ((await Admin.GetClockAsync(cancellationToken)).Now.ToDateTimeOffset() <= to)
        {
            try
            {
                await Admin.AdvanceClockToAsync(to, cancellationToken);
                return;
            }
            catch (RegulatorCallException e) when (e.StatusCode == Grpc.Core.StatusCode.DeadlineExceeded)
            {
                log.WriteLine("still sending the codes; going on");
            }
        }
    }

    private async Task<long> LastMessageAsync(CancellationToken cancellationToken)
    {
        long last = 0;
        await foreach (var m in Admin.AllMessagesAsync(0, cancellationToken))
        {
            last = m.Sequence;
        }
        return last;
    }

    private ProviderGatewayClient Client(int slot) => clients[slot % clients.Count];
}
