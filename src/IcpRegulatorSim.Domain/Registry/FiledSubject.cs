using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
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

    /// <summary>ADD_ACCESS: another provider hosts the service too; the others keep theirs.</summary>
    public void AddAccess(string number, string providerId, DateTimeOffset now) =>
        Update(number, s => s with { AccessProviders = [.. s.AccessProviders.Where(p => p != providerId), providerId] }, now);

    /// <summary>CANCEL_ACCESS: the provider stops hosting the service; with no provider left it is an "empty shell".</summary>
    public void RemoveAccess(string number, string providerId, DateTimeOffset now) =>
        Update(number, s => s with { AccessProviders = s.AccessProviders.Where(p => p != providerId).ToList() }, now);

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

/// <summary>A filed website or app: its number, its data and the access providers that host it.</summary>
public sealed record FiledService(
    string Number,
    int Sequence,
    Service Service,
    IReadOnlyList<string> AccessProviders,
    DateTimeOffset ApprovedAt);
