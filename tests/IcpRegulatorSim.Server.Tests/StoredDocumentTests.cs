using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Dapper;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>Documents are stored compressed; those an earlier build stored as JSON text still read.</summary>
public sealed class StoredDocumentTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-documents-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Orders_and_subjects_stored_as_json_text_still_read_after_a_restart()
    {
        var samples = new SampleFilings();
        var filing = samples.Company();
        string subjectNumber, orderId;
        await using (var first = await RegulatorServer.StartAsync(path))
        {
            var gateway = first.Gateway();
            subjectNumber = (await gateway.FileAsync(filing)).SubjectNumber;
            orderId = (await gateway.SubmitAsync(new SubmitFilingRequest { Filing = samples.Company() })).Order.OrderId;
        }

        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM orders WHERE typeof(document) = 'blob'") >= 2);
            // Each table is stored as its key (world, order id; world, subject number).
            foreach (var (table, key) in new[] { ("orders", "order_id"), ("subjects", "subject_number") })
            {
                foreach (var (world, id, blob) in connection.Query<(string, string, byte[])>($"SELECT world_id, {key}, document FROM {table}").AsList())
                {
                    connection.Execute($"UPDATE {table} SET document = @Text WHERE world_id = @World AND {key} = @Id",
                        new { Text = AsText(blob), World = world, Id = id });
                }
            }
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM orders WHERE typeof(document) <> 'text'"));
        }
        SqliteConnection.ClearAllPools();

        await using var second = await RegulatorServer.StartAsync(path);
        var again = second.Gateway();
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await again.GetFilingAsync(orderId)).Status);
        var found = await again.QueryByDomainAsync(filing.Services[0].Domains[0]);
        Assert.Equal(subjectNumber, Assert.Single(found.Filings).SubjectNumber);
    }

    [Fact]
    public async Task Documents_written_one_after_another_each_read_back_whole_after_a_restart()
    {
        // A document is serialized and compressed into buffers its thread keeps: a large one and then a small one
        // must each be stored as themselves, not the small one with what is left of the large one after it.
        var samples = new SampleFilings();
        // Large and small in turn, many times: the writer runs on pool threads, so most documents follow another
        // written on the same thread.
        var filings = Enumerable.Range(0, 24).Select(i => i % 2 == 0 ? samples.Company(websites: SampleFilings.MaxWebsites) : samples.Company()).ToList();
        var ids = new List<string>();
        await using (var first = await RegulatorServer.StartAsync(path))
        {
            var gateway = first.Gateway();
            foreach (var filing in filings)
            {
                ids.Add((await gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing })).Order.OrderId);
            }
        }

        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            foreach (var blob in connection.Query<byte[]>("SELECT document FROM orders").AsList())
            {
                using var json = System.Text.Json.JsonDocument.Parse(AsText(blob));
                Assert.Equal(System.Text.Json.JsonValueKind.Object, json.RootElement.ValueKind);
            }
        }
        SqliteConnection.ClearAllPools();

        await using var second = await RegulatorServer.StartAsync(path);
        var again = second.Gateway();
        for (var i = 0; i < filings.Count; i++)
        {
            var read = await again.GetFilingAsync(ids[i]);
            Assert.Equal(filings[i].Services.Count, read.Filing.Services.Count);
            Assert.Equal(filings[i].Subject.Name, read.Filing.Subject.Name);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>A stored document as an earlier build wrote it: format byte, JSON length, Brotli — undone to text.</summary>
    private static string AsText(byte[] blob)
    {
        var json = new byte[BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(1))];
        Assert.True(BrotliDecoder.TryDecompress(blob.AsSpan(5), json, out var written));
        Assert.Equal(json.Length, written);
        return Encoding.UTF8.GetString(json);
    }
}
