using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>A subject as the registry holds it after approval: its number, its data, its services and its filing password.</summary>
public sealed class FiledSubject
{
    [JsonInclude, JsonPropertyName("services")]
    private List<FiledService> services = [];

    [JsonConstructor]
    private FiledSubject()
    {
    }

    [JsonInclude] public string SubjectNumber { get; private set; } = "";
    [JsonInclude] public Subject Subject { get; private set; } = Subject.Empty;
    /// <summary>Slow salted hash of the ICP filing password; the password itself is only ever in the outbox.</summary>
    [JsonInclude] public string PasswordHash { get; private set; } = "";
    [JsonInclude] public int FailedPasswordChecks { get; private set; }
    [JsonInclude] public DateTimeOffset? PasswordLockedUntil { get; private set; }
    /// <summary>Service numbers count from 1 per subject and are never reused.</summary>
    [JsonInclude] public int LastServiceSequence { get; private set; }
    [JsonInclude] public DateTimeOffset ApprovedAt { get; private set; }
    [JsonInclude] public DateTimeOffset UpdatedAt { get; private set; }

    [JsonIgnore] public IReadOnlyList<FiledService> Services => services;

    public static FiledSubject Create(string subjectNumber, Subject subject, string passwordHash, DateTimeOffset now) =>
        new()
        {
            SubjectNumber = subjectNumber,
            Subject = subject,
            PasswordHash = passwordHash,
            ApprovedAt = now,
            UpdatedAt = now,
        };

    public FiledService AddService(Service service, string providerId, DateTimeOffset now)
    {
        LastServiceSequence++;
        var filed = new FiledService(
            IcpNumber.ForService(SubjectNumber, LastServiceSequence, service.Kind), LastServiceSequence, service, [providerId], now);
        services.Add(filed);
        UpdatedAt = now;
        return filed;
    }

    public FiledService? FindService(string number) => services.FirstOrDefault(s => s.Number == number);

    /// <summary>The service as an order about it carries it: its filed data, named by its number.</summary>
    public Service OrderDataOf(FiledService service) => service.Service with { ServiceNumber = service.Number };

    public bool IsHostedBy(string providerId) => services.Any(s => s.AccessProviders.Contains(providerId));

    /// <summary>CHANGE_SUBJECT: the subject's data is replaced; its number and services stay.</summary>
    public void ReplaceSubject(Subject subject, DateTimeOffset now)
    {
        Subject = subject;
        UpdatedAt = now;
    }

    /// <summary>CHANGE_SERVICE: the service's data is replaced; a domain no longer listed stops being filed.</summary>
    public void ReplaceService(string number, Service data, DateTimeOffset now) =>
        Update(number, s => s with { Service = data with { ServiceNumber = "" } }, now);

    /// <summary>CANCEL_SERVICE: the service and its number are gone; the number is never issued again.</summary>
    public void RemoveService(string number, DateTimeOffset now)
    {
        services.RemoveAll(s => s.Number == number);
        UpdatedAt = now;
    }

    /// <summary>
    /// ADD_ACCESS: another provider hosts the service too; the others keep theirs. An empty shell is one no longer. Refused
    /// while access to the service is restricted: no provider may serve it then.
    /// </summary>
    public void AddAccess(string number, string providerId, DateTimeOffset now) =>
        Supervise(number, SupervisionAction.AddAccess, s => s with
        {
            AccessProviders = [.. s.AccessProviders.Where(p => p != providerId), providerId],
            EmptySince = null,
            EmptyShellDeferredTo = null,
        }, now);

    /// <summary>CANCEL_ACCESS: the provider stops hosting the service; with no provider left it is an "empty shell" from now.</summary>
    public void RemoveAccess(string number, string providerId, DateTimeOffset now) =>
        Update(number, s =>
        {
            var left = s.AccessProviders.Where(p => p != providerId).ToList();
            return s with { AccessProviders = left, EmptySince = left.Count == 0 ? s.EmptySince ?? now : null };
        }, now);

    /// <summary>The administration restricts access to the service (限制接入).</summary>
    public FiledService Restrict(string number, AdministrativeReason reason, DateTimeOffset now) =>
        Supervise(number, SupervisionAction.Restrict, s => s with { Restriction = new Restriction(now, reason) }, now);

    /// <summary>The administration lifts the service's restriction.</summary>
    public FiledService LiftRestriction(string number, DateTimeOffset now) =>
        Supervise(number, SupervisionAction.LiftRestriction, s => s with { Restriction = null }, now);

    /// <summary>The administration opens a spot check (核查) on the service, to be answered by <paramref name="dueAt"/>.</summary>
    public FiledService OpenSpotCheck(string number, AdministrativeReason reason, DateTimeOffset dueAt, DateTimeOffset now) =>
        Supervise(number, SupervisionAction.OpenSpotCheck, s => s with { SpotCheck = new SpotCheck(now, dueAt, reason) }, now);

    /// <summary>The service's spot check closes: answered, corrected, or lapsed (the caller then restricts it).</summary>
    public FiledService CloseSpotCheck(string number, DateTimeOffset now) =>
        Supervise(number, SupervisionAction.CloseSpotCheck, s => s with { SpotCheck = null }, now);

    /// <summary>The administration revokes the service's filing (撤销备案): it leaves the registry; its number is never issued again.</summary>
    public FiledService Revoke(string number, DateTimeOffset now) => Remove(number, SupervisionAction.Revoke, now);

