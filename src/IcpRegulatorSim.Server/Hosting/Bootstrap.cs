using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage.Sqlite;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>Prepares the database before the first request: migrations, the default world, the configured providers, the clocks.</summary>
public static class Bootstrap
{
    /// <summary>Opens the database <paramref name="options"/> names and applies its migrations; it needs nothing else of the server.</summary>
    public static Database Open(RegulatorOptions options)
    {
        var database = Database.Open(options.Data, options.FullSync);
        Step(database, database.Migrate);
        return database;
    }

    /// <summary>Runs a step of the start on <paramref name="database"/>, which it closes if the step fails.</summary>
    public static void Step(Database database, Action step)
    {
        try
        {
            step();
        }
        catch (SqliteException e) when (database is SqliteDatabase sqlite)
        {
            // A file that is a database but cannot be used (damaged, read-only): said in one line, the file named.
            database.Dispose();
            throw new ServerStartException($"--data {sqlite.Path} cannot be used: {e.Message}");
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The default world, the configured providers and what the node keeps in memory, on a database <see cref="Open"/> gave.</summary>
    public static void Run(Database database, RegulatorOptions options, WorldClocks clocks, Callers callers, FaultBook faults)
    {
        var (worlds, keys, faultRows) = database.Transact(db => Prepare(db, options, clocks));
        if (database.Shared)
        {
            // Other nodes create worlds, move clocks and issue keys: what this one has not seen is read when asked for.
            clocks.ReadFrom(
                world => database.Read(db => WorldStore.Find(db, world))?.Clock,
                async (world, cancellationToken) => (await database.ReadAsync(db => WorldStore.FindAsync(db, world, cancellationToken), cancellationToken))?.Clock,
                () => database.Read(WorldStore.All).Select(w => KeyValuePair.Create(w.WorldId, w.Clock)).ToList());
            callers.LookUpWith(fingerprint => database.Read(db => WorldStore.FindKey(db, fingerprint)) is { } key
                ? new ProviderCaller(key.WorldId, key.ProviderId, key.Province)
                : null);
        }
        foreach (var world in worlds)
        {
            clocks.Publish(world.WorldId, world.Clock);
        }
        foreach (var key in keys)
        {
            callers.Add(key.KeyFingerprint, new ProviderCaller(key.WorldId, key.ProviderId, key.Province));
        }
        foreach (var world in faultRows.GroupBy(f => f.WorldId))
        {
            faults.Set(world.Key, world.ToList());
        }
    }

    /// <summary>The default world (created if missing) and the configured providers; what the node keeps in memory of every world.</summary>
    private static (IReadOnlyList<WorldRow> Worlds, IReadOnlyList<KeyRow> Keys, IReadOnlyList<FaultRow> Faults) Prepare(
        DbSession db, RegulatorOptions options, WorldClocks clocks)
    {
        var worlds = WorldStore.All(db);
        if (worlds.All(w => w.WorldId != RegulatorOptions.DefaultWorld))
        {
            var real = clocks.RealNow;
            var start = options.ClockStartAt(real).ToUnixTimeMilliseconds();
            // Nodes starting together on one database: the first creates it, the others find it.
            WorldStore.Insert(db, new WorldRow
            {
                WorldId = RegulatorOptions.DefaultWorld,
                Seed = options.Seed,
                ClockBaseRealMs = real.ToUnixTimeMilliseconds(),
                ClockBaseSimMs = start,
                ClockRate = options.ClockRate,
                ClockStartMs = start,
            });
            worlds = WorldStore.All(db);
        }
        foreach (var key in options.EffectiveProviderKeys())
        {
            WorldStore.EnsureProvider(db, key.World, key.ProviderId, key.Name, key.Province);
        }
        return (worlds, WorldStore.Keys(db), WorldStore.Faults(db));
    }
}
