using Dapper;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Storage;

public sealed record HolderRow
{
    public string Identifier { get; init; } = "";
    public string SubjectKey { get; init; } = "";
    public string? ServiceNumber { get; init; }

    public IdentifierHolder ToHolder() => new(Identifier, SubjectKey, ServiceNumber);
}

/// <summary>A code of an order sent to a mobile, for the people whose certificates end in <see cref="Suffixes"/>.</summary>
public sealed record SmsIndexRow
{
    public string OrderId { get; init; } = "";
    public long Item { get; init; }
    public string Suffixes { get; init; } = "";
    /// <summary>The order's status (its codes can be validated only while it awaits validation).</summary>
    public long Status { get; init; }
    /// <summary>The order's document while it awaits validation (read with its entry: no round trip of its own); else null.</summary>
    public object? Document { get; init; }
    /// <summary>The order's timer, read with it, so that saving the order need not read it again.</summary>
    public long? TimerDueAtMs { get; init; }
    public long? TimerKind { get; init; }
    public long? TimerItem { get; init; }

    public KnownTimer Timer => new(TimerDueAtMs is { } due
        ? new TimerRow { DueAtMs = due, OwnerKind = (long)TimerOwnerKind.Order, OwnerId = OrderId, Kind = TimerKind!.Value, Item = TimerItem!.Value }
        : null);

    public bool Matches(string certificateSuffix) =>
        Suffixes.Split(',').Contains(certificateSuffix.ToUpperInvariant(), StringComparer.Ordinal);
}

/// <summary>
/// Filing orders. Saving an order also writes, in the same transaction, everything derived from it: its deadlines,
/// its entries in the validation database and the domains it claims while in process (its events and messages are
/// numbered and written by the WriteSession).
/// </summary>
internal static class OrderStore
{
    private const string Insert = """
        INSERT INTO orders (world_id, order_id, provider_id, subject_key, province, type, status, submitted_at_ms, updated_at_ms, review_due_at_ms, document,
                            timer_due_at_ms, timer_kind, timer_item)
        VALUES (@World, @OrderId, @ProviderId, @SubjectKey, @Province, @Type, @Status, @SubmittedAtMs, @UpdatedAtMs, @ReviewDueAtMs, @Document,
                @TimerDueAtMs, @TimerKind, @TimerItem)
        """;

    private const string Update = """
        UPDATE orders SET status = @Status, updated_at_ms = @UpdatedAtMs, review_due_at_ms = @ReviewDueAtMs, document = @Document,
                          timer_due_at_ms = @TimerDueAtMs, timer_kind = @TimerKind, timer_item = @TimerItem
        WHERE world_id = @World AND order_id = @OrderId
        """;

    private const string SelectDocument = "SELECT document FROM orders WHERE world_id = @World AND order_id = @OrderId";

    private const string SelectByProvider = """
        SELECT document FROM orders
        WHERE world_id = @World AND provider_id = @ProviderId AND order_id > @After AND (@Status = 0 OR status = @Status)
        ORDER BY order_id LIMIT @Limit
        """;

    private const string SelectRecent = """
        SELECT document FROM orders WHERE world_id = @World AND (@Before = '' OR order_id < @Before) ORDER BY order_id DESC LIMIT @Limit
        """;

    private const string SelectUnderReview = """
        SELECT document FROM orders
        WHERE world_id = @World AND status = 2 AND order_id > @After AND (@Province = '' OR province = @Province)
        ORDER BY order_id LIMIT @Limit
        """;

    private const string InsertClaim =
        "INSERT INTO order_claims (world_id, identifier, order_id, subject_key) VALUES (@World, @Identifier, @OrderId, @SubjectKey)";

    // By the primary key, an identifier the order's document holds at a time: no index of claims by order to keep.
    private const string DeleteClaim =
        "DELETE FROM order_claims WHERE world_id = @World AND identifier = @Identifier AND order_id = @OrderId";

    // An entry never changes: the state of each code is in the order's document, which is written anyway. A save adds
    // the entries of codes that are new, and touches no page for the others.
    private const string InsertSmsIndex = """
        INSERT INTO sms_index (world_id, mobile, order_id, item, suffixes) VALUES (@World, @Mobile, @OrderId, @Item, @Suffixes)
        ON CONFLICT DO NOTHING
        """;

    private const string SelectSmsIndex = """
        SELECT s.order_id, s.item, s.suffixes, o.status, CASE WHEN o.status = 1 THEN o.document END AS document,
               t.due_at_ms AS timer_due_at_ms, t.kind AS timer_kind, t.item AS timer_item
        FROM sms_index s
        JOIN orders o ON o.world_id = s.world_id AND o.order_id = s.order_id
        LEFT JOIN timers t ON t.world_id = o.world_id AND t.due_at_ms = o.timer_due_at_ms AND t.owner_kind = 0 AND t.owner_id = o.order_id
            AND t.kind = o.timer_kind AND t.item = o.timer_item
        WHERE s.world_id = @World AND s.mobile = @Mobile
        """;

