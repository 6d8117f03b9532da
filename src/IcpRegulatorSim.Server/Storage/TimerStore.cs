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
/// due by then is applied, and the next one takes its place. The owner's row names its timer (timer_due_at_ms,
/// timer_kind, timer_item), so that a timer is found by its key from the row the save rewrites anyway, and no index of
/// timers by owner is written with each one.
/// </summary>
internal static class TimerStore
{
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

    // The timer an order's or a subject's row names, if it is still there (a deadline that failed was dropped).
    private const string SelectOfOrder = """
        SELECT t.due_at_ms, t.order_id, t.kind, t.item FROM orders o
        JOIN timers t ON t.world_id = o.world_id AND t.due_at_ms = o.timer_due_at_ms AND t.order_id = o.order_id AND t.kind = o.timer_kind AND t.item = o.timer_item
        WHERE o.world_id = @World AND o.order_id = @OrderId
        """;
    private const string SelectOfSubject = """
        SELECT t.due_at_ms, t.order_id, t.kind, t.item FROM subjects s
        JOIN timers t ON t.world_id = s.world_id AND t.due_at_ms = s.timer_due_at_ms AND t.order_id = @OrderId AND t.kind = s.timer_kind AND t.item = s.timer_item
        WHERE s.world_id = @World AND s.subject_number = @Number
        """;
    private const string NameOfOrder = """
        UPDATE orders SET timer_due_at_ms = @DueAtMs, timer_kind = @Kind, timer_item = @Item WHERE world_id = @World AND order_id = @OrderId
        """;
    private const string NameOfSubject = """
        UPDATE subjects SET timer_due_at_ms = @DueAtMs, timer_kind = @Kind, timer_item = @Item WHERE world_id = @World AND subject_number = @Number
        """;

    /// <summary>
    /// Replaces the timer of an order (or of a filed subject, whose row must still be there) with its earliest deadline;
    /// returns when that is, if it has one. A timer that stays as it was is not written again (reading it costs the
    /// writer far less than the index pages a rewrite dirties).
    /// </summary>
    public static long? Replace(DbSession db, string world, string orderId, IEnumerable<Deadline> deadlines, bool isNew) =>
        Replace(db, world, orderId, deadlines, isNew, nameInOwner: true)?.DueAtMs;

    /// <summary>
    /// <see cref="Replace(DbSession, string, string, IEnumerable{Deadline}, bool)"/>, but the caller writes the row it
    /// returns into the owner's row itself, with the rest of it (one version of the row, not two), unless
    /// <paramref name="nameInOwner"/>; returns the timer the owner now has.
    /// </summary>
    public static TimerRow? Replace(DbSession db, string world, string orderId, IEnumerable<Deadline> deadlines, bool isNew, bool nameInOwner)
    {
        var next = deadlines.MinBy(d => d.DueAt);
        var row = next is null ? null : new TimerRow
        {
            DueAtMs = next.DueAt.ToUnixTimeMilliseconds(),
            OrderId = orderId,
            Kind = (long)next.Kind,
            Item = (long)next.Item,
        };
        var subject = orderId.StartsWith(WriteSession.SubjectTimerPrefix, StringComparison.Ordinal) ? orderId[WriteSession.SubjectTimerPrefix.Length..] : null;
        if (!isNew)
        {
            var current = db.QueryFirstOrDefault<TimerRow>(subject is null ? SelectOfOrder : SelectOfSubject,
                new { World = world, OrderId = orderId, Number = subject });
            if (current == row)
            {
                return row;
            }
            if (current is not null)
            {
                Delete(db, world, current);
            }
        }
        if (row is not null)
        {
            db.Write(Insert, new { World = world, row.DueAtMs, row.OrderId, row.Kind, row.Item });
        }
        if (nameInOwner && (row is not null || !isNew))
        {
            db.Write(subject is null ? NameOfOrder : NameOfSubject,
                new { World = world, OrderId = orderId, Number = subject, DueAtMs = row?.DueAtMs, Kind = row?.Kind, Item = row?.Item });
        }
        return row;
    }

    public static TimerRow? NextDue(DbSession db, string world, long upToMs) =>
        db.QueryFirstOrDefault<TimerRow>(SelectNextDue, new { World = world, UpToMs = upToMs });

    public static long? EarliestDue(DbSession db, string world) =>
        db.ExecuteScalar<long?>(SelectEarliest, new { World = world });

    public static void Delete(DbSession db, string world, TimerRow timer) =>
        db.Write(DeleteOne, new { World = world, timer.DueAtMs, timer.OrderId, timer.Kind, timer.Item });
}
