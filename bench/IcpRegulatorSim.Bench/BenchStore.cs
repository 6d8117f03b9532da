using Dapper;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IcpRegulatorSim.Bench;

/// <summary>What the database holds after a run: its bytes, and the orders and filed subjects they are for.</summary>
public sealed record StoreSize(long Bytes, long Orders, long Subjects);

/// <summary>
/// What calls wrote, as the store itself shows it: B-tree entries (SQLite: those of tables and indexes alike; PostgreSQL:
/// rows and index entries), of them the rows of tables, on PostgreSQL the bytes of its write-ahead log, and on SQLite
/// the entries of each table ("table name") and index ("index name").
/// </summary>
public sealed record StoreWrites(long Entries, long Rows, long? LogBytes, IReadOnlyDictionary<string, long> ByTree);

/// <summary>
/// The database a bench run's server nodes share, thrown away afterwards: a SQLite file in a temporary directory (one
/// node), or a PostgreSQL server of the run's own.
/// </summary>
public abstract class BenchStore : IAsyncDisposable
{
    /// <summary>What each node's <c>--data</c> is.</summary>
    public abstract string Data { get; }

    /// <summary>The store's name, as the output prints it.</summary>
    public abstract string Name { get; }

    /// <summary>What <see cref="StoreSize.Bytes"/> counts, as the output prints it.</summary>
    public abstract string SizeMeaning { get; }

    public static async Task<BenchStore> StartAsync(BenchStoreKind kind) => kind switch
    {
        BenchStoreKind.Sqlite => new SqliteBenchStore(),
        BenchStoreKind.Postgres => await PostgresBenchStore.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Starts following the largest the write-ahead log gets, where the store has one the bench can watch.</summary>
    public virtual void StartSampling()
    {
    }

    /// <summary>Stops following the write-ahead log: its peak in bytes, or null where the store has none the bench watches.</summary>
    public virtual Task<long?> StopSamplingAsync() => Task.FromResult<long?>(null);

    /// <summary>The database's size and contents, once every node is gone.</summary>
    public abstract Task<StoreSize> MeasureAsync();

    /// <summary>What <paramref name="calls"/>, made one after the other, wrote to the database (nothing else may write meanwhile).</summary>
    public abstract Task<StoreWrites> WritesOfAsync(IReadOnlyList<Func<Task>> calls);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file in a temporary directory, deleted on dispose; its WAL watched while the run goes on.</summary>
public sealed class SqliteBenchStore : BenchStore
{
    private readonly string directory = Directory.CreateTempSubdirectory("icp-bench-").FullName;
    private readonly CancellationTokenSource sampling = new();
    private Task<long>? walPeak;

    public override string Data => Path.Combine(directory, "bench.db");

    public override string Name => "SQLite";

    public override string SizeMeaning => "the file";

    public override void StartSampling() => walPeak = WalPeakAsync(Data + "-wal", sampling.Token);

    public override async Task<long?> StopSamplingAsync()
    {
        await sampling.CancelAsync();
        return walPeak is null ? null : await walPeak;
    }

    /// <summary>The database after the kill: every committed page folded into the file, then its size and what it holds.</summary>
    public override Task<StoreSize> MeasureAsync()
    {
        using var connection = new SqliteConnection($"Data Source={Data}");
        connection.Open();
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        var orders = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM orders");
        var subjects = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM subjects");
        SqliteConnection.ClearAllPools();
        return Task.FromResult(new StoreSize(new FileInfo(Data).Length, orders, subjects));
    }

    /// <summary>Every B-tree read before and after each call: what each wrote, whatever batch the writer put it in.</summary>
    public override async Task<StoreWrites> WritesOfAsync(IReadOnlyList<Func<Task>> calls)
    {
        using var btrees = new SqliteBtrees(Data);
        var byTree = new Dictionary<string, long>(StringComparer.Ordinal);
        var before = btrees.Snapshot();
        foreach (var call in calls)
        {
            await call();
            var after = btrees.Snapshot();
            foreach (var (tree, count) in SqliteBtrees.Written(before, after))
            {
                byTree[tree] = byTree.GetValueOrDefault(tree) + count;
            }
            before = after;
        }
        return new StoreWrites(byTree.Values.Sum(), byTree.Where(t => t.Key.StartsWith("table ", StringComparison.Ordinal)).Sum(t => t.Value), null, byTree);
    }

    public override ValueTask DisposeAsync()
    {
        sampling.Dispose();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The largest the WAL file gets, looked at ten times a second until <paramref name="stop"/>. The checkpointer lets
    /// it start over once it holds 16 MiB; how far past that it grows first depends on how fast the writer fills it
    /// while a checkpoint catches up, which is a figure for the bench, not a bound for a test.
    /// </summary>
    private static async Task<long> WalPeakAsync(string wal, CancellationToken stop)
    {
        long peak = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                peak = Math.Max(peak, File.Exists(wal) ? new FileInfo(wal).Length : 0);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over: the peak so far is the answer.
        }
        return peak;
    }
}

/// <summary>
/// A throwaway PostgreSQL server (<see cref="PostgresServer"/>: no fsync) for the run, the simulator's tables in a
/// schema of their own; stopped and deleted on dispose.
/// </summary>
public sealed class PostgresBenchStore : BenchStore
{
    private const string Schema = "icp_bench";

    private readonly PostgresServer server;

    private readonly PostgresWal wal;

    private PostgresBenchStore(PostgresServer server)
    {
        this.server = server;
        Data = server.InSchema(Schema);
        wal = new PostgresWal(server.ConnectionString, Path.Combine(server.Directory, "data"),
            PostgresServer.BinDirectory ?? throw new InvalidOperationException("PostgreSQL is not installed."));
    }

    public override string Data { get; }

    public override string Name => "PostgreSQL";

    public override string SizeMeaning => $"schema {Schema}: tables, indexes and TOAST";

    public static async Task<PostgresBenchStore> StartAsync() => new(await PostgresServer.StartAsync(Console.Error));

    /// <summary>
    /// The simulator's tables with their indexes and TOAST (<c>pg_total_relation_size</c>): what its data takes, without
    /// the catalogs every database has.
    /// </summary>
    public override async Task<StoreSize> MeasureAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Data) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var bytes = await connection.ExecuteScalarAsync<long>("""
            SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @Schema AND c.relkind IN ('r', 'm')
            """, new { Schema });
        var orders = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders");
        var subjects = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subjects");
        return new StoreSize(bytes, orders, subjects);
    }

    /// <summary>The server's write-ahead log from before the first call to after the last: what every backend wrote.</summary>
    public override async Task<StoreWrites> WritesOfAsync(IReadOnlyList<Func<Task>> calls)
    {
        var from = await wal.PositionAsync();
        foreach (var call in calls)
        {
            await call();
        }
        return await wal.BetweenAsync(from, await wal.PositionAsync());
    }

    public override ValueTask DisposeAsync() => server.DisposeAsync();
}
