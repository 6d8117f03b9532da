using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Storage;

public sealed record IdempotentAnswer(byte[] RequestHash, FilingOrder Order);

/// <summary>The first answer to each idempotency key of a provider (read back with a submission's other lookups, by AdmissionStore).</summary>
internal static class IdempotencyStore
{
    private const string Insert = """
        INSERT INTO idempotency_keys (world_id, provider_id, idempotency_key, request_hash, response, created_at_ms)
        VALUES (@World, @ProviderId, @Key, @RequestHash, @Response, @CreatedAtMs)
        """;

    /// <summary>Records the answer: <paramref name="orderDocument"/>, the order as it stands now, is what retries will get back.</summary>
    public static void Record(DbSession db, string world, string providerId, string key, byte[] requestHash, byte[] orderDocument, DateTimeOffset at) =>
        db.Write(Insert, new
        {
            World = world,
            ProviderId = providerId,
            Key = key,
            RequestHash = requestHash,
            Response = orderDocument,
            CreatedAtMs = at.ToUnixTimeMilliseconds(),
        });
}
