using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Desks;

public sealed record SubmitCommand(string IdempotencyKey, byte[] RequestHash, FilingType Type, Filing Filing, string FilingPassword);

public sealed record Submission(FilingOrder Order, bool Replayed);

/// <summary>The regulator's intake of filing orders from access providers.</summary>
public sealed class FilingDesk(Writer writer, Database database, WorldClocks clocks, RuleBook rules)
{
    public const int MaxIdempotencyKeyLength = 200;

    public async Task<Submission> SubmitAsync(ProviderCaller caller, SubmitCommand command, CancellationToken cancellationToken)
    {
        RequireIdempotencyKey(command.IdempotencyKey);
        using (var connection = database.OpenReader())
        {
            // A retry is answered from what is committed, without queueing behind new work.
            var answer = IdempotencyStore.Find(new DbSession(connection, null), caller.WorldId, caller.ProviderId, command.IdempotencyKey);
            if (answer is not null)
            {
                return Replay(answer, command);
            }
        }
        if (command.Type != FilingType.Unspecified && !Admission.Accepted.Contains(command.Type))
        {
            throw RegulatorErrors.Invalid("type", "NOT_SUPPORTED",
                $"{command.Type} orders are not accepted by this version of the simulator.", $"本版本模拟器暂不受理 {command.Type} 类型的申请。");
        }
        var filing = FilingValidator.Normalize(command.Filing, rules, BeijingTime.DateOf(clocks.Now(caller.WorldId)));
        return await writer.RunAsync(caller.WorldId, s =>
        {
            if (IdempotencyStore.Find(s.Db, s.WorldId, caller.ProviderId, command.IdempotencyKey) is { } answer)
            {
                return Replay(answer, command);
            }
            var subjectKey = filing.Subject.Key;
            var facts = new AdmissionFacts(
                OrderStore.OpenOrderOf(s.Db, s.WorldId, subjectKey),
                RegistryStore.FindByKey(s.Db, s.WorldId, subjectKey),
                RegistryStore.DomainsFiledByOthers(s.Db, s.WorldId, filing.Domains, subjectKey)
                    .Concat(OrderStore.DomainsClaimedByOthers(s.Db, s.WorldId, filing.Domains, subjectKey))
                    .Distinct().Order(StringComparer.Ordinal).ToList());
            var type = Admission.Admit(command.Type, facts);
            var order = FilingOrder.Submit(
                WorldStore.NextOrderId(s.Db, s.WorldId), caller.ProviderId, type, filing, s.Now, rules, s.Planner(rules));
            s.Save(order, isNew: true);
            IdempotencyStore.Record(s.Db, s.WorldId, caller.ProviderId, command.IdempotencyKey, command.RequestHash, order, s.Now);
            return new Submission(order, Replayed: false);
        }, cancellationToken);
    }

    public FilingOrder Get(ProviderCaller caller, string orderId)
    {
        using var connection = database.OpenReader();
        return Owned(caller, OrderStore.Find(new DbSession(connection, null), caller.WorldId, orderId), orderId);
    }

    public IReadOnlyList<FilingOrder> List(ProviderCaller caller, OrderStatus status, string after, int limit)
    {
        using var connection = database.OpenReader();
        return OrderStore.ListByProvider(new DbSession(connection, null), caller.WorldId, caller.ProviderId, status, after, limit);
    }

    public Task<FilingOrder> WithdrawAsync(ProviderCaller caller, string orderId, CancellationToken cancellationToken) =>
        writer.RunAsync(caller.WorldId, s =>
        {
            var order = Owned(caller, OrderStore.Find(s.Db, s.WorldId, orderId), orderId);
            order.Withdraw(s.Now, rules);
            s.Save(order, isNew: false);
            return order;
        }, cancellationToken);

    // A provider sees only its own orders; another provider's order is as good as absent.
    private static FilingOrder Owned(ProviderCaller caller, FilingOrder? order, string orderId) =>
        order is not null && order.ProviderId == caller.ProviderId
            ? order
            : throw new RegulatorException(RegulatorErrors.OrderNotFound, detailEn: $"({orderId})", detailZh: $"（{orderId}）");

    private static Submission Replay(IdempotentAnswer answer, SubmitCommand command) =>
        answer.RequestHash.AsSpan().SequenceEqual(command.RequestHash)
            ? new Submission(answer.Order, Replayed: true)
            : throw new RegulatorException(RegulatorErrors.IdempotencyKeyReused,
                preconditionViolations: [new PreconditionViolation("IDEMPOTENCY_KEY", command.IdempotencyKey,
                    $"The key was first used for order {answer.Order.OrderId} with a different request.",
                    $"该幂等键已用于备案申请 {answer.Order.OrderId}，且请求内容不同。")]);

    private static void RequireIdempotencyKey(string key)
    {
        if (key.Length == 0)
        {
            throw RegulatorErrors.Invalid("idempotency_key", "REQUIRED",
                "Every submission carries an idempotency key, so that a retry cannot file twice.", "每次提交须携带幂等键，以免重试造成重复提交。");
        }
        if (key.Length > MaxIdempotencyKeyLength)
        {
            throw RegulatorErrors.Invalid("idempotency_key", "TOO_LONG",
                $"At most {MaxIdempotencyKeyLength} characters.", $"不能超过{MaxIdempotencyKeyLength}个字符。");
        }
    }
}