    /// <summary>
    /// The administration cancels an empty shell: a service no provider hosts. It leaves the registry; its number is
    /// never issued again.
    /// </summary>
    public FiledService CancelEmptyShell(string number, DateTimeOffset now)
    {
        if (Service(number).AccessProviders.Count > 0)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.NotAnEmptyShell, "SERVICE", number, RefusalTexts.HostedBy(number, Service(number).AccessProviders.Count));
        }
        return Remove(number, SupervisionAction.CancelEmptyShell, now);
    }

    private FiledService Supervise(string number, SupervisionAction action, Func<FiledService, FiledService> change, DateTimeOffset now)
    {
        var service = Service(number);
        Supervision.Next(service.Standing, action, service.SpotCheck is not null);
        Update(number, change, now);
        return Service(number);
    }

    private FiledService Remove(string number, SupervisionAction action, DateTimeOffset now)
    {
        var service = Service(number);
        Supervision.Next(service.Standing, action, service.SpotCheck is not null);
        RemoveService(number, now);
        return service;
    }

    private FiledService Service(string number) =>
        FindService(number) ?? throw RegulatorErrors.Refuse(RegulatorErrors.ServiceNotFound, "SERVICE", number,
            RefusalTexts.NoServiceNumbered(SubjectNumber, number));

    /// <summary>
    /// The administration's deadlines on the subject's services: an open spot check's, and an empty shell's grace
    /// (<paramref name="emptyShellGrace"/> after its last provider left).
    /// </summary>
    public IEnumerable<Deadline> Deadlines(TimeSpan emptyShellGrace)
    {
        foreach (var service in services)
        {
            if (service.SpotCheck is { } check)
            {
                yield return new Deadline(DeadlineKind.SpotCheckDue, check.DueAt, service.Sequence);
            }
            if (service.EmptySince is { } since)
            {
                var due = since + emptyShellGrace;
                yield return new Deadline(DeadlineKind.EmptyShellDue,
                    service.EmptyShellDeferredTo is { } deferred && deferred > due ? deferred : due, service.Sequence);
            }
            if (service.Planned is { } planned)
            {
                yield return new Deadline(DeadlineKind.PlannedAction, planned.DueAt, service.Sequence);
            }
        }
    }

    /// <summary>
    /// The administration puts off cancelling an empty shell until <paramref name="until"/>: the subject has an order in
    /// process, which may take the service on (ADD_ACCESS) or cancel it, and is decided first.
    /// </summary>
    public void DeferEmptyShellCancellation(string number, DateTimeOffset until, DateTimeOffset now) =>
        Update(number, s => s with { EmptyShellDeferredTo = until }, now);

    /// <summary>A sandbox scenario's action on the service, to be taken at <paramref name="dueAt"/> (see OrderScenario).</summary>
    public void Plan(string number, SupervisionAction action, DateTimeOffset dueAt, DateTimeOffset now) =>
        Update(number, s => s with { Planned = new PlannedAction(action, dueAt) }, now);

    /// <summary>The planned action is taken (or no longer can be): it is forgotten.</summary>
    public void ClearPlan(string number, DateTimeOffset now) => Update(number, s => s with { Planned = null }, now);

    /// <summary>The service numbered <paramref name="sequence"/> under the subject, if it is still filed.</summary>
    public FiledService? ServiceAt(int sequence) => services.FirstOrDefault(s => s.Sequence == sequence);

    public bool PasswordChecksLocked(DateTimeOffset now) => PasswordLockedUntil is { } until && now < until;

    public int RemainingPasswordChecks(PasswordRules rules) => Math.Max(0, rules.MaxFailedChecks - FailedPasswordChecks);

    /// <summary>Records one password check. Failed checks are limited: at the limit, checks lock until the next Beijing day.</summary>
    public void RecordPasswordCheck(bool matched, DateTimeOffset now, PasswordRules rules)
    {
        if (PasswordLockedUntil is { } until && now >= until)
        {
            PasswordLockedUntil = null;
            FailedPasswordChecks = 0;
        }
        if (matched)
        {
            FailedPasswordChecks = 0;
            return;
        }
        FailedPasswordChecks++;
        if (FailedPasswordChecks >= rules.MaxFailedChecks)
        {
            PasswordLockedUntil = BeijingTime.StartOf(BeijingTime.DateOf(now).AddDays(1)).ToUniversalTime();
        }
    }

    private void Update(string number, Func<FiledService, FiledService> change, DateTimeOffset now)
    {
        var index = services.FindIndex(s => s.Number == number);
        if (index < 0)
        {
            throw new InvalidOperationException($"{SubjectNumber} has no service {number}.");
        }
        services[index] = change(services[index]);
        UpdatedAt = now;
    }

    public void ResetPassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        FailedPasswordChecks = 0;
        PasswordLockedUntil = null;
        UpdatedAt = now;
    }
}

/// <summary>An action a sandbox scenario has the administration take on a filed service at <see cref="DueAt"/>.</summary>
public sealed record PlannedAction(SupervisionAction Action, DateTimeOffset DueAt);

/// <summary>
/// A filed website or app: its number, its data, the access providers that host it, and what the administration has
/// in force on it: a restriction, an open spot check, since when it has been an empty shell (no provider), and until
/// when the administration puts off cancelling it as one.
/// </summary>
public sealed record FiledService(
    string Number,
    int Sequence,
    Service Service,
    IReadOnlyList<string> AccessProviders,
    DateTimeOffset ApprovedAt,
    Restriction? Restriction = null,
    SpotCheck? SpotCheck = null,
    DateTimeOffset? EmptySince = null,
    PlannedAction? Planned = null,
    DateTimeOffset? EmptyShellDeferredTo = null)
{
    /// <summary>An empty shell (空壳网站): no access provider hosts it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmptyShell => AccessProviders.Count == 0;

    [System.Text.Json.Serialization.JsonIgnore]
    public ServiceStanding Standing => Restriction is null ? ServiceStanding.Filed : ServiceStanding.Restricted;
}
