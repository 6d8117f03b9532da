using System.Diagnostics;
using Dapper;
using Grpc.Core;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Soak;

/// <summary>What the fuzz found.</summary>
public sealed record FuzzReport(
    long Requests, TimeSpan Elapsed, IReadOnlyDictionary<StatusCode, long> ByStatus, long Offending, IReadOnlyList<string> Offenders,
    long Dropped, IReadOnlyList<string> DroppedCalls, long Accepted, IReadOnlyList<string> AcceptedCalls, int RefusalPhases, int RefusalPhasesUnchanged, IReadOnlyList<string> StateChanges,
    long PeakRssBytes, long BoundBytes, IReadOnlyList<string> Crashes, long SlowCalls, IReadOnlyList<string> Slow, IReadOnlyDictionary<string, int> ServerExceptions)
{
    public double PerSecond => Requests / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public bool Held => Offending == 0 && Dropped == 0 && Accepted == 0 && StateChanges.Count == 0 && Crashes.Count == 0 && PeakRssBytes <= BoundBytes;
}

/// <summary>
/// A million calls across every method of the contract, in phases. Every answer must be a status the server means
/// (never UNKNOWN or INTERNAL); every other phase sends only calls that must be refused (a body that is not a message,
/// a key of the wrong kind), and the state tables must be the same before and after it; the server's memory must stay
/// under the bound.
/// </summary>
public sealed class Fuzz(SoakOptions options, string directory, ServerLog log)
{
    private const int PhaseSize = 5_000;
    private const int MaxListed = 40;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    // A stream still open after the wait counts as taken. Valid streams are left soon, or they would hold the calls
    // in flight; in a refusal phase every stream must end in a refusal, which may take longer than that under load.
    private static readonly TimeSpan AcceptedStreamWait = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RefusedStreamWait = TimeSpan.FromSeconds(3);

    private readonly long[] byStatus = new long[17];
    private readonly List<string> offenders = [];
    private readonly List<string> accepted = [];
    private readonly List<string> slow = [];
    private readonly List<string> dropped = [];
    private long offending;
    private long droppedCount;
    private long acceptedCount;
    private long slowCount;

    public async Task<FuzzReport> RunAsync()
    {
        var database = Path.Combine(directory, "fuzz.db");
        var inputs = new FuzzInputs(options.Seed);
        var samples = new SampleFilings(options.Seed + 1);
        var crashes = new List<string>();
        var stateChanges = new List<string>();
        var refusalPhases = 0;
        long peak = 0;

        var server = await ServerProcess.StartAsync(database, log);
        var channel = Channel(server);
        try
        {
            await LearnStateAsync(Admin(channel, server), inputs, samples);
            var timer = Stopwatch.StartNew();
            var lastPrint = TimeSpan.Zero;
            for (long start = 0, phase = 0; start < options.Fuzz; start += PhaseSize, phase++)
            {
                var end = Math.Min(options.Fuzz, start + PhaseSize);
                var refusal = phase % 2 == 1;
                IReadOnlyDictionary<string, string>? before = null;
                if (refusal)
                {
                    await SettleAsync(Admin(channel, server), database, inputs, samples);
                    before = Tables(database);
                    refusalPhases++;
                }
                await RunPhaseAsync(channel.CreateCallInvoker(), inputs, start, end, refusal);

                if (server.HasExited)
                {
                    crashes.Add($"the server died during calls #{start}..#{end - 1}; its last lines:\n      " + string.Join("\n      ", log.Tail));
                    channel.Dispose();
                    server = await ServerProcess.StartAsync(database, log);
                    channel = Channel(server);
                    continue;
                }
                peak = Math.Max(peak, server.PeakResidentBytes());
                if (before is not null)
                {
                    var after = Tables(database);
                    var changed = after.Keys.Union(before.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).ToList();
                    if (changed.Count > 0)
                    {
                        stateChanges.Add($"calls #{start}..#{end - 1} were all refused, but these tables changed: {string.Join(", ", changed)}");
                    }
                }
                if (timer.Elapsed - lastPrint >= TimeSpan.FromSeconds(15) || end == options.Fuzz)
                {
                    lastPrint = timer.Elapsed;
                    Console.WriteLine($"fuzz: {end,9:N0} / {options.Fuzz:N0} calls, {end / timer.Elapsed.TotalSeconds,7:N0}/s; "
                        + $"server RSS {server.ResidentBytes() / 1048576.0:N0} MiB (peak {peak / 1048576.0:N0}); UNKNOWN/INTERNAL {Interlocked.Read(ref offending):N0}");
                }
            }
            var elapsed = timer.Elapsed;
            return new FuzzReport(options.Fuzz, elapsed,
                Enumerable.Range(0, byStatus.Length).Where(i => byStatus[i] > 0).ToDictionary(i => (StatusCode)i, i => byStatus[i]),
                offending, offenders, droppedCount, dropped, acceptedCount, accepted, refusalPhases, refusalPhases - stateChanges.Count, stateChanges,
                peak, options.MemoryBoundMiB * 1048576L, crashes, slowCount, slow, log.Exceptions);
        }
        finally
        {
            channel.Dispose();
            await server.DisposeAsync();
        }
    }

