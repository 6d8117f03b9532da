using System.Data.Common;
using Dapper;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Storage;

public sealed record WorldRow
{
    public string WorldId { get; init; } = "";
    public long Seed { get; init; }
    public long ClockBaseRealMs { get; init; }
    public long ClockBaseSimMs { get; init; }
    public double ClockRate { get; init; }
    public long ClockStartMs { get; init; }

    public WorldClock Clock => new(ClockBaseRealMs, ClockBaseSimMs, ClockRate, ClockStartMs);
}

public sealed record KeyRow
{
    public string KeyFingerprint { get; init; } = "";
    public string WorldId { get; init; } = "";
    public string ProviderId { get; init; } = "";
    public string? Province { get; init; }
}

public sealed record FaultRow
{
    public string WorldId { get; init; } = "";
    public string Method { get; init; } = "";
    public long Kind { get; init; }
    public double Probability { get; init; }
    public long DelayMs { get; init; }
}

/// <summary>
/// A world as a writer's transaction locked it, and what it read with the lock (null: not read, look it up when needed).
/// </summary>
public sealed record LockedWorld(WorldRow Row)
{
    public long? NextOrder { get; init; }
    public long? NextMessage { get; init; }
    /// <summary>The earliest deadline of the world (<see cref="long.MaxValue"/>: none).</summary>
    public long? EarliestDueMs { get; init; }
    public bool? MayHaveRegistryFixtures { get; init; }
}

/// <summary>A provider's last event number in a world.</summary>
public sealed record LastEventRow
{
    public string ProviderId { get; init; } = "";
    public long Seq { get; init; }
}

/// <summary>Worlds, their clocks and their counters.</summary>
internal static class WorldStore
{
    private const string SelectAll =
        "SELECT world_id, seed, clock_base_real_ms, clock_base_sim_ms, clock_rate, clock_start_ms FROM worlds ORDER BY world_id";

    private const string SelectOne =
        "SELECT world_id, seed, clock_base_real_ms, clock_base_sim_ms, clock_rate, clock_start_ms FROM worlds WHERE world_id = @World";

    private const string InsertWorld = """
        INSERT INTO worlds (world_id, seed, clock_base_real_ms, clock_base_sim_ms, clock_rate, clock_start_ms, created_at_ms)
        VALUES (@WorldId, @Seed, @ClockBaseRealMs, @ClockBaseSimMs, @ClockRate, @ClockStartMs, @ClockBaseRealMs)
        ON CONFLICT (world_id) DO NOTHING
        """;

    private const string UpdateClock = """
        UPDATE worlds SET clock_base_real_ms = @BaseRealMs, clock_base_sim_ms = @BaseSimMs, clock_rate = @Rate, clock_start_ms = @StartMs
        WHERE world_id = @World
        """;

    private const string SelectCounter = "SELECT next FROM counters WHERE world_id = @World AND name = @Name";

    // The highest value a counter has given, read from the rows it numbered (each the last entry of a key).
    private const string SelectLastOrderId = "SELECT MAX(order_id) FROM orders WHERE world_id = @World";
    private const string SelectLastMessage = "SELECT MAX(message_seq) FROM messages WHERE world_id = @World";
    private const string SelectLastEvent = "SELECT MAX(seq) FROM order_events WHERE world_id = @World AND provider_id = @ProviderId";
    private const string SelectLastEvents = "SELECT provider_id, MAX(seq) AS seq FROM order_events WHERE world_id = @World GROUP BY provider_id";
    private const string UpsertCounter = """
        INSERT INTO counters (world_id, name, next) VALUES (@World, @Name, @Next)
        ON CONFLICT (world_id, name) DO UPDATE SET next = excluded.next
        """;

    private const string UpsertProvider = """
        INSERT INTO providers (world_id, provider_id, name, province) VALUES (@World, @ProviderId, @Name, @Province)
        ON CONFLICT (world_id, provider_id) DO UPDATE SET name = excluded.name, province = excluded.province
        """;

    private const string InsertKey = """
        INSERT INTO provider_keys (key_fingerprint, world_id, provider_id, created_at_ms) VALUES (@Fingerprint, @World, @ProviderId, @AtMs)
        """;

    private const string SelectKeys = """
        SELECT k.key_fingerprint, k.world_id, k.provider_id, p.province
        FROM provider_keys k JOIN providers p ON p.world_id = k.world_id AND p.provider_id = k.provider_id
        """;

    private const string SelectKey = """
        SELECT k.key_fingerprint, k.world_id, k.provider_id, p.province
        FROM provider_keys k JOIN providers p ON p.world_id = k.world_id AND p.provider_id = k.provider_id
        WHERE k.key_fingerprint = @Fingerprint
        """;

