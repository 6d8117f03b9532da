using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Storage;

public sealed record TimerRow
{
    public long DueAtMs { get; init; }
    public long OwnerKind { get; init; }
    public string OwnerId { get; init; } = "";
    public long Kind { get; init; }
    public long Item { get; init; }

    public DateTimeOffset DueAt => DateTimeOffset.FromUnixTimeMilliseconds(DueAtMs);
    public TimerOwner Owner => new((TimerOwnerKind)OwnerKind, OwnerId);
    public DeadlineKind DeadlineKind => (DeadlineKind)Kind;
}

/// <summary>
/// Persisted deadlines: one row per owner (an order; a filed subject, for the administration's deadlines on its
/// services; a website's public-security filing), each the earliest deadline of its owner, derived from the owner's state when it is saved (so never stale). When it fires, every deadline of its owner
/// due by then is applied, and the next one takes its place. The owner's row names its timer (timer_due_at_ms,
/// timer_kind, timer_item), so that a timer is found by its key from the row the save rewrites anyway, and no index of
/// timers by owner is written with each one.
/// </summary>
internal static class TimerStore
{
    private const string Insert = """
        INSERT INTO timers (world_id, due_at_ms, owner_kind, owner_id, kind, item) VALUES (@World, @DueAtMs, @OwnerKind, @OwnerId, @Kind, @Item)
        """;
    private const string SelectNextDue = """
        SELECT due_at_ms, owner_kind, owner_id, kind, item FROM timers
        WHERE world_id = @World AND due_at_ms <= @UpToMs
        ORDER BY due_at_ms, owner_kind, owner_id, kind, item LIMIT 1
        """;
    internal const string SelectEarliest = "SELECT MIN(due_at_ms) FROM timers WHERE world_id = @World";
    private const string DeleteOne = """
        DELETE FROM timers
        WHERE world_id = @World AND due_at_ms = @DueAtMs AND owner_kind = @OwnerKind AND owner_id = @OwnerId AND kind = @Kind AND item = @Item
        """;

    // The timer an order's or a subject's row names, if it is still there (a deadline that failed was dropped).
    private const string SelectOfOrder = """
        SELECT t.due_at_ms, t.owner_kind, t.owner_id, t.kind, t.item FROM orders o
        JOIN timers t ON t.world_id = o.world_id AND t.due_at_ms = o.timer_due_at_ms AND t.owner_kind = 0 AND t.owner_id = o.order_id
            AND t.kind = o.timer_kind AND t.item = o.timer_item
        WHERE o.world_id = @World AND o.order_id = @OwnerId
        """;
    private const string SelectOfSubject = """
        SELECT t.due_at_ms, t.owner_kind, t.owner_id, t.kind, t.item FROM subjects s
        JOIN timers t ON t.world_id = s.world_id AND t.due_at_ms = s.timer_due_at_ms AND t.owner_kind = 1 AND t.owner_id = s.subject_number
            AND t.kind = s.timer_kind AND t.item = s.timer_item
        WHERE s.world_id = @World AND s.subject_number = @OwnerId
        """;
    private const string SelectOfWebsiteFiling = """
        SELECT t.due_at_ms, t.owner_kind, t.owner_id, t.kind, t.item FROM psb_filings f
        JOIN timers t ON t.world_id = f.world_id AND t.due_at_ms = f.timer_due_at_ms AND t.owner_kind = 2 AND t.owner_id = f.filing_id
            AND t.kind = f.timer_kind AND t.item = f.timer_item
        WHERE f.world_id = @World AND f.filing_id = @OwnerId
        """;
    private const string NameOfOrder = """
        UPDATE orders SET timer_due_at_ms = @DueAtMs, timer_kind = @Kind, timer_item = @Item WHERE world_id = @World AND order_id = @OwnerId
        """;
    private const string NameOfSubject = """
        UPDATE subjects SET timer_due_at_ms = @DueAtMs, timer_kind = @Kind, timer_item = @Item WHERE world_id = @World AND subject_number = @OwnerId
        """;
    private const string NameOfWebsiteFiling = """
        UPDATE psb_filings SET timer_due_at_ms = @DueAtMs, timer_kind = @Kind, timer_item = @Item WHERE world_id = @World AND filing_id = @OwnerId
        """;

    /// <summary>
    /// Replaces the timer of an owner (an order; a filed subject, whose row must still be there) with its earliest deadline;
    /// returns when that is, if it has one. A timer that stays as it was is not written again (reading it costs the
    /// writer far less than the index pages a rewrite dirties).
    /// </summary>
    public static long? Replace(DbSession db, string world, TimerOwner owner, IEnumerable<Deadline> deadlines, bool isNew) =>
        Replace(db, world, owner, deadlines, isNew, nameInOwner: true)?.DueAtMs;

    /// <summary>
    /// <see cref="Replace(DbSession, string, TimerOwner, IEnumerable{Deadline}, bool)"/>, but the caller writes the row it
    /// returns into the owner's row itself, with the rest of it (one version of the row, not two), unless
    /// <paramref name="nameInOwner"/>; returns the timer the owner now has. The timer it replaces is <paramref name="known"/>
    /// when the caller read it with the owner, else read here.
    /// </summary>
    public static TimerRow? Replace(
        DbSession db, string world, TimerOwner owner, IEnumerable<Deadline> deadlines, bool isNew, bool nameInOwner, KnownTimer? known = null)
    {
        var next = deadlines.MinBy(d => d.DueAt);
        var row = next is null ? null : new TimerRow
        {
            DueAtMs = next.DueAt.ToUnixTimeMilliseconds(),
            OwnerKind = (long)owner.Kind,
            OwnerId = owner.Id,
            Kind = (long)next.Kind,
            Item = (long)next.Item,
        };
        var (selectCurrent, name) = owner.Kind switch
        {
            TimerOwnerKind.Order => (SelectOfOrder, NameOfOrder),
            TimerOwnerKind.Subject => (SelectOfSubject, NameOfSubject),
            TimerOwnerKind.WebsiteFiling => (SelectOfWebsiteFiling, NameOfWebsiteFiling),
            _ => throw new ArgumentOutOfRangeException(nameof(owner), owner.Kind, "A timer owner with no row to name its timer."),
        };
        if (!isNew)
        {
            var current = known is not null ? known.Row : db.QueryFirstOrDefault<TimerRow>(selectCurrent, new { World = world, OwnerId = owner.Id });
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
            db.Write(Insert, new { World = world, row.DueAtMs, row.OwnerKind, row.OwnerId, row.Kind, row.Item });
        }
        if (nameInOwner && (row is not null || !isNew))
        {
            db.Write(name, new { World = world, OwnerId = owner.Id, DueAtMs = row?.DueAtMs, Kind = row?.Kind, Item = row?.Item });
        }
        return row;
    }

    public static TimerRow? NextDue(DbSession db, string world, long upToMs) =>
        db.QueryFirstOrDefault<TimerRow>(SelectNextDue, new { World = world, UpToMs = upToMs });

    public static long? EarliestDue(DbSession db, string world) =>
        db.ExecuteScalar<long?>(SelectEarliest, new { World = world });

    public static void Delete(DbSession db, string world, TimerRow timer) =>
        db.Write(DeleteOne, new { World = world, timer.DueAtMs, timer.OwnerKind, timer.OwnerId, timer.Kind, timer.Item });
}
