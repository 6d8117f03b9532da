using System.CommandLine;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>The commands that follow a stream until Ctrl+C (or <c>--count</c>): the provider's order events and the outbox.</summary>
public sealed partial class GatewayCli
{
    private Command Watch(TextWriter output, TextWriter error)
    {
        var after = new Option<long>("--after") { Description = "Start after this event sequence number (default: from the first event)." };
        var cursorFile = new Option<string>("--cursor-file")
        {
            Description = "Resume after the sequence this file holds (else --after), and store in it the last one printed, after each event.",
        };
        var count = Count("events");
        return Make("watch", "Follow this provider's order events, one line each, as they happen (Ctrl+C stops).", [], [after, cursorFile, count],
            output, error, async (r, g, p, ct) =>
            {
                var cursor = r.GetValue(cursorFile) is { Length: > 0 } path ? new CursorFile(path) : null;
                var start = cursor?.Read() ?? NotNegative(r.GetValue(after), "--after");
                await FollowAsync(g.WatchFilingsAsync(start, state => Printer.StreamChanged(error, "watch", g.Options.Address, "event", state), ct), r.GetValue(count), e =>
                {
                    // Printed before it is stored: a watch killed in between prints that event again on restart
                    // rather than never.
                    p.Event(e);
                    cursor?.Write(e.Sequence);
                }, ct);
            });
    }

    private Command Messages(TextWriter output, TextWriter error, Option<int> pageSize)
    {
        var recipient = new Option<string>("--recipient") { Description = "Only messages to this mobile or email." };
        var order = new Option<string>("--order") { Description = "Only messages about this order." };
        var after = new Option<long>("--after") { Description = "Only messages after this sequence number." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing messages as they are sent (Ctrl+C stops)." };
        var count = Count("messages, with --follow");
        var only = new Option<string>("--only")
        {
            Description = "Print only the validation code (code) or the filing password (password) of the latest message that carries one, "
                + "for a shell variable: CODE=$(icp-gateway messages --recipient 13800138000 --only code).",
        };
        only.AcceptOnlyFromAmong(OnlyCode, OnlyPassword);
        return Make("messages", "Show the outbox: every SMS and email the simulator sent.", [], [recipient, order, after, pageSize, follow, count, only],
            output, error, async (r, g, p, ct) =>
            {
                if (Only(r, only) is { } what)
                {
                    if (r.GetValue(follow) || r.GetValue(count) != 0 || r.GetValue(pageSize) != 0)
                    {
                        throw new CliUsageException("--only reads the whole outbox as it stands: leave out --follow, --count and --page-size.");
                    }
                    var latest = await LatestAsync(g, r.GetValue(recipient) ?? "", r.GetValue(order) ?? "", NotNegative(r.GetValue(after), "--after"),
                        what == OnlyCode ? m => m.VerificationCode() : m => m.FilingPassword(), ct);
                    var to = r.GetValue(recipient) is { Length: > 0 } someone ? $" to {someone}" : "";
                    return PrintOnly(output, error, latest is null ? [] : [latest],
                        $"no message{to} carries a {(what == OnlyCode ? "validation code" : "filing password")}.");
                }
                if (!r.GetValue(follow))
                {
                    if (r.GetValue(count) != 0)
                    {
                        throw new CliUsageException("--count goes with --follow.");
                    }
                    p.Messages(await g.ListMessagesAsync(r.GetValue(recipient) ?? "", r.GetValue(order) ?? "", r.GetValue(after), r.GetValue(pageSize), ct));
                    return 0;
                }
                // The outbox stream filters by recipient only; the order filter is applied here.
                var orderId = r.GetValue(order) ?? "";
                var messages = g.WatchMessagesAsync(r.GetValue(recipient) ?? "", NotNegative(r.GetValue(after), "--after"),
                        state => Printer.StreamChanged(error, "messages", g.Options.Address, "message", state), ct)
                    .Where(m => orderId.Length == 0 || m.OrderId == orderId);
                await FollowAsync(messages, r.GetValue(count), p.Message, ct);
                return 0;
            });
    }

    /// <summary>What <paramref name="carried"/> finds in the latest of the messages that carry it, the whole outbox read page by page.</summary>
    private static async Task<string?> LatestAsync(
        ProviderGatewayClient gateway, string recipient, string orderId, long after, Func<OutboxMessage, string?> carried, CancellationToken cancellationToken)
    {
        string? latest = null;
        for (var page = await gateway.ListMessagesAsync(recipient, orderId, after, MaxPageSize, cancellationToken);
            page.Messages.Count > 0;
            page = await gateway.ListMessagesAsync(recipient, orderId, page.Messages[^1].Sequence, MaxPageSize, cancellationToken))
        {
            latest = page.Messages.Select(carried).LastOrDefault(v => v is not null) ?? latest;
        }
        return latest;
    }

    /// <summary>The most ListMessages gives in one page.</summary>
    private const int MaxPageSize = 1000;

    private static Option<int> Count(string what) => new("--count") { Description = $"Stop after this many {what} (default: run until Ctrl+C)." };

    /// <summary>Prints each item until <paramref name="count"/> of them (0: no limit) or Ctrl+C, which ends a follow normally.</summary>
    private static async Task FollowAsync<T>(IAsyncEnumerable<T> items, int count, Action<T> print, CancellationToken cancellationToken)
    {
        NotNegative(count, "--count");
        var printed = 0;
        try
        {
            await foreach (var item in items.WithCancellation(cancellationToken))
            {
                print(item);
                if (++printed == count)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            // Ctrl+C: how a follow is meant to end.
        }
    }

    private static T NotNegative<T>(T value, string option) where T : System.Numerics.INumber<T> =>
        value < T.Zero ? throw new CliUsageException($"{option} cannot be negative.") : value;
}
