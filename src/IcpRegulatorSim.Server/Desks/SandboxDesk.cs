using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Desks;

public sealed record ClockAdvance(WorldClock Clock, DateTimeOffset Now, int DeadlinesApplied);

/// <summary>The sandbox operator's controls: the clock, the outbox, reset.</summary>
public sealed class SandboxDesk(Writer writer, Database database, WorldClocks clocks, RuleBook rules)
{
    /// <summary>How far one AdvanceClock may go: far enough for any deadline, near enough that time stays representable.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(3660);

    public (WorldClock Clock, DateTimeOffset Now) Clock(string world) => (clocks.Get(world), clocks.Now(world));

    /// <summary>Moves the world's clock forward; <paramref name="target"/> picks the instant from the current one.</summary>
    public Task<ClockAdvance> AdvanceAsync(string world, Func<DateTimeOffset, DateTimeOffset> target, CancellationToken cancellationToken) =>
        writer.RunAsync(world, s =>
        {
            var to = target(s.Now);
            if (to < s.Now)
            {
                throw RegulatorErrors.Invalid("to", "CLOCK_BACKWARDS", $"The clock does not go back (it reads {s.Now:O}).", $"时钟不能倒退（当前为 {s.Now:O}）。");
            }
            if (to - s.Now > MaxAdvance)
            {
                throw RegulatorErrors.Invalid("to", "OUT_OF_RANGE", $"At most {MaxAdvance.TotalDays:0} days ahead at a time.", $"每次最多拨快{MaxAdvance.TotalDays:0}天。");
            }
            var applied = s.AdvanceClockTo(to);
            return new ClockAdvance(s.Clock, s.Now, applied);
        }, cancellationToken);

    public IReadOnlyList<MessageRow> Messages(string world, string recipient, string orderId, long after, int limit)
    {
        using var connection = database.OpenReader();
        return OutboxStore.List(new DbSession(connection, null), world, recipient, orderId, after, limit);
    }

    /// <summary>Loads a registry fixture: what the domain registry knows of one domain.</summary>
    public Task<DomainRegistration> RegisterDomainAsync(string world, DomainRegistration registration, CancellationToken cancellationToken)
    {
        var v = new Violations();
        var domain = DomainNames.Normalize(registration.Domain);
        if (domain is null)
        {
            v.Add("domain", registration.Domain.Trim().Length == 0 ? "REQUIRED" : "INVALID_FORMAT", "A domain name.", "请填写域名。");
        }
        v.Required("registrar", registration.Registrar.Trim());
        var name = registration.RegistrantName.Trim();
        if (v.Required("registrant_name", name))
        {
            v.MaxLength("registrant_name", name, FilingValidator.MaxNameLength);
        }
        if (rules.CodeTables.SubjectCertificateType(registration.RegistrantCertificateType) is null
            && rules.CodeTables.LeaderCertificateType(registration.RegistrantCertificateType) is null)
        {
            v.Add("registrant_certificate_type", "UNKNOWN_CODE", $"Unknown certificate type {registration.RegistrantCertificateType}.",
                $"未知的证件类型 {registration.RegistrantCertificateType}。");
        }
        var number = registration.RegistrantCertificateNumber.Trim().ToUpperInvariant();
        v.Required("registrant_certificate_number", number);
        v.ThrowIfAny();
        var normalized = registration with { Domain = domain!, Registrar = registration.Registrar.Trim(), RegistrantName = name, RegistrantCertificateNumber = number };
        return writer.RunAsync(world, s =>
        {
            DomainRegistryStore.Register(s.Db, s.WorldId, normalized);
            return normalized;
        }, cancellationToken);
    }

    public Task UpdateBlacklistAsync(
        string world, IReadOnlyList<string> domains, IReadOnlyList<string> certificateNumbers, bool remove, CancellationToken cancellationToken)
    {
        var v = new Violations();
        var normalized = domains.Select((d, i) => DomainNames.Normalize(d) ?? Invalid(v, $"domains[{i}]", d)).ToList();
        var certificates = certificateNumbers.Select(c => c.Trim().ToUpperInvariant()).ToList();
        for (var i = 0; i < certificates.Count; i++)
        {
            v.Required($"certificate_numbers[{i}]", certificates[i]);
        }
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            DomainRegistryStore.UpdateBlacklist(s.Db, s.WorldId, "domain", normalized, remove);
            DomainRegistryStore.UpdateBlacklist(s.Db, s.WorldId, "subject", certificates, remove);
            return 0;
        }, cancellationToken);
    }

    private static string Invalid(Violations v, string field, string value)
    {
        v.Add(field, "INVALID_FORMAT", $"'{value}' is not a domain name.", $"“{value}”不是有效的域名。");
        return "";
    }

    public Task ResetAsync(string world, CancellationToken cancellationToken) =>
        writer.RunAsync(world, s =>
        {
            s.ResetWorld();
            return 0;
        }, cancellationToken);
}
