using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Storage;

public sealed record TimerRow
{
    public long DueAtMs { get; init; }
    public string OrderId { get; init; } = "";
    public long Kind { get; init; }
    public long Item { get; init; }

    public DateTimeOffset DueAt => DateTimeOffset.FromUnixTimeMilliseconds(DueAtMs);
    public DeadlineKind DeadlineKind => (DeadlineKind)Kind;
}

/// <summary>
/// Persisted deadlines: one row per order, and one per filed subject (the administration's deadlines on its services,
/// under the key <see cref="WriteSession.SubjectTimerPrefix"/> and its number), each the earliest deadline of its
/// owner, derived from the owner's state when it is saved (so never stale). When it fires, every deadline of its owner
/// due by then is applied, and the next one takes its place.
/// </summary>
internal static class TimerStore
{
    private const string DeleteForOrder = "DELETE FROM timers WHERE world_id = @World AND order_id = @OrderId";
    private const string Insert = """
        INSERT INTO timers (world_id, due_at_ms, order_id, kind, item) VALUES (@World, @DueAtMs, @OrderId, @Kind, @Item)
        """;
    private const string SelectNextDue = """
        SELECT due_at_ms, order_id, kind, item FROM timers
        WHERE world_id = @World AND due_at_ms <= @UpToMs
        ORDER BY due_at_ms, order_id, kind, item LIMIT 1
        """;
    internal const string SelectEarliest = "SELECT MIN(due_at_ms) FROM timers WHERE world_id = @World";
    private const string DeleteOne = """
        DELETE FROM timers WHERE world_id = @World AND due_at_ms = @DueAtMs AND order_id = @OrderId AND kind = @Kind AND item = @Item
        """;

    private const string SelectForOrder = "SELECT due_at_ms, order_id, kind, item FROM timers WHERE world_id = @World AND order_id = @OrderId";

    /// <summary>
    /// Replaces the timer of an order (or of a filed subject) with its earliest deadline; returns when that is, if it
    /// has one. A timer that stays as it was is not written again (reading it costs the writer far less than the two
    /// index pages a rewrite dirties).
    /// </summary>
    public static long? Replace(DbSession db, string world, string orderId, IEnumerable<Deadline> deadlines, bool isNew)
    {
        var next = deadlines.MinBy(d => d.DueAt);
        var row = next is null ? null : new TimerRow
        {
            DueAtMs = next.DueAt.ToUnixTimeMilliseconds(),
            OrderId = orderId,
            Kind = (long)next.Kind,
            Item = (long)next.Item,
        };
        if (!isNew)
        {
            var current = db.Query<TimerRow>(SelectForOrder, new { World = world, OrderId = orderId });
            if (current.Count == (row is null ? 0 : 1) && (row is null || current[0] == row))
            {
                return row?.DueAtMs;
            }
            db.Write(DeleteForOrder, new { World = world, OrderId = orderId });
        }
        if (row is not null)
        {
            db.Write(Insert, new { World = world, row.DueAtMs, row.OrderId, row.Kind, row.Item });
        }
        return row?.DueAtMs;
    }

    public static TimerRow? NextDue(DbSession db, string world, long upToMs) =>
        db.QueryFirstOrDefault<TimerRow>(SelectNextDue, new { World = world, UpToMs = upToMs });

    public static long? EarliestDue(DbSession db, string world) =>
        db.ExecuteScalar<long?>(SelectEarliest, new { World = world });

    public static void Delete(DbSession db, string world, TimerRow timer) =>
        db.Write(DeleteOne, new { World = world, timer.DueAtMs, timer.OrderId, timer.Kind, timer.Item });
}