    public static FilingOrder? Find(DbSession db, string world, string orderId) =>
        StoreJson.ReadFirst<FilingOrder>(db, SelectDocument, new { World = world, OrderId = orderId });

    public static IReadOnlyList<FilingOrder> ListByProvider(
        DbSession db, string world, string providerId, OrderStatus status, string after, int limit) =>
        StoreJson.ReadAll<FilingOrder>(db, SelectByProvider,
            new { World = world, ProviderId = providerId, Status = (long)status, After = after, Limit = limit });

    /// <summary>The world's orders, whoever filed them, newest first.</summary>
    public static IReadOnlyList<FilingOrder> ListRecent(DbSession db, string world, string before, int limit) =>
        StoreJson.ReadAll<FilingOrder>(db, SelectRecent, new { World = world, Before = before, Limit = limit });

    public static IReadOnlyList<FilingOrder> ListUnderReview(DbSession db, string world, string province, string after, int limit) =>
        StoreJson.ReadAll<FilingOrder>(db, SelectUnderReview, new { World = world, Province = province, After = after, Limit = limit });

    public static IReadOnlyList<SmsIndexRow> SmsEntries(DbSession db, string world, string mobile) =>
        db.Query<SmsIndexRow>(SelectSmsIndex, new { World = world, Mobile = mobile }).AsList();

    /// <summary>
    /// The codes sent to a mobile, with their orders' documents, as the read a validation or a resend declares (see
    /// <see cref="DeclaredRead"/>): it stands on the mobile, which a submission naming it claims, and on the orders it
    /// finds, which a command before it in the batch (another mobile of the same order validated) may have changed.
    /// </summary>
    public static DeclaredRead<IReadOnlyList<SmsIndexRow>> DeclareSmsEntries(string world, string mobile) =>
        new(SelectSmsIndex, new { World = world, Mobile = mobile }, [MobileKey(mobile)],
            reader =>
            {
                var rows = new List<SmsIndexRow>();
                var parse = reader.GetRowParser<SmsIndexRow>();
                while (reader.Read())
                {
                    rows.Add(parse(reader));
                }
                return rows;
            },
            db => SmsEntries(db, world, mobile),
            rows => rows.Select(r => $"order:{r.OrderId}").Distinct());

    /// <summary>How a command that sends codes to <paramref name="mobile"/>, or reads them, names it (see <see cref="DeclaredRead"/>).</summary>
    public static string MobileKey(string mobile) => $"mobile:{mobile}";

    /// <summary>Persists the order and everything derived from it; returns its document and the earliest deadline it now has.</summary>
    public static (byte[] Document, long? EarliestDeadline) Save(DbSession db, string world, FilingOrder order, bool isNew, KnownTimer? timerWas = null)
    {
        // The timer first: the row names it, and is written once with it.
        var timer = TimerStore.Replace(db, world, TimerOwner.Order(order.OrderId), order.Deadlines(), isNew, nameInOwner: false, timerWas);
        var row = new
        {
            World = world,
            order.OrderId,
            order.ProviderId,
            SubjectKey = order.Filing.Subject.Key,
            order.Filing.Subject.Province,
            Type = (long)order.Type,
            Status = (long)order.Status,
            SubmittedAtMs = order.SubmittedAt.ToUnixTimeMilliseconds(),
            UpdatedAtMs = order.UpdatedAt.ToUnixTimeMilliseconds(),
            ReviewDueAtMs = order.Status == OrderStatus.UnderReview ? order.ReviewDueAt?.ToUnixTimeMilliseconds() : null,
            Document = StoreJson.Write(order),
            TimerDueAtMs = timer?.DueAtMs,
            TimerKind = timer?.Kind,
            TimerItem = timer?.Item,
        };
        db.Write(isNew ? Insert : Update, row);

        if (isNew && order.Status.IsOpen())
        {
            foreach (var identifier in order.Filing.Identifiers)
            {
                db.Write(InsertClaim, new { World = world, Identifier = identifier, order.OrderId, row.SubjectKey });
            }
        }
        else if (!order.Status.IsOpen())
        {
            // The claims were written from these identifiers when the order was submitted; a filing never changes after.
            foreach (var identifier in order.Filing.Identifiers.Distinct(StringComparer.Ordinal))
            {
                db.Write(DeleteClaim, new { World = world, Identifier = identifier, order.OrderId });
            }
        }

        foreach (var v in order.Validations)
        {
            db.Write(InsertSmsIndex, new
            {
                World = world,
                v.Mobile,
                order.OrderId,
                Item = (long)v.Index,
                Suffixes = string.Join(',', v.People.Select(p => p.CertificateSuffix.ToUpperInvariant()).Distinct()),
            });
        }

        order.ClearNewChanges();
        return (row.Document, timer?.DueAtMs);
    }
}