    private async Task RunPhaseAsync(CallInvoker invoker, FuzzInputs inputs, long start, long end, bool refusal)
    {
        var next = new Cursor(start);
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = next.Take(); i < end; i = next.Take())
            {
                var call = inputs.Next(i, refusal);
                var began = Stopwatch.GetTimestamp();
                var status = await RawCalls.CallAsync(invoker, call.Method, call.Body, call.Headers, CallTimeout, refusal ? RefusedStreamWait : AcceptedStreamWait);
                Record(call, status, Stopwatch.GetElapsedTime(began), refusal);
            }
        }));
        await Task.WhenAll(workers);
    }

    private void Record(FuzzCall call, Status status, TimeSpan took, bool refusal)
    {
        Interlocked.Increment(ref byStatus[Math.Clamp((int)status.StatusCode, 0, byStatus.Length - 1)]);
        if (status.StatusCode is StatusCode.Unknown or StatusCode.Internal)
        {
            Interlocked.Increment(ref offending);
            Keep(offenders, $"{status.StatusCode} \"{status.Detail}\" for {call.Describe()}");
        }
        if (status.Detail.Contains("HPackDecodingException", StringComparison.Ordinal))
        {
            // The client dropped the connection because an answer's headers were too large: every call in flight on
            // it fails, UNAVAILABLE or INTERNAL, so the call that caused it is among these, not only the INTERNAL ones.
            Interlocked.Increment(ref droppedCount);
            Keep(dropped, $"{status.StatusCode} for {call.Describe(64)}");
        }
        if (refusal && status.StatusCode == StatusCode.OK)
        {
            Interlocked.Increment(ref acceptedCount);
            Keep(accepted, $"OK for {(call.WrongKey ? "a key of the wrong kind" : "a body that is not a message")}: {call.Describe()}");
        }
        if (took > Slow)
        {
            Interlocked.Increment(ref slowCount);
            Keep(slow, $"{took.TotalSeconds:0.0} s, {status.StatusCode}: {call.Describe(64)}");
        }
    }

    private static void Keep(List<string> list, string text)
    {
        lock (list)
        {
            if (list.Count < MaxListed)
            {
                list.Add(text);
            }
        }
    }

    /// <summary>
    /// Files a company and submits an individual, in the default world and in one of the fuzz's own, and lets the
    /// fuzz use their identifiers, so that some calls find what they name.
    /// </summary>
    private static async Task LearnStateAsync(ProviderGatewayClient admin, FuzzInputs inputs, SampleFilings samples)
    {
        await admin.CreateWorldAsync("soak-fuzz");
        var key = await admin.InWorld("soak-fuzz").CreateProviderKeyAsync("soak-provider", "Soak provider");
        inputs.Learn(["default", "soak-fuzz", key.Key, key.ProviderId], []);
        await FileSomethingAsync(admin, inputs, samples);
        await FileSomethingAsync(admin.InWorld("soak-fuzz", key.Key), inputs, samples);
    }

    private static async Task FileSomethingAsync(ProviderGatewayClient gateway, FuzzInputs inputs, SampleFilings samples)
    {
        var company = samples.Company();
        var individual = samples.Individual();
        var filed = await gateway.FileAsync(company);
        var pending = (await gateway.SubmitAsync(individual)).Order;
        var people = new[] { company.Subject.Leader, individual.Subject.Leader }.Concat(company.Services.Select(s => s.Administrator)).ToList();
        inputs.Learn(
            [
                filed.OrderId, pending.OrderId, filed.SubjectNumber, .. filed.ServiceNumbers.Select(n => n.Number),
                .. people.SelectMany(p => new[] { p.Mobile, p.Suffix(), p.CertificateNumber, p.Name }),
                company.Subject.Name, company.Subject.CertificateNumber, .. company.Services.SelectMany(s => s.Domains),
            ],
            [company, individual]);
    }

    /// <summary>
    /// Before a refusal phase: every world's clock frozen, its due deadlines applied and its faults cleared, and
    /// something filed again in case a Reset wiped it; then nothing but the calls can change the tables.
    /// </summary>
    private static async Task SettleAsync(ProviderGatewayClient admin, string database, FuzzInputs inputs, SampleFilings samples)
    {
        foreach (var world in (await admin.ListWorldsAsync()).Worlds.Where(w => w.Clock.Rate != 0))
        {
            await admin.InWorld(world.WorldId).SetClockRateAsync(0);
        }
        // Faults matter only where the calls go: worlds with made-up names have none of the fuzz's keys or headers.
        foreach (var world in (string[])["default", "soak-fuzz"])
        {
            await admin.InWorld(world).SetFaultsAsync([]);
        }
        List<string> withTimers;
        using (var connection = Ledger.OpenReadOnly(database))
        {
            withTimers = connection.Query<string>("SELECT DISTINCT world_id FROM timers").ToList();
        }
        foreach (var world in withTimers)
        {
            await admin.InWorld(world).AdvanceClockAsync(TimeSpan.Zero);
        }
        try
        {
            await FileSomethingAsync(admin, inputs, samples);
        }
        catch (RegulatorCallException e)
        {
            // The fuzz may have blacklisted the sample's domains, registered them to someone else or pushed the clock
            // to the end of time: the phase then works with what was learnt before.
            Console.WriteLine($"fuzz: filing a fresh sample before a refusal phase was refused ({e.Message}); going on with what is known");
        }
    }

    private static IReadOnlyDictionary<string, string> Tables(string database)
    {
        using var connection = Ledger.OpenReadOnly(database);
        return StateDigest.Tables(connection);
    }

    private static GrpcChannel Channel(ServerProcess server) =>
        GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });

    private static ProviderGatewayClient Admin(GrpcChannel channel, ServerProcess server) =>
        new(channel, new GatewayOptions { Address = server.Address, MaxAttempts = 1, CallTimeout = TimeSpan.FromMinutes(2) });

    /// <summary>The next call's index, shared by the workers of a phase.</summary>
    private sealed class Cursor(long start)
    {
        private long next = start - 1;

        public long Take() => Interlocked.Increment(ref next);
    }
}
