using Dapper;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;
using OrderStatus = IcpRegulatorSim.Contracts.V1.OrderStatus;

namespace IcpRegulatorSim.Soak;

/// <summary>What one look at the database found of the acknowledged orders.</summary>
public sealed record LedgerCheck(int Found, long OrdersInDatabase, long CodesChecked, IReadOnlyList<string> Problems);

/// <summary>
/// Every order the regulator acknowledged in every cycle so far, and what the database must still hold of it: the
/// order, an SMS index row per mobile, its deadline (the expiry of its codes, exactly as acknowledged), and the code
/// each mobile was sent, the same code every time it is looked at.
/// </summary>
/// <remarks>
/// The tables are read directly, read-only, with only the columns the checks need: the soak sees what is stored,
/// not what the server chooses to answer, and a later migration that adds columns changes nothing here.
/// </remarks>
public sealed class Ledger
{
    private const int MaxProblems = 50;

    private readonly Dictionary<string, (AcknowledgedOrder Order, int Cycle)> orders = new(StringComparer.Ordinal);
    private readonly Dictionary<(string OrderId, string Mobile), string> codes = [];

    public int Count => orders.Count;

    public void Add(IEnumerable<AcknowledgedOrder> acknowledged, int cycle)
    {
        foreach (var order in acknowledged)
        {
            orders[order.OrderId] = (order, cycle);
        }
    }

    /// <summary>Opens the file read-only: nothing the checks do can change what they check.</summary>
    public static SqliteConnection OpenReadOnly(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>PRAGMA integrity_check: "ok", or the problems it lists.</summary>
    public static IReadOnlyList<string> IntegrityCheck(string database)
    {
        using var connection = OpenReadOnly(database);
        return connection.Query<string>("PRAGMA integrity_check").ToList();
    }

    /// <summary>
    /// Looks for every acknowledged order, once the codes of all of them are due by <paramref name="clock"/> (the
    /// world's frozen clock, advanced past the send delay).
    /// </summary>
    public LedgerCheck Check(string database, DateTimeOffset clock)
    {
        using var connection = OpenReadOnly(database);
        var statuses = connection.Query<(string OrderId, long Status)>("SELECT order_id, status FROM orders")
            .ToDictionary(r => r.OrderId, r => (OrderStatus)r.Status, StringComparer.Ordinal);
        var indexed = connection.Query<(string OrderId, string Mobile)>("SELECT order_id, mobile FROM sms_index").ToHashSet();
        var timers = connection.Query<(string OrderId, long Kind, long DueAtMs)>("SELECT owner_id, kind, due_at_ms FROM timers WHERE owner_kind = 0")
            .ToLookup(t => t.OrderId, StringComparer.Ordinal);
        var sent = connection.Query<(string OrderId, string Recipient, string Body)>(
                "SELECT order_id, recipient, body FROM messages WHERE body LIKE '%validation code is%'")
            .Select(m => (m.OrderId, m.Recipient, Code: new OutboxMessage { Body = m.Body }.VerificationCode()))
            .Where(m => m.Code is not null)
            .ToLookup(m => (m.OrderId, m.Recipient), m => m.Code!);

        var problems = new List<string>();
        var found = 0;
        long codesChecked = 0;
        void Problem(string text)
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add(text);
            }
        }

        foreach (var (id, (order, cycle)) in orders)
        {
            var said = $"{id} (acknowledged in cycle {cycle}, status {order.Status})";
            if (!statuses.TryGetValue(id, out var status))
            {
                Problem($"{said} is not in the orders table");
                continue;
            }
            found++;
            var timer = timers[id].ToList();
            var deadlineMs = order.ValidationDeadline?.ToUnixTimeMilliseconds();
            switch (status)
            {
                case OrderStatus.AwaitingSmsValidation:
                    if (timer is not [{ Kind: (long)DeadlineKind.ExpireValidation } t] || t.DueAtMs != deadlineMs)
                    {
                        Problem($"{said} awaits validation but its timers are [{string.Join(", ", timer.Select(x => $"kind {x.Kind} due {x.DueAtMs}"))}], "
                            + $"not one expiry due {deadlineMs} ({order.ValidationDeadline:O})");
                    }
                    break;
                case OrderStatus.Returned when deadlineMs is { } due && clock.ToUnixTimeMilliseconds() >= due:
                    break;
                case OrderStatus.UnderReview when order.Mobiles.Count == 0:
                    if (timer is not [{ Kind: (long)DeadlineKind.ReviewDecision }])
                    {
                        Problem($"{said} is under review without its review deadline");
                    }
                    break;
                default:
                    Problem($"{said} is now {status} at {clock:O}");
                    break;
            }
            foreach (var mobile in order.Mobiles)
            {
                codesChecked++;
                if (!indexed.Contains((id, mobile)))
                {
                    Problem($"{said} has no SMS index row for {mobile}");
                }
                var seen = sent[(id, mobile)].ToList();
                if (seen.Count == 0)
                {
                    Problem($"{said}: no code reached {mobile} by {clock:O}");
                }
                else if (!codes.TryAdd((id, mobile), seen[0]) && !seen.Contains(codes[(id, mobile)]))
                {
                    Problem($"{said}: the code {codes[(id, mobile)]} sent to {mobile} is gone (now: {string.Join(", ", seen)})");
                }
            }
        }
        return new LedgerCheck(found, statuses.Count, codesChecked, problems);
    }
}
