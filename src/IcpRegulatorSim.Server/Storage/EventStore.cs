using Dapper;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Storage;

public sealed record EventDetail(
    string? SubjectNumber, IReadOnlyList<string>? ServiceNumbers, string? ReasonCode, string? ReasonEn, string? ReasonZh, int? NumericCode = null);

public sealed record EventRow
{
    public long Seq { get; init; }
    public string OrderId { get; init; } = "";
    public long Kind { get; init; }
    public long Status { get; init; }
    public long AtMs { get; init; }
    public string? Mobile { get; init; }
    public object? Detail { get; init; }

    public EventDetail? ReadDetail() => Detail is null ? null : StoreJson.Read<EventDetail>(Detail);
}

/// <summary>Each provider's order events, numbered without gaps per provider so a client can resume from the last it saw.</summary>
internal static class EventStore
{
    private const string Insert = """
        INSERT INTO order_events (world_id, provider_id, seq, order_id, kind, status, at_ms, mobile, detail)
        VALUES (@World, @ProviderId, @Seq, @OrderId, @Kind, @Status, @AtMs, @Mobile, @Detail)
        """;

    private const string Select = """
        SELECT seq, order_id, kind, status, at_ms, mobile, detail FROM order_events
        WHERE world_id = @World AND provider_id = @ProviderId AND seq > @After ORDER BY seq LIMIT @Limit
        """;

    /// <summary>Stores the order's new events, numbered from <paramref name="first"/> (taken by the writer).</summary>
    public static void Append(DbSession db, string world, FilingOrder order, long first)
    {
        for (var i = 0; i < order.NewEvents.Count; i++)
        {
            var e = order.NewEvents[i];
            db.Write(Insert, new
            {
                World = world,
                order.ProviderId,
                Seq = first + i,
                order.OrderId,
                Kind = (long)e.Kind,
                Status = (long)e.Status,
                AtMs = e.At.ToUnixTimeMilliseconds(),
                e.Mobile,
                Detail = Detail(order, e),
            });
        }
    }

    /// <summary>
    /// Stores an event of the administration's about filed services the provider hosts: no order, numbered
    /// <paramref name="seq"/> in the provider's feed (taken by the writer).
    /// </summary>
    public static void AppendAdministrative(
        DbSession db, string world, string providerId, long seq, OrderEventKind kind, DateTimeOffset at, EventDetail detail) =>
        db.Write(Insert, new
        {
            World = world,
            ProviderId = providerId,
            Seq = seq,
            OrderId = "",
            Kind = (long)kind,
            Status = (long)OrderStatus.Unspecified,
            AtMs = at.ToUnixTimeMilliseconds(),
            Mobile = (string?)null,
            Detail = StoreJson.Write(detail),
        });

    public static IReadOnlyList<EventRow> List(DbSession db, string world, string providerId, long after, int limit) =>
        db.Query<EventRow>(Select, new { World = world, ProviderId = providerId, After = after, Limit = limit }).AsList();

    /// <summary>What an ending says: the numbers an approval issued or concerned, the reason of any other ending.</summary>
    private static byte[]? Detail(FilingOrder order, OrderEvent e) => e.Kind switch
    {
        OrderEventKind.Approved => StoreJson.Write(new EventDetail(order.SubjectNumber, order.ServiceNumbers, order.Decision?.ReasonCode, null, null)),
        OrderEventKind.Rejected or OrderEventKind.Returned or OrderEventKind.Withdrawn when order.Decision is { } d =>
            StoreJson.Write(new EventDetail(null, null, d.ReasonCode, d.En, d.Zh)),
        _ => null,
    };
}
