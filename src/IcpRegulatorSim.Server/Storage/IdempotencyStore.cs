using Dapper;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Storage;

public sealed record IdempotentAnswer(byte[] RequestHash, FilingOrder Order);

public sealed record IdempotencyRow
{
    public byte[] RequestHash { get; init; } = [];
    public object Response { get; init; } = "";
}

/// <summary>The first answer to each idempotency key of a provider.</summary>
internal static class IdempotencyStore
{
    private const string Select = """
        SELECT request_hash, response FROM idempotency_keys WHERE world_id = @World AND provider_id = @ProviderId AND idempotency_key = @Key
        """;

    private const string Insert = """
        INSERT INTO idempotency_keys (world_id, provider_id, idempotency_key, request_hash, response, created_at_ms)
        VALUES (@World, @ProviderId, @Key, @RequestHash, @Response, @CreatedAtMs)
        """;

    public static IdempotentAnswer? Find(DbSession db, string world, string providerId, string key)
    {
        var row = db.QueryFirstOrDefault<IdempotencyRow>(
            Select, new { World = world, ProviderId = providerId, Key = key });
        return row is null ? null : new IdempotentAnswer(row.RequestHash, StoreJson.Read<FilingOrder>(row.Response));
    }

    /// <summary>Records the answer: <paramref name="orderDocument"/>, the order as it stands now, is what retries will get back.</summary>
    public static void Record(DbSession db, string world, string providerId, string key, byte[] requestHash, byte[] orderDocument, DateTimeOffset at) =>
        db.Execute(Insert, new
        {
            World = world,
            ProviderId = providerId,
            Key = key,
            RequestHash = requestHash,
            Response = orderDocument,
            CreatedAtMs = at.ToUnixTimeMilliseconds(),
        });
}
