using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>A filing password as issued: the plain text goes to the entity leader, only the hash is kept.</summary>
public sealed record IssuedPassword(string Plain, string Hash);

/// <summary>What an approval did to the registry: the subject as it now stands, and whether it is new or gone.</summary>
public sealed record RegistryChange(FiledSubject Subject, bool IsNew, bool Cancelled);

/// <summary>What the provincial administration does when it decides an order.</summary>
public static class Administration
{
    /// <summary>
    /// Approves an order under review and applies it to the registry, as domain.md's table of filing types says:
    /// numbers added, data replaced, domains removed, subject or service deleted (numbers never reused), provider
    /// added to or removed from a service's access list.
    /// </summary>
    public static RegistryChange Approve(
        FilingOrder order, FiledSubject? filed, Func<string> newSubjectNumber, Func<IssuedPassword> newPassword,
        Decision decision, RuleBook rules)
    {
        // Only an order under review is decided. Asked first, before the registry: an approved INITIAL's subject is
        // filed and would pass for an order in process, an approved CANCEL_SUBJECT's is gone from the registry.
        if (order.Status != OrderStatus.UnderReview)
        {
            throw RegulatorErrors.Illegal(order.Status, "approved");
        }
        var now = decision.DecidedAt;
        if (order.Type == FilingType.Initial)
        {
            if (filed is not null)
            {
                // One order in process per subject makes this unreachable; refusing keeps the registry consistent if it is not.
                throw new RegulatorException(RegulatorErrors.OrderInProcess, detailEn: $"({filed.SubjectNumber} is already filed)");
            }
            var password = newPassword();
            var created = FiledSubject.Create(newSubjectNumber(), order.Filing.Subject, password.Hash, now);
            var numbers = order.Filing.Services.Select(s => created.AddService(s, order.ProviderId, now).Number).ToList();
            order.Approve(decision, created.SubjectNumber, numbers, password.Plain, rules);
            return new RegistryChange(created, IsNew: true, Cancelled: false);
        }
        var subject = filed is not null && filed.SubjectNumber == order.SubjectNumber
            ? filed
            : throw new InvalidOperationException($"Order {order.OrderId} is about {order.SubjectNumber}, which is not filed.");
        var serviceNumbers = order.ServiceNumbers;
        var services = order.Filing.Services;
        switch (order.Type)
        {
            case FilingType.AddService:
                serviceNumbers = services.Select(s => subject.AddService(s, order.ProviderId, now).Number).ToList();
                break;
            case FilingType.AddAccess:
                ForEach(serviceNumbers, n => subject.AddAccess(n, order.ProviderId, now));
                break;
            case FilingType.ChangeSubject:
                subject.ReplaceSubject(order.Filing.Subject, now);
                break;
            case FilingType.ChangeService:
                ForEach(services, s => subject.ReplaceService(s.ServiceNumber, s, now));
                break;
            case FilingType.ChangeBoth:
                subject.ReplaceSubject(order.Filing.Subject, now);
                ForEach(services, s => subject.ReplaceService(s.ServiceNumber, s, now));
                break;
            case FilingType.CancelService:
                ForEach(serviceNumbers, n => subject.RemoveService(n, now));
                break;
            case FilingType.CancelAccess:
                ForEach(serviceNumbers, n => subject.RemoveAccess(n, order.ProviderId, now));
                break;
            case FilingType.CancelSubject:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(order), order.Type, "Unknown filing type.");
        }
        order.Approve(decision, subject.SubjectNumber, serviceNumbers, null, rules);
        return new RegistryChange(subject, IsNew: false, Cancelled: order.Type == FilingType.CancelSubject);
    }

    /// <summary>
    /// What the administration decides by itself when the review time is up: the rejection a scenario forces, else
    /// approval — but an ADD_ACCESS of a service whose access was restricted while the order was in review is rejected
    /// (SERVICE_RESTRICTED). Under 限制接入 no provider may serve the site, so approving would add one that may not; and
    /// the administration decides within its review time rather than hold the order for a restriction that may last
    /// (domain.md: providers stop serving the service until the restriction is lifted). A rejected order is filed again
    /// once it is. Staff approving such an order are refused, the standing named (<see cref="FiledSubject.AddAccess"/>).
    /// </summary>
    public static Decision AutomaticDecision(FilingOrder order, FiledSubject? filed, DateTimeOffset now, RuleBook rules)
    {
        var administration = rules.Province(order.Filing.Subject.Province).Administration;
        var decision = order.AutomaticDecision(now, administration, rules.CodeTables);
        var closed = order.Type == FilingType.AddAccess && filed is not null
            && order.ServiceNumbers.Select(filed.FindService).Any(s => s is not null
                && !Supervision.Allows(s.Standing, SupervisionAction.AddAccess, s.SpotCheck is not null));
        return decision.Outcome == OrderStatus.Approved && closed
            ? DecisionReasons.Rejected(now, administration, rules.CodeTables.RejectionReason("SERVICE_RESTRICTED"))
            : decision;
    }

    /// <summary>
    /// Provinces that batch cancellations decide CANCEL orders on their batch day only, whoever decides;
    /// the administration's own decision is already scheduled on one.
    /// </summary>
    public static void RequireDecisionDay(FilingOrder order, DateTimeOffset now, ReviewPlanner planner)
    {
        // An order that cannot be decided at all is refused as such, whatever the day.
        if (order.Status == OrderStatus.UnderReview && order.Type.IsCancel() && planner.BatchDayOf(order.Filing.Subject.Province) is { } day && BeijingTime.DateOf(now).DayOfWeek != day)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.CancellationBatchDay, "BATCH_DAY", day.ToString().ToUpperInvariant(),
                RefusalTexts.CancellationBatchDay(order.Filing.Subject.Province, day));
        }
    }

    private static void ForEach<T>(IEnumerable<T> items, Action<T> action)
    {
        foreach (var item in items)
        {
            action(item);
        }
    }
}
