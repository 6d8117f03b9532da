using Dapper;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>Each provider's order events, numbered without gaps per provider so a client can resume from the last it saw.</summary>
internal static class EventStore
{
    private const string TakeSeq = """
        UPDATE providers SET next_event_seq = next_event_seq + @Count
        WHERE world_id = @World AND provider_id = @ProviderId
        RETURNING next_event_seq - @Count
        """;

    private const string Insert = """
        INSERT INTO order_events (world_id, provider_id, seq, order_id, kind, status, at_ms, mobile)
        VALUES (@World, @ProviderId, @Seq, @OrderId, @Kind, @Status, @AtMs, @Mobile)
        """;

    public static void Append(DbSession db, string world, FilingOrder order)
    {
        if (order.NewEvents.Count == 0)
        {
            return;
        }
        var first = db.Connection.ExecuteScalar<long?>(
            TakeSeq, new { World = world, order.ProviderId, Count = (long)order.NewEvents.Count }, db.Transaction)
            ?? throw new InvalidOperationException($"Provider '{order.ProviderId}' is not registered in world '{world}'.");
        for (var i = 0; i < order.NewEvents.Count; i++)
        {
            var e = order.NewEvents[i];
            db.Connection.Execute(Insert, new
            {
                World = world,
                order.ProviderId,
                Seq = first + i,
                order.OrderId,
                Kind = (long)e.Kind,
                Status = (long)e.Status,
                AtMs = e.At.ToUnixTimeMilliseconds(),
                e.Mobile,
            }, db.Transaction);
        }
    }
}