    private const string SelectFaults = "SELECT world_id, method, kind, probability, delay_ms FROM faults";
    private const string SelectWorldFaults = "SELECT world_id, method, kind, probability, delay_ms FROM faults WHERE world_id = @World";
    private const string InsertFault = """
        INSERT INTO faults (world_id, method, kind, probability, delay_ms) VALUES (@World, @Method, @Kind, @Probability, @DelayMs)
        ON CONFLICT (world_id, method, kind) DO UPDATE SET probability = excluded.probability, delay_ms = excluded.delay_ms
        """;

    // Every table that holds a world's state, in no particular order: Reset empties them all. What counts never goes
    // back, so the counters of ids and sequences (counters) and of ICP numbers (number_sequences) are not among them.
    private static readonly string[] WorldTables =
    [
        "orders", "order_claims", "sms_index", "timers", "subjects", "filed_services", "filed_identifiers",
        "idempotency_keys", "messages", "order_events", "domain_registrations", "blacklist", "faults",
        "psb_registration_codes", "psb_accounts", "psb_filings", "psb_public_keys",
    ];

    public static WorldRow? Find(DbSession db, string world) =>
        db.QueryFirstOrDefault<WorldRow>(SelectOne, new { World = world });

    public static Task<WorldRow?> FindAsync(DbSession db, string world, CancellationToken cancellationToken) =>
        db.QueryFirstOrDefaultAsync<WorldRow>(SelectOne, new { World = world }, cancellationToken);

    public static IReadOnlyList<WorldRow> All(DbSession db) =>
        db.Query<WorldRow>(SelectAll).AsList();

    /// <summary>Creates a world; false when one of that name exists (on a shared database, created by another node a moment ago).</summary>
    public static bool Insert(DbSession db, WorldRow world) => db.Execute(InsertWorld, world) == 1;

    public static void SaveClock(DbSession db, string world, WorldClock clock) =>
        db.Write(UpdateClock, new { World = world, clock.BaseRealMs, clock.BaseSimMs, clock.Rate, clock.StartMs });

    public const string OrderCounter = "order";
    public const string MessageCounter = "message";
    public const string SampleCounter = "sample";
    public const string WebsiteFilingCounter = "psb-filing";
    public const string PublicSecurityAccountCounter = "psb-account";

    private const string EventCounterPrefix = "event:";

    public static string EventCounter(string providerId) => EventCounterPrefix + providerId;

    /// <summary>
    /// Whether the counter's rows tell how far it went: order ids, outbox numbers and event numbers are each written
    /// with what they number, in the same transaction, so the counter is stored only when those rows go (a Reset, a
    /// deletion) instead of being rewritten by every batch.
    /// </summary>
    public static bool IsKeptByItsRows(string counter) =>
        counter is OrderCounter or MessageCounter || counter.StartsWith(EventCounterPrefix, StringComparison.Ordinal);

    /// <summary>The next value of one of a world's counters: 1 for one that has not counted yet.</summary>
    public static long NextValue(DbSession db, string world, string counter)
    {
        // Its reads in one round trip.
        var values = new object?[2];
        db.ReadTogether(CounterReads(world, counter), (i, reader) => values[i] = Scalar(reader));
        return NextFrom(counter, values[0], values[1]);
    }

    // A counter's reads: the value stored for it, then, for a counter its rows keep, the last number they took.
    private static (string Sql, object? Args)[] CounterReads(string world, string counter)
    {
        var isEvent = counter.StartsWith(EventCounterPrefix, StringComparison.Ordinal);
        var args = new { World = world, Name = counter, ProviderId = isEvent ? counter[EventCounterPrefix.Length..] : "" };
        return counter switch
        {
            OrderCounter => [(SelectCounter, args), (SelectLastOrderId, args)],
            MessageCounter => [(SelectCounter, args), (SelectLastMessage, args)],
            _ when isEvent => [(SelectCounter, args), (SelectLastEvent, args)],
            _ => [(SelectCounter, args)],
        };
    }

    // The counter's next value from what its reads found: past both the value stored and the last number taken.
    private static long NextFrom(string counter, object? stored, object? last) =>
        Math.Max(Number(stored) ?? 1, ((counter == OrderCounter ? OrderNumber((string?)last) : Number(last)) ?? 0) + 1);

    // A statement's one value, if it gave one.
    private static object? Scalar(DbDataReader reader) => reader.Read() && !reader.IsDBNull(0) ? reader.GetValue(0) : null;

