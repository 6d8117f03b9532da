using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>Prepares the database before the first request: migrations, the default world, the configured providers, the clocks.</summary>
public static class Bootstrap
{
    public static void Run(Database database, RegulatorOptions options, WorldClocks clocks, Callers callers, FaultBook faults)
    {
        database.Migrate();
        using var connection = database.OpenWriter();
        using var tx = connection.BeginTransaction();
        var db = new DbSession(connection, tx);
        RegistryStore.BackfillPublicRecords(db);
        var worlds = WorldStore.All(db);
        if (worlds.All(w => w.WorldId != RegulatorOptions.DefaultWorld))
        {
            var real = clocks.RealNow;
            var start = options.ClockStartAt(real).ToUnixTimeMilliseconds();
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
        var keys = WorldStore.Keys(db);
        var faultRows = WorldStore.Faults(db);
        tx.Commit();
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
}
