using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Storage;

public sealed record RegistrationRow
{
    public string Domain { get; init; } = "";
    public string Registrar { get; init; } = "";
    public string RegistrantName { get; init; } = "";
    public long RegistrantCertificateType { get; init; }
    public string RegistrantCertificateNumber { get; init; } = "";
    public long RealNameVerified { get; init; }
    public long ExpiresAtMs { get; init; }

    public DomainRegistration ToDomain() => new(
        Domain, Registrar, RegistrantName, (int)RegistrantCertificateType, RegistrantCertificateNumber,
        RealNameVerified != 0, DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs));
}

/// <summary>The domain registry's facts and the blacklist: what the administration checks an order's domains and subject against.</summary>
internal static class DomainRegistryStore
{
    private const string Upsert = """
        INSERT INTO domain_registrations (world_id, domain, registrar, registrant_name, registrant_certificate_type,
            registrant_certificate_number, real_name_verified, expires_at_ms)
        VALUES (@World, @Domain, @Registrar, @RegistrantName, @RegistrantCertificateType, @RegistrantCertificateNumber, @RealNameVerified, @ExpiresAtMs)
        ON CONFLICT (world_id, domain) DO UPDATE SET registrar = excluded.registrar, registrant_name = excluded.registrant_name,
            registrant_certificate_type = excluded.registrant_certificate_type,
            registrant_certificate_number = excluded.registrant_certificate_number,
            real_name_verified = excluded.real_name_verified, expires_at_ms = excluded.expires_at_ms
        """;

    private const string SelectRegistrations = """
        SELECT domain, registrar, registrant_name, registrant_certificate_type, registrant_certificate_number, real_name_verified, expires_at_ms
        FROM domain_registrations WHERE world_id = @World AND domain IN (SELECT value FROM json_each(@Domains))
        """;

    private const string SelectBlacklisted = """
        SELECT value FROM blacklist WHERE world_id = @World
          AND ((kind = 'domain' AND value IN (SELECT value FROM json_each(@Domains))) OR (kind = 'subject' AND value IN (SELECT value FROM json_each(@Certificates))))
        """;

    private const string InsertBlacklisted =
        "INSERT INTO blacklist (world_id, kind, value) VALUES (@World, @Kind, @Value) ON CONFLICT DO NOTHING";

    private const string DeleteBlacklisted = "DELETE FROM blacklist WHERE world_id = @World AND kind = @Kind AND value = @Value";

    internal const string SelectAny = """
        SELECT EXISTS (SELECT 1 FROM domain_registrations WHERE world_id = @World) OR EXISTS (SELECT 1 FROM blacklist WHERE world_id = @World)
        """;

    public static bool AnyFixtures(DbSession db, string world) =>
        db.ExecuteScalar<long>(SelectAny, new { World = world }) != 0;

    public static void Register(DbSession db, string world, DomainRegistration r) =>
        db.Execute(Upsert, new
        {
            World = world,
            r.Domain,
            r.Registrar,
            r.RegistrantName,
            RegistrantCertificateType = (long)r.RegistrantCertificateType,
            r.RegistrantCertificateNumber,
            RealNameVerified = r.RealNameVerified ? 1L : 0L,
            ExpiresAtMs = r.ExpiresAt.ToUnixTimeMilliseconds(),
        });

    /// <summary>What the registry knows of the domains (and their parents) and which of the domains and certificates are blacklisted.</summary>
    public static RegistryFacts Facts(DbSession db, string world, IReadOnlyCollection<string> domains, IReadOnlyCollection<string> certificates)
    {
        if (domains.Count == 0 && certificates.Count == 0)
        {
            return RegistryFacts.None;
        }
        var lookups = domains.SelectMany(RegistryChecks.SelfAndParents).Distinct().ToList();
        var registrations = lookups.Count == 0
            ? []
            : db.Query<RegistrationRow>(SelectRegistrations, new { World = world, Domains = StoreJson.Array(lookups) })
                .Select(r => r.ToDomain()).ToDictionary(r => r.Domain, StringComparer.Ordinal);
        var blacklisted = db.Query<string>(SelectBlacklisted, new { World = world, Domains = StoreJson.Array(lookups), Certificates = StoreJson.Array(certificates) })
            .ToHashSet(StringComparer.Ordinal);
        return new RegistryFacts(registrations, blacklisted);
    }

    public static void UpdateBlacklist(DbSession db, string world, string kind, IEnumerable<string> values, bool remove)
    {
        foreach (var value in values)
        {
            db.Execute(remove ? DeleteBlacklisted : InsertBlacklisted, new { World = world, Kind = kind, Value = value });
        }
    }
}