    private static long? Number(object? value) => value is null ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    // Order ids are numbered with eight digits or more; eight digits sort as their numbers do.
    private static long? OrderNumber(string? id) =>
        id is null ? null : long.Parse(id.AsSpan(id.IndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Locks the world with <paramref name="lockSql"/> (which reads its row) and reads, in the same round trip, what
    /// the first commands of the writer's transaction would each read with a round trip of their own: the next order
    /// id and outbox number, the world's earliest deadline, whether it has registry fixtures. Each read follows the
    /// lock, so it sees what another node committed before the lock was granted.
    /// </summary>
    public static LockedWorld? LockWithFirstReads(DbSession db, string world, string lockSql)
    {
        var key = new { World = world, Name = "" };
        WorldRow? row = null;
        var values = new object?[6];
        db.ReadTogether(
            [
                (lockSql, key),
                .. CounterReads(world, OrderCounter),
                .. CounterReads(world, MessageCounter),
                (TimerStore.SelectEarliest, key),
                (DomainRegistryStore.SelectAny, key),
            ],
            (i, reader) =>
            {
                if (i == 0)
                {
                    row = reader.Read() ? reader.GetRowParser<WorldRow>()(reader) : null;
                }
                else
                {
                    values[i - 1] = Scalar(reader);
                }
            });
        if (row is null)
        {
            return null;
        }
        return new LockedWorld(row)
        {
            NextOrder = NextFrom(OrderCounter, values[0], values[1]),
            NextMessage = NextFrom(MessageCounter, values[2], values[3]),
            EarliestDueMs = Number(values[4]) ?? long.MaxValue,
            MayHaveRegistryFixtures = values[5] is bool any ? any : Number(values[5]) != 0,
        };
    }

    /// <summary>Stores how far the counters kept by their rows went, before those rows go (a Reset, a deletion).</summary>
    private static void SaveCountersKeptByRows(DbSession db, string world)
    {
        var next = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [OrderCounter] = NextValue(db, world, OrderCounter),
            [MessageCounter] = NextValue(db, world, MessageCounter),
        };
        foreach (var last in db.Query<LastEventRow>(SelectLastEvents, new { World = world }))
        {
            next[EventCounter(last.ProviderId)] = NextValue(db, world, EventCounter(last.ProviderId));
        }
        SaveCounters(db, world, next);
    }

    /// <summary>Writes the counters the writer advanced in memory (see WriteSession.TakeOrderId).</summary>
    public static void SaveCounters(DbSession db, string world, IReadOnlyDictionary<string, long> next)
    {
        foreach (var (name, value) in next)
        {
            db.Write(UpsertCounter, new { World = world, Name = name, Next = value });
        }
    }

    public static void EnsureProvider(DbSession db, string world, string providerId, string name, string? province) =>
        db.Execute(UpsertProvider, new { World = world, ProviderId = providerId, Name = name, Province = province });

    public static void AddKey(DbSession db, string world, string providerId, string fingerprint, DateTimeOffset at) =>
        db.Execute(InsertKey, new { Fingerprint = fingerprint, World = world, ProviderId = providerId, AtMs = at.ToUnixTimeMilliseconds() });

    public static IReadOnlyList<KeyRow> Keys(DbSession db) => db.Query<KeyRow>(SelectKeys).AsList();

    /// <summary>The provider a key fingerprint belongs to, whichever world it is in.</summary>
    public static KeyRow? FindKey(DbSession db, string fingerprint) => db.QueryFirstOrDefault<KeyRow>(SelectKey, new { Fingerprint = fingerprint });

    public static IReadOnlyList<FaultRow> Faults(DbSession db) => db.Query<FaultRow>(SelectFaults).AsList();

    public static IReadOnlyList<FaultRow> Faults(DbSession db, string world) => db.Query<FaultRow>(SelectWorldFaults, new { World = world }).AsList();

    public static void ReplaceFaults(DbSession db, string world, IEnumerable<FaultRow> faults)
    {
        db.Execute("DELETE FROM faults WHERE world_id = @World", new { World = world });
        foreach (var f in faults)
        {
            db.Execute(InsertFault, new { World = world, f.Method, f.Kind, f.Probability, f.DelayMs });
        }
    }

    /// <summary>Deletes a world: every row of it, its providers and their keys, and the world itself; not its counters.</summary>
    public static void Delete(DbSession db, string world)
    {
        Clear(db, world);
        foreach (var table in new[] { "providers", "provider_keys", "worlds" })
        {
            db.Execute($"DELETE FROM {table} WHERE world_id = @World", new { World = world });
        }
    }

    public static void Clear(DbSession db, string world)
    {
        SaveCountersKeptByRows(db, world);
        foreach (var table in WorldTables)
        {
            db.Execute($"DELETE FROM {table} WHERE world_id = @World", new { World = world });
        }
    }
}
