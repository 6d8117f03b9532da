using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>A filing password as issued: the plain text goes to the entity leader, only the hash is kept.</summary>
public sealed record IssuedPassword(string Plain, string Hash);

/// <summary>What the provincial administration does when it decides an order.</summary>
public static class Administration
{
    /// <summary>
    /// Approves an order under review and applies it to the registry. For an initial filing that creates the
    /// subject with <paramref name="newSubjectNumber"/>, numbers its services -1, -2… and issues the filing password.
    /// </summary>
    public static FiledSubject Approve(
        FilingOrder order, FiledSubject? filed, Func<string> newSubjectNumber, Func<IssuedPassword> newPassword,
        Decision decision, RuleBook rules)
    {
        if (order.Type != FilingType.Initial)
        {
            throw new InvalidOperationException($"Approval of {order.Type} orders is not modelled.");
        }
        if (filed is not null)
        {
            // One order in process per subject makes this unreachable; refusing keeps the registry consistent if it is not.
            throw new RegulatorException(RegulatorErrors.OrderInProcess, detailEn: $"({filed.SubjectNumber} is already filed)");
        }
        var password = newPassword();
        var subject = FiledSubject.Create(newSubjectNumber(), order.Filing.Subject, password.Hash, decision.DecidedAt);
        var numbers = order.Filing.Services
            .Select(s => subject.AddService(s, order.ProviderId, decision.DecidedAt).Number)
            .ToList();
        order.Approve(decision, subject.SubjectNumber, numbers, password.Plain, rules);
        return subject;
    }
}
