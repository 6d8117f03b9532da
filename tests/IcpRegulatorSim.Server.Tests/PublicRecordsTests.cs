using Dapper;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The public query reads each service's public record, kept beside it; a database from before those records gets
/// them at its next start, and the query answers exactly as it did.
/// </summary>
public sealed class PublicRecordsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-public-records-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_database_without_public_records_gets_them_at_start_and_the_query_answers_as_before()
    {
        var filing = new SampleFilings().Company(websites: 3);
        FilingOrder filed;
        PublicQueryResponse[] before;
        await using (var first = await RegulatorServer.StartAsync(path))
        {
            var gateway = first.Gateway();
            filed = await gateway.FileAsync(filing);
            before = await QueriesAsync(gateway, filing, filed);
        }
        Assert.Equal(3, before[1].Filings.Count);
        Assert.Equal(filed.ServiceNumbers.Select(n => n.Number), before[1].Filings.Select(f => f.ServiceNumber));

        // As migration 006 leaves a database that already held filings: no records, and the backfill pending.
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            connection.Execute("UPDATE filed_services SET public_record = NULL, position = 0");
            connection.Execute("INSERT INTO pending_backfills (name) VALUES ('public_records')");
        }
        SqliteConnection.ClearAllPools();

        await using var second = await RegulatorServer.StartAsync(path);
        var after = await QueriesAsync(second.Gateway(), filing, filed);
        Assert.Equal(before, after);
        using var check = new SqliteConnection($"Data Source={path}");
        check.Open();
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT count(*) FROM filed_services WHERE public_record IS NULL"));
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT count(*) FROM pending_backfills"));
    }

    /// <summary>The query by a domain of the second website, by the subject's number, and by each service's number.</summary>
    private static async Task<PublicQueryResponse[]> QueriesAsync(ProviderGatewayClient gateway, Filing filing, FilingOrder filed) =>
    [
        await gateway.QueryByDomainAsync(filing.Services[1].Domains[0]),
        await gateway.QueryByIcpNumberAsync(filed.SubjectNumber),
        .. await Task.WhenAll(filed.ServiceNumbers.Select(n => gateway.QueryByIcpNumberAsync(n.Number))),
    ];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }
}
