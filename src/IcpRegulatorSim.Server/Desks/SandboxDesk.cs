using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Desks;

public sealed record ClockAdvance(WorldClock Clock, DateTimeOffset Now, int DeadlinesApplied);

public sealed record ProviderKeyIssued(string Key, string WorldId, string ProviderId, string Name, string? Province);

public sealed record FaultSpec(string Method, int Kind, double Probability, TimeSpan Delay);

/// <summary>
/// The sandbox operator's controls: the clock, the outbox, the registry fixtures, worlds, provider keys, injected
/// faults, seeded filings, reset.
/// </summary>
public sealed partial class SandboxDesk(
    Writer writer, Database database, WorldClocks clocks, RuleBook rules, Callers callers, FaultBook faults, RegulatorOptions options,
    ChangeFeed feed, Approvals approvals, PasswordPool passwords)
{
    public const int MaxSeedBatch = 5000;

    /// <summary>
    /// Files approved filings directly (no order, SMS or review), each checked like a submission: load-test fixtures.
    /// One throwaway password hash serves the whole batch, so seeded subjects have no usable password.
    /// </summary>
    public async Task<(int Seeded, int Skipped)> SeedAsync(string world, string providerId, IReadOnlyList<Filing> filings, CancellationToken cancellationToken)
    {
        if (filings.Count > MaxSeedBatch)
        {
            throw RegulatorErrors.Invalid("filings", "TOO_MANY", FieldTexts.TooManySeeds(MaxSeedBatch));
        }
        var today = BeijingTime.DateOf(clocks.Now(world));
        var normalized = new List<Filing>(filings.Count);
        var problems = new List<FieldViolation>();
        for (var i = 0; i < filings.Count; i++)
        {
            try
            {
                normalized.Add(FilingValidator.Normalize(filings[i], rules, today));
            }
            catch (RegulatorException e)
            {
                problems.AddRange(e.FieldViolations.Select(v => v with { Field = $"filings[{i}].{v.Field}" }));
            }
        }
        if (problems.Count > 0)
        {
            throw RegulatorErrors.Invalid(problems);
        }
        var provider = providerId.Trim().Length > 0 ? providerId.Trim() : options.EffectiveProviderKeys().FirstOrDefault()?.ProviderId ?? "seed";
        var passwordHash = passwords.Take().Hash;
        return await writer.RunAsync(world, s =>
        {
            var (seeded, skipped) = (0, 0);
            foreach (var filing in normalized)
            {
                if (RegistryStore.IsFiled(s.Db, s.WorldId, filing.Subject.Key)
                    || RegistryStore.Holders(s.Db, s.WorldId, filing.Identifiers.ToList()).Count > 0)
                {
                    skipped++;
                    continue;
                }
                var subject = FiledSubject.Create(approvals.NewSubjectNumber(s, filing.Subject.Province), filing.Subject, passwordHash, s.Now);
                foreach (var service in filing.Services)
                {
                    subject.AddService(service, provider, s.Now);
                }
                RegistryStore.Save(s.Db, s.WorldId, subject, isNew: true);
                seeded++;
            }
            return (seeded, skipped);
        }, cancellationToken);
    }

    public const double MaxClockRate = 10_000_000;

    public DateTimeOffset RealNow => clocks.RealNow;

    /// <summary>How far one AdvanceClock may go: far enough for any deadline, near enough that time stays representable.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(3660);

    /// <summary>
    /// The furthest a clock is advanced: centuries short of the year 9999, where DateTimeOffset ends, so that every
    /// deadline counted from the clock (the longest are a year) and every instant shown in Beijing time stays representable.
    /// </summary>
    public static readonly DateTimeOffset LatestClock = new(9000, 1, 1, 0, 0, 0, BeijingTime.Offset);

    /// <summary>The refusal of an advance past <see cref="LatestClock"/>, naming the field that asked for it.</summary>
    public static RegulatorException PastLatestClock(string field) =>
        RegulatorErrors.Invalid(field, "OUT_OF_RANGE", FieldTexts.LatestClock(LatestClock));

    public (WorldClock Clock, DateTimeOffset Now) Clock(string world) => (clocks.Get(world), clocks.Now(world));

    /// <summary>Deadlines applied per command while the clock jumps: each part commits, so no transaction grows without end.</summary>
    public const int AdvancePart = 500;

    /// <summary>
    /// Moves the world's clock forward; <paramref name="target"/> picks the instant from the current one. The deadlines
    /// on the way are applied in order, in parts of <see cref="AdvancePart"/> orders each committed on its own; the
    /// clock moves, and the reply goes out, once they all are. An advance cancelled between two parts keeps the parts
    /// it applied, with the clock brought up to them, and asking again for the same instant goes on from there.
    /// </summary>
    public async Task<ClockAdvance> AdvanceAsync(string world, Func<DateTimeOffset, DateTimeOffset> target, CancellationToken cancellationToken)
    {
        var to = await writer.RunAsync(world, s =>
        {
            var to = target(s.Now);
            if (to < s.Now)
            {
                throw RegulatorErrors.Invalid("to", "CLOCK_BACKWARDS", FieldTexts.ClockBackwards(s.Now));
            }
            if (to - s.Now > MaxAdvance)
            {
                throw RegulatorErrors.Invalid("to", "OUT_OF_RANGE", FieldTexts.AdvanceTo(MaxAdvance));
            }
            if (to > LatestClock)
            {
                throw PastLatestClock("to");
            }
            return to;
        }, cancellationToken);
        var applied = 0;
        var parts = 0;
        try
        {
            for (var more = true; more; parts++)
            {
                (var part, more) = await writer.RunAsync(world, s => s.ApplyDeadlines(to, AdvancePart), cancellationToken);
                applied += part;
            }
        }
        catch (OperationCanceledException) when (parts > 0)
        {
            // Given up between two parts: the clock comes up to the deadlines already applied, so that nothing they
            // did is ahead of it. The rest wait, due, for the next command or the next advance.
            await writer.RunAsync(world, s => s.CatchUpClock(to), CancellationToken.None);
            throw;
        }
        return await writer.RunAsync(world, s =>
        {
            var last = s.AdvanceClockTo(to);
            return new ClockAdvance(s.Clock, s.Now, applied + last);
        }, cancellationToken);
    }

    public IReadOnlyList<MessageRow> Messages(string world, string recipient, string orderId, long after, int limit) =>
        database.Read(db => OutboxStore.List(db, world, recipient, orderId, after, limit));

    public IReadOnlyList<string> Recipients(string world, MessageChannel channel, int limit) =>
        database.Read(db => OutboxStore.Recipients(db, world, channel, limit));

    /// <summary>The outbox after <paramref name="after"/>: what is there, then each message as it is sent.</summary>
    public IAsyncEnumerable<MessageRow> WatchMessagesAsync(string world, string recipient, long after, CancellationToken cancellationToken) =>
        feed.FollowAsync((from, limit) => Messages(world, recipient, "", from, limit), m => m.MessageSeq, after, pageSize: 500, cancellationToken);

    /// <summary>Loads a registry fixture: what the domain registry knows of one domain.</summary>
    /// <param name="v">What the adapter found wrong already (the expiry), reported with the rest.</param>
    public Task<DomainRegistration> RegisterDomainAsync(string world, DomainRegistration registration, Violations v, CancellationToken cancellationToken)
    {
        var domain = DomainNames.Normalize(registration.Domain);
        if (domain is null)
        {
            v.Add("domain", registration.Domain.Trim().Length == 0 ? "REQUIRED" : "INVALID_FORMAT", FieldTexts.RegistrationDomain);
        }
        if (v.Required("registrar", registration.Registrar.Trim()))
        {
            v.MaxLength("registrar", registration.Registrar.Trim(), FilingValidator.MaxNameLength);
        }
        var name = registration.RegistrantName.Trim();
        if (v.Required("registrant_name", name))
        {
            v.MaxLength("registrant_name", name, FilingValidator.MaxNameLength);
        }
        if (rules.CodeTables.SubjectCertificateType(registration.RegistrantCertificateType) is null
            && rules.CodeTables.LeaderCertificateType(registration.RegistrantCertificateType) is null)
        {
            v.Add("registrant_certificate_type", "UNKNOWN_CODE", FieldTexts.UnknownCertificateType(registration.RegistrantCertificateType));
        }
        var number = TypedIdentifiers.Certificate(registration.RegistrantCertificateNumber);
        if (v.Required("registrant_certificate_number", number))
        {
            v.MaxLength("registrant_certificate_number", number, FilingValidator.MaxNameLength);
        }
        v.ThrowIfAny();
        var normalized = registration with { Domain = domain!, Registrar = registration.Registrar.Trim(), RegistrantName = name, RegistrantCertificateNumber = number };
        return writer.RunAsync(world, s =>
        {
            s.RegistryFixturesAdded();
            DomainRegistryStore.Register(s.Db, s.WorldId, normalized);
            return normalized;
        }, cancellationToken);
    }

    public Task UpdateBlacklistAsync(
        string world, IReadOnlyList<string> domains, IReadOnlyList<string> certificateNumbers, bool remove, CancellationToken cancellationToken)
    {
        var v = new Violations();
        var normalized = domains.Select((d, i) => DomainNames.Normalize(d) ?? Invalid(v, $"domains[{i}]", d)).ToList();
        var certificates = certificateNumbers.Select(TypedIdentifiers.Certificate).ToList();
        for (var i = 0; i < certificates.Count; i++)
        {
            v.Required($"certificate_numbers[{i}]", certificates[i]);
        }
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            s.RegistryFixturesAdded();
            DomainRegistryStore.UpdateBlacklist(s.Db, s.WorldId, "domain", normalized, remove);
            DomainRegistryStore.UpdateBlacklist(s.Db, s.WorldId, "subject", certificates, remove);
            return 0;
        }, cancellationToken);
    }

    private static string Invalid(Violations v, string field, string value)
    {
        v.Add(field, "INVALID_FORMAT", FieldTexts.NotADomain(value));
        return "";
    }

    public Task ResetAsync(string world, CancellationToken cancellationToken) =>
        writer.RunAsync(world, s =>
        {
            s.ResetWorld();
            s.ChangesConfiguration();
            s.OnCommitted(() => faults.Set(world, []));
            return 0;
        }, cancellationToken);

    public Task<ClockAdvance> SetClockRateAsync(string world, double rate, CancellationToken cancellationToken)
    {
        var v = new Violations();
        CheckRate(v, "rate", rate);
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            s.SetClock(s.Clock.SetTo(s.Now, clocks.RealNow) with { Rate = rate });
            return new ClockAdvance(s.Clock, s.Now, 0);
        }, cancellationToken);
    }

    /// <summary>Where a world's clock may start: a span the calendar and every deadline stay representable in.</summary>
    public static readonly DateTimeOffset EarliestClockStart = new(2000, 1, 1, 0, 0, 0, BeijingTime.Offset);

    public static readonly DateTimeOffset LatestClockStart = new(2100, 1, 1, 0, 0, 0, BeijingTime.Offset);

    /// <param name="v">What the adapter found wrong already (the clock start), reported with the rest.</param>
    public Task<WorldRow> CreateWorldAsync(string worldId, long seed, DateTimeOffset? clockStart, double rate, Violations v, CancellationToken cancellationToken)
    {
        var id = worldId.Trim().Length == 0 ? $"w-{Guid.NewGuid():N}"[..14] : worldId.Trim();
        if (!WorldId().IsMatch(id))
        {
            v.Add("world_id", "INVALID_FORMAT", FieldTexts.Identifier);
        }
        if (clockStart is { } start && (start < EarliestClockStart || start >= LatestClockStart))
        {
            v.Add("clock_start", "OUT_OF_RANGE", FieldTexts.ClockStart);
        }
        CheckRate(v, "clock_rate", rate);
        v.ThrowIfAny();
        return writer.RunAsync(null, s =>
        {
            // Asked of the transaction, not of the published clocks: a world created earlier in the same batch is
            // not published until the batch commits. The insert is asked too: another node may have created it since.
            var exists = () => RegulatorErrors.Refuse(RegulatorErrors.WorldExists, "WORLD", id, RefusalTexts.WorldExists(id));
            if (WorldStore.Find(s.Db, id) is not null)
            {
                throw exists();
            }
            var real = s.Now;
            var start = (clockStart ?? options.ClockStartAt(real)).ToUnixTimeMilliseconds();
            var row = new WorldRow
            {
                WorldId = id,
                Seed = seed,
                ClockBaseRealMs = real.ToUnixTimeMilliseconds(),
                ClockBaseSimMs = start,
                ClockRate = rate,
                ClockStartMs = start,
            };
            if (!WorldStore.Insert(s.Db, row))
            {
                throw exists();
            }
            s.ChangesConfiguration();
            s.OnCommitted(() => clocks.Publish(id, row.Clock));
            return row;
        }, cancellationToken);
    }

    /// <summary>The worlds, each with its clock as published: one committed a moment ago is listed once its clock is.</summary>
    public IReadOnlyList<(string WorldId, long Seed, WorldClock Clock)> Worlds() =>
        database.Read(WorldStore.All)
            .Select(w => (w.WorldId, w.Seed, Clock: clocks.TryGet(w.WorldId, out var clock) ? clock : null))
            .Where(w => w.Clock is not null)
            .Select(w => (w.WorldId, w.Seed, w.Clock!))
            .ToList();

    public Task DeleteWorldAsync(string worldId, CancellationToken cancellationToken)
    {
        if (worldId == RegulatorOptions.DefaultWorld)
        {
            throw new RegulatorException(RegulatorErrors.DefaultWorldPermanent);
        }
        return writer.RunAsync(worldId, s =>
        {
            s.DeleteWorld();
            s.ChangesConfiguration();
            s.OnCommitted(() =>
            {
                clocks.Remove(worldId);
                callers.RemoveWorld(worldId);
                faults.Set(worldId, []);
            });
            return 0;
        }, cancellationToken);
    }

    public Task<ProviderKeyIssued> CreateProviderKeyAsync(string world, string providerId, string name, string province, CancellationToken cancellationToken)
    {
        var v = new Violations();
        var id = providerId.Trim();
        if (v.Required("provider_id", id) && !WorldId().IsMatch(id))
        {
            v.Add("provider_id", "INVALID_FORMAT", FieldTexts.Identifier);
        }
        var shownName = name.Trim().Length > 0 ? name.Trim() : id;
        v.MaxLength("name", name.Trim(), FilingValidator.MaxNameLength);
        string? provinceId = null;
        if (province.Trim().Length > 0)
        {
            provinceId = rules.FindProvince(province)?.Id;
            if (provinceId is null)
            {
                v.Add("province", "UNKNOWN_PROVINCE", FieldTexts.UnknownProvince(province));
            }
        }
        v.ThrowIfAny();
        var (key, fingerprint) = Callers.NewKey();
        return writer.RunAsync(world, s =>
        {
            WorldStore.EnsureProvider(s.Db, s.WorldId, id, shownName, provinceId);
            WorldStore.AddKey(s.Db, s.WorldId, id, fingerprint, s.Now);
            var caller = new ProviderCaller(s.WorldId, id, provinceId);
            s.OnCommitted(() => callers.Add(fingerprint, caller));
            return new ProviderKeyIssued(key, s.WorldId, id, shownName, provinceId);
        }, cancellationToken);
    }

    /// <summary>The most faults a world holds at once: three kinds on each of the methods they can target, and to spare.</summary>
    public const int MaxFaults = 100;

    /// <param name="v">What the adapter found wrong already (the delays), reported with the rest.</param>
    public Task SetFaultsAsync(string world, IReadOnlyList<FaultSpec> specs, Violations v, CancellationToken cancellationToken)
    {
        if (specs.Count > MaxFaults)
        {
            // Refused before each is checked: each unknown method's violation lists every name that works.
            v.Add("faults", "TOO_MANY", FieldTexts.TooManyFaults(MaxFaults));
            v.ThrowIfAny();
        }
        for (var i = 0; i < specs.Count; i++)
        {
            var f = specs[i];
            if (!FaultBook.IsTarget(f.Method))
            {
                // A name that matches nothing would inject nothing, silently: a typo must say so, with the names that work.
                var names = string.Join(", ", FaultBook.Targets);
                v.Add($"faults[{i}].method", f.Method.Length == 0 ? "REQUIRED" : "UNKNOWN_METHOD", FieldTexts.UnknownFaultMethod(f.Method, names));
            }
            if (f.Kind is < 1 or > 3)
            {
                v.Add($"faults[{i}].kind", f.Kind == 0 ? "REQUIRED" : "UNKNOWN_CODE", FieldTexts.FaultKind);
            }
            if (!(f.Probability is > 0 and <= 1))
            {
                v.Add($"faults[{i}].probability", "OUT_OF_RANGE", FieldTexts.FaultProbability);
            }
            if (f.Delay < TimeSpan.Zero || f.Delay > TimeSpan.FromMinutes(5))
            {
                v.Add($"faults[{i}].delay", "OUT_OF_RANGE", FieldTexts.FaultDelay);
            }
        }
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var rows = specs.Select(f => new FaultRow
            {
                WorldId = s.WorldId,
                Method = f.Method,
                Kind = f.Kind,
                Probability = f.Probability,
                DelayMs = (long)f.Delay.TotalMilliseconds,
            }).ToList();
            WorldStore.ReplaceFaults(s.Db, s.WorldId, rows);
            s.ChangesConfiguration();
            s.OnCommitted(() => faults.Set(world, rows));
            return 0;
        }, cancellationToken);
    }

    private static void CheckRate(Violations v, string field, double rate)
    {
        if (!(rate >= 0 && rate <= MaxClockRate))
        {
            v.Add(field, "OUT_OF_RANGE", FieldTexts.ClockRate(MaxClockRate));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex WorldId();
}
