using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Enum = System.Enum;
using IcpRegulatorSim.Contracts.V1;
using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>How the CLI shows replies: readable text (times in Beijing time), or the contract's JSON with <c>--json</c>.</summary>
public sealed partial class Printer(TextWriter output, bool json)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public void Reply(IMessage message, Action text)
    {
        if (json)
        {
            output.WriteLine(Json.Format(message));
        }
        else
        {
            text();
        }
    }

    public void Order(FilingOrder order, bool replayed = false) => Reply(order, () =>
    {
        output.WriteLine($"Order {order.OrderId}  {CliValues.Name(order.Type)}  {CliValues.Name(order.Status)}"
            + (replayed ? "  (replayed: this idempotency key was used before)" : ""));
        var subject = order.Filing?.Subject;
        if (subject is not null)
        {
            output.WriteLine($"  subject     {subject.Name} ({subject.Province}), certificate {subject.CertificateNumber}");
        }
        output.WriteLine($"  submitted   {Time(order.SubmittedAt)}   updated {Time(order.UpdatedAt)}");
        if (order.ValidationDeadline is not null)
        {
            output.WriteLine($"  validate by {Time(order.ValidationDeadline)}");
        }
        foreach (var v in order.SmsValidations)
        {
            var roles = string.Join("+", v.Roles.Select(r => CliValues.Name(r)));
            output.WriteLine($"  sms         {v.Mobile} {roles}: {CliValues.Name(v.State)}"
                + (v.CodeSentAt is null ? "" : $", sent {Time(v.CodeSentAt)}")
                + $", failures {v.ConsecutiveFailures}, resends {v.ResendsUsed}");
        }
        if (order.VerificationCall is { } call)
        {
            output.WriteLine($"  call        the administration called the entity leader at {Time(call.PlacedAt)}: " + CallState(order, call));
        }
        if (order.Decision is { } d)
        {
            output.WriteLine($"  decision    {CliValues.Name(d.Outcome)} {d.ReasonCode}"
                + (d.NumericCode != 0 ? $" ({d.NumericCode})" : "") + $" at {Time(d.DecidedAt)}"
                + (d.Reviewer.Length > 0 ? $" by {d.Reviewer}" : ""));
            output.WriteLine($"              {d.Reason.Zh} / {d.Reason.En}");
        }
        if (order.SubjectNumber.Length > 0)
        {
            output.WriteLine($"  subject no. {order.SubjectNumber}");
        }
        var services = order.Filing?.Services ?? [];
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var number = order.ServiceNumbers.FirstOrDefault(n => n.ServiceIndex == i)?.Number ?? "";
            var what = service.App is { } app ? $"app {app.PackageName}" : string.Join(", ", service.Domains);
            output.WriteLine($"  service {i}   {CliValues.Name(service.Kind)} {service.Name}  {what}  {number}".TrimEnd());
        }
    });

    /// <summary>Whether the call was answered, rings still, went unanswered (and rejected the order), or ended with the order.</summary>
    private static string CallState(FilingOrder order, VerificationCall call) =>
        call.AnsweredAt is not null ? $"answered at {Time(call.AnsweredAt)}"
        : order.Status == OrderStatus.UnderReview ? $"ringing, to be answered by {Time(call.AnswerBy)}"
        : order.Decision?.DecidedAt is { } ended && ended.ToDateTimeOffset() >= call.AnswerBy.ToDateTimeOffset()
            ? $"unanswered by {Time(call.AnswerBy)}"
            : "not answered before the order ended";

    public void Orders(ListFilingsResponse reply) => Reply(reply, () =>
    {
        foreach (var o in reply.Orders)
        {
            output.WriteLine($"{o.OrderId}  {CliValues.Name(o.Type),-14} {CliValues.Name(o.Status),-24} "
                + $"{Time(o.SubmittedAt)}  {o.Filing?.Subject?.Name}");
        }
        if (reply.NextPageToken.Length > 0)
        {
            output.WriteLine($"(more: --page-token {reply.NextPageToken})");
        }
    });

    public void Page<T>(T outcome, LocalizedText message) where T : struct, Enum =>
        output.WriteLine($"{CliValues.Name(outcome)}\n  {message.Zh}\n  {message.En}");

    /// <summary>The validation page's answer: its official message, and after it, when the attempt rejected the order, what the page says of that.</summary>
    public void Validation(ValidateCodeResponse reply) => Reply(reply, () =>
    {
        Page(reply.Outcome, reply.Message);
        if (reply.OrderRejected)
        {
            output.WriteLine($"ORDER_REJECTED\n  {reply.Notice.Zh}\n  {reply.Notice.En}");
        }
    });

    public void Filings(PublicQueryResponse reply) => Reply(reply, () =>
    {
        if (reply.Filings.Count == 0)
        {
            output.WriteLine("No filing found. (未查询到备案信息)");
        }
        foreach (var f in reply.Filings)
        {
            output.WriteLine($"{f.ServiceNumber}  {f.ServiceName}  ({CliValues.Name(f.ServiceKind)})");
            output.WriteLine($"  subject   {f.SubjectName}  {f.SubjectNumber}  {f.SubjectNatureName.Zh}");
            output.WriteLine($"  home      {f.HomeUrl}   domains {string.Join(", ", f.Domains)}");
            output.WriteLine($"  approved  {f.ApprovedOn}   access restricted (是否限制接入) {(f.AccessRestricted ? "yes 是" : "no 否")}");
        }
    });

    public void Messages(ListMessagesResponse reply) => Reply(reply, () =>
    {
        foreach (var m in reply.Messages)
        {
            MessageText(m);
        }
    });

    /// <summary>One message of a followed outbox; with <c>--json</c>, one line of JSON per message.</summary>
    public void Message(OutboxMessage message) => Streamed(message, () => MessageText(message));

    /// <summary>
    /// One order event on one line: sequence, Beijing time, order, kind, status, then what the event carries (the
    /// mobile of a code or of the administration's verification call, the numbers of an approval, the reason of a
    /// rejection, return or withdrawal). An event of the administration's about a filed service (no order) says so in
    /// the order's place, and has no status.
    /// </summary>
    public void Event(OrderEvent e) => Streamed(e, () =>
    {
        var line = new System.Text.StringBuilder(e.OrderId.Length > 0
            ? $"#{e.Sequence} {Time(e.At)}  {e.OrderId}  {CliValues.Name(e.Kind),-13} {CliValues.Name(e.Status)}"
            : $"#{e.Sequence} {Time(e.At)}  administration  {CliValues.Name(e.Kind)}");
        if (e.Mobile.Length > 0)
        {
            line.Append($"  mobile {e.Mobile}");
        }
        if (e.SubjectNumber.Length > 0)
        {
            line.Append($"  subject {e.SubjectNumber}");
        }
        if (e.ServiceNumbers.Count > 0)
        {
            line.Append($"  services {string.Join(", ", e.ServiceNumbers)}");
        }
        if (e.ReasonCode.Length > 0 || e.Reason is not null)
        {
            line.Append($"  {e.ReasonCode}");
            if (e.Reason is { } reason)
            {
                line.Append($": {reason.Zh} / {reason.En}");
            }
        }
        output.WriteLine(line.ToString().TrimEnd());
    });

    public void World(World world) => Reply(world, () => output.WriteLine(WorldLine(world)));

    public void Worlds(ListWorldsResponse reply) => Reply(reply, () =>
    {
        foreach (var world in reply.Worlds)
        {
            output.WriteLine(WorldLine(world));
        }
    });

    /// <summary>The key alone on the first line, so a script can take it with <c>head -1</c>; it is shown only once.</summary>
    public void Key(ProviderKey key) => Reply(key, () =>
    {
        output.WriteLine(key.Key);
        output.WriteLine($"  provider {key.ProviderId} ({key.Name}) in world {key.WorldId}"
            + (key.Province.Length > 0 ? $", province {key.Province}" : ""));
    });

    /// <summary>The faults now injected in the world: the ones just set, since each set replaces the ones before.</summary>
    public void Faults(SetFaultsRequest request) => Reply(request, () =>
    {
        if (request.Faults.Count == 0)
        {
            output.WriteLine("no faults injected");
        }
        foreach (var f in request.Faults)
        {
            output.WriteLine($"fault {f.Method}  {CliValues.Name(f.Kind)}  probability {f.Probability.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                + (f.Delay is { } d && d.ToTimeSpan() > TimeSpan.Zero
                    ? $"  delay {d.ToTimeSpan().TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s"
                    : ""));
        }
    });

    private void Streamed(IMessage message, Action text)
    {
        if (json)
        {
            // One compact object per line (JSON Lines), so a follower of the stream can read it line by line.
            output.WriteLine(JsonFormatter.Default.Format(message));
        }
        else
        {
            text();
        }
        output.Flush();
    }

    private void MessageText(OutboxMessage m)
    {
        output.WriteLine($"#{m.Sequence} {Time(m.SentAt)}  {CliValues.Name(m.Channel)} to {m.Recipient} from {m.Sender}"
            + (m.OrderId.Length > 0 ? $"  [{m.OrderId}]" : ""));
        if (m.Subject.Length > 0)
        {
            output.WriteLine($"  subject: {m.Subject}");
        }
        foreach (var line in m.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine($"  {line}");
        }
    }

    private static string WorldLine(World w) =>
        $"{w.WorldId}  seed {w.Seed}  {w.Clock.BeijingTime} (Beijing)  " + (w.Clock.Rate == 0 ? "frozen" : $"rate {w.Clock.Rate}x");

    public void Clock(Clock clock, int? deadlinesApplied = null) => Reply(clock, () =>
    {
        output.WriteLine($"{clock.BeijingTime} (Beijing)  {(clock.WorkingDay ? "working day" : "non-working day")}  "
            + (clock.Rate == 0 ? "frozen" : $"rate {clock.Rate}x")
            + (deadlinesApplied is { } n ? $"  ({n} deadline{(n == 1 ? "" : "s")} applied)" : ""));
    });

    public void Reviews(ListPendingReviewsResponse reply) => Reply(reply, () =>
    {
        foreach (var r in reply.Reviews)
        {
            output.WriteLine($"{r.Order.OrderId}  {r.Order.Filing?.Subject?.Province,-10} due {Time(r.DueAt)}  {r.Order.Filing?.Subject?.Name}");
        }
        if (reply.NextPageToken.Length > 0)
        {
            output.WriteLine($"(more: --page-token {reply.NextPageToken})");
        }
    });

    public void Determination(DetermineFilingTypeResponse reply) => Reply(reply, () =>
    {
        output.WriteLine(CliValues.Name(reply.Verdict)
            + (reply.Type != FilingType.Unspecified ? $"  {CliValues.Name(reply.Type)}" : "")
            + (reply.FilingPasswordRequired ? "  (ICP filing password required)" : "")
            + (reply.NumericCode != 0 ? $"  (code {reply.NumericCode})" : ""));
        if (reply.SubjectNumber.Length > 0)
        {
            output.WriteLine($"  subject no. {reply.SubjectNumber}");
        }
        if (reply.ServiceNumber.Length > 0)
        {
            output.WriteLine($"  service no. {reply.ServiceNumber}");
        }
        if (reply.OrderInProcess.Length > 0)
        {
            output.WriteLine($"  in process  {reply.OrderInProcess} (a new order waits until it ends)");
        }
        output.WriteLine($"  {reply.Message.Zh}\n  {reply.Message.En}");
    });

    public void Rules(Rules rules) => Reply(rules, () =>
    {
        output.WriteLine($"profile {rules.Profile}: {rules.Description}");
        output.WriteLine($"  sms     sent {rules.SmsSendDelay.ToTimeSpan()} after submission, valid {rules.SmsValidity.ToTimeSpan()}, "
            + $"{rules.MaxResends} resends, {rules.MaxConsecutiveFailures} failures reject");
        output.WriteLine($"  review  {rules.ReviewMinWorkingDays}–{rules.ReviewMaxWorkingDays} working days");
        output.WriteLine($"  sms required in: {string.Join(" ", rules.Provinces.Where(p => p.SmsRequired).Select(p => p.Abbreviation))}");
        var batches = rules.Provinces.Where(p => p.CancellationBatchDay.Length > 0).Select(p => $"{p.Id} ({p.CancellationBatchDay})");
        output.WriteLine($"  cancellation batches: {string.Join(", ", batches)}");
        var noChanges = rules.Provinces.Where(p => !p.ChangesAllowed).Select(p => p.Id).ToList();
        output.WriteLine($"  no change orders in: {(noChanges.Count == 0 ? "-" : string.Join(", ", noChanges))}");
    });

    public void Scenarios(ListScenariosResponse reply) => Reply(reply, () =>
    {
        foreach (var s in reply.Scenarios)
        {
            output.WriteLine(s.Name + (s.Parameter.Length > 0 ? $"[:{s.Parameter}]" : ""));
            output.WriteLine($"  {s.Description.En}");
            output.WriteLine($"  {s.Description.Zh}");
        }
    });

    public void Line(string text) => output.WriteLine(text);

    /// <summary>A refusal, one line per violation: field path, reason, and the text in both languages.</summary>
    /// <summary>
    /// Whether a call failed before it reached the regulator (nothing listens at the address, the connection broke):
    /// the client's own UNAVAILABLE carries the exception behind it, one the server sent does not.
    /// </summary>
    public static bool IsUnreachable(RegulatorCallException e) => e.StatusCode == StatusCode.Unavailable && e.Inner.Status.DebugException is not null;

    /// <summary>One line: the address, what went wrong there, and what to do.</summary>
    public static void Unreachable(TextWriter error, Uri address, RegulatorCallException e) =>
        error.WriteLine($"error: cannot reach the regulator at {address} ({Cause(e.Inner)}). Is it running (make run)? "
            + "Give its address with --address or ICP_GATEWAY_ADDRESS.");

    /// <summary>What a followed stream tells its user on stderr: once when it is lost, with what it waits for, and once when it is back.</summary>
    public static void StreamChanged(TextWriter error, string command, Uri address, string item, StreamState state)
    {
        lock (error)
        {
            error.WriteLine(state.Open
                ? $"{command}: connected to {address}; resuming after {item} {state.After}."
                : $"{command}: no connection to the regulator at {address} ({Cause(state.Failure!)}); trying again until it answers, "
                  + $"then resuming after {item} {state.After} (Ctrl+C stops).");
        }
    }

    /// <summary>The innermost reason of a failed call: "Connection refused" rather than "Error connecting to subchannel."</summary>
    private static string Cause(RpcException e) =>
        e.Status.DebugException?.GetBaseException().Message is { Length: > 0 } reason ? reason : $"{e.StatusCode}: {e.Status.Detail}";

    public static void Error(TextWriter error, RegulatorCallException e)
    {
        error.WriteLine($"error: {e.StatusCode} {e.Reason}" + (e.NumericCode is { } n ? $" (code {n})" : "") + $": {e.Message}");
        if (e.MessageZh.Length > 0)
        {
            error.WriteLine($"       {e.MessageZh}");
        }
        foreach (var f in e.FieldProblems)
        {
            error.WriteLine($"  {f.Field}: {f.Reason}: {f.Description}" + (f.DescriptionZh.Length > 0 ? $" ({f.DescriptionZh})" : ""));
        }
        foreach (var p in e.PreconditionProblems)
        {
            error.WriteLine($"  {p.Type} {p.Subject}: {p.Description}");
        }
    }

    private static string Time(Timestamp? t) =>
        t is null ? "-" : t.ToDateTimeOffset().ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm:ss");
}
