using Dapper;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Storage;

public sealed record MessageRow
{
    public long MessageSeq { get; init; }
    public long Channel { get; init; }
    public string Recipient { get; init; } = "";
    public string Sender { get; init; } = "";
    public string Carrier { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public string OrderId { get; init; } = "";
    public long SentAtMs { get; init; }
}

/// <summary>The outbox: the simulated phones and mailboxes of everyone the regulator writes to, numbered per world.</summary>
internal static class OutboxStore
{
    private const string Insert = """
        INSERT INTO messages (world_id, message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms)
        VALUES (@World, @Seq, @Channel, @Recipient, @Sender, @Carrier, @Subject, @Body, @OrderId, @SentAtMs)
        """;

    private const string Select = """
        SELECT message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms FROM messages
        WHERE world_id = @World AND message_seq > @After
          AND (@Recipient = '' OR recipient = @Recipient)
          AND (@OrderId = '' OR order_id = @OrderId)
        ORDER BY message_seq LIMIT @Limit
        """;

    // An order's messages, through the recipients its document names (messages_by_recipient): no index of messages by
    // order to write with every message.
    private const string SelectOfOrder = """
        SELECT message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms FROM messages
        WHERE world_id = @World AND recipient IN (SELECT value FROM json_each(@Recipients)) AND order_id = @OrderId AND message_seq > @After
        ORDER BY message_seq LIMIT @Limit
        """;

    private const string SelectRecipients = """
        SELECT recipient FROM messages WHERE world_id = @World AND channel = @Channel
        GROUP BY recipient ORDER BY MAX(message_seq) DESC LIMIT @Limit
        """;

    private const string SelectCallOrders = """
        SELECT DISTINCT order_id FROM messages WHERE world_id = @World AND recipient = @Recipient AND channel = @Channel
        """;

    /// <summary>The orders the administration has called <paramref name="mobile"/> about.</summary>
    public static IReadOnlyList<string> CallOrders(DbSession db, string world, string mobile) =>
        db.Query<string>(SelectCallOrders, new { World = world, Recipient = mobile, Channel = (long)MessageChannel.Call }).AsList();

    /// <summary>Stores the messages, numbered from <paramref name="first"/> (taken by the writer).</summary>
    public static void Append(DbSession db, string world, string orderId, IEnumerable<OutgoingMessage> messages, DateTimeOffset at, long first)
    {
        foreach (var m in messages)
        {
            db.Write(Insert, new
            {
                World = world,
                Seq = first++,
                Channel = (long)m.Channel,
                m.Recipient,
                m.Sender,
                m.Carrier,
                m.Subject,
                m.Body,
                OrderId = orderId,
                SentAtMs = at.ToUnixTimeMilliseconds(),
            });
        }
    }

    public static IReadOnlyList<MessageRow> List(DbSession db, string world, string recipient, string orderId, long after, int limit)
    {
        // An order's steps name each message's recipient; an order stored before it kept its steps has none, and its
        // messages are looked for in the whole outbox.
        if (orderId.Length > 0 && OrderStore.Find(db, world, orderId) is { Steps.Count: > 0 } order)
        {
            var recipients = order.Steps.Where(s => s.Kind == OrderEventKind.Message && s.Who is not null).Select(s => s.Who!)
                .Where(r => recipient.Length == 0 || r == recipient).Distinct(StringComparer.Ordinal).ToList();
            return recipients.Count == 0
                ? []
                : db.Query<MessageRow>(SelectOfOrder, new { World = world, Recipients = StoreJson.Array(recipients), OrderId = orderId, After = after, Limit = limit })
                    .AsList();
        }
        return db.Query<MessageRow>(Select, new { World = world, Recipient = recipient, OrderId = orderId, After = after, Limit = limit })
            .AsList();
    }

    /// <summary>Who was written to on <paramref name="channel"/> most recently first.</summary>
    public static IReadOnlyList<string> Recipients(DbSession db, string world, MessageChannel channel, int limit) =>
        db.Query<string>(SelectRecipients, new { World = world, Channel = (long)channel, Limit = limit }).AsList();
}
