using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// What a throwaway PostgreSQL wrote, read from its write-ahead log with <c>pg_waldump --stats=record</c> between two
/// positions: every row inserted, updated or deleted is a heap record, and every entry added to a B-tree index an
/// <c>INSERT_LEAF</c> (or <c>INSERT_POST</c>) record, whichever backend wrote it. The server is the bench's alone.
/// </summary>
public sealed partial class PostgresWal(string connectionString, string dataDirectory, string bin)
{
    private static readonly string[] HeapWrites = ["Heap/INSERT", "Heap/INSERT+INIT", "Heap/UPDATE", "Heap/UPDATE+INIT", "Heap/HOT_UPDATE", "Heap/HOT_UPDATE+INIT", "Heap/DELETE"];
    private static readonly string[] IndexWrites = ["Btree/INSERT_LEAF", "Btree/INSERT_POST"];

    /// <summary>Where the log is written up to now.</summary>
    public async Task<string> PositionAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<string>("SELECT pg_current_wal_insert_lsn()::text") ?? "";
    }

    /// <summary>The rows and index entries written between two positions, and the bytes of log they took.</summary>
    public async Task<StoreWrites> BetweenAsync(string from, string to)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            // The records must be in the files pg_waldump reads, not only in the server's buffers.
            while (!await connection.ExecuteScalarAsync<bool>("SELECT pg_current_wal_flush_lsn() >= @To::pg_lsn", new { To = to }))
            {
                await connection.ExecuteAsync("SELECT pg_switch_wal()");
                await Task.Delay(50);
            }
        }
        long bytes;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            bytes = await connection.ExecuteScalarAsync<long>("SELECT pg_wal_lsn_diff(@To::pg_lsn, @From::pg_lsn)::bigint", new { From = from, To = to });
        }
        var start = new ProcessStartInfo(Path.Combine(bin, "pg_waldump")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--stats=record", "-p", Path.Combine(dataDirectory, "pg_wal"), "-s", from, "-e", to])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_waldump did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_waldump failed: {await error}");
        }
        var records = Record().Matches(await output).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var rows = HeapWrites.Sum(r => records.GetValueOrDefault(r));
        var entries = IndexWrites.Sum(r => records.GetValueOrDefault(r));
        return new StoreWrites(rows + entries, rows, bytes, new Dictionary<string, long>());
    }

    [GeneratedRegex(@"^(\S+/\S+)\s+(\d+)\s+\(", RegexOptions.Multiline)]
    private static partial Regex Record();
}
