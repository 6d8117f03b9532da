using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Security;

public sealed record ProviderCaller(string WorldId, string ProviderId, string? Province = null);

/// <summary>
/// Who is calling: a provider (its key belongs to one world), an administrator (admin key; acts in the world named
/// by the <c>x-icp-world</c> header, else the default one), or anyone (public pages; same header).
/// </summary>
public sealed class Callers
{
    public const string WorldHeader = "x-icp-world";

    private readonly ConcurrentDictionary<string, ProviderCaller> providers = new(StringComparer.Ordinal);
    // The keys of the configuration: every node has them from its own settings, not from the database.
    private readonly HashSet<string> configured = new(StringComparer.Ordinal);
    private readonly HashSet<string> admins = new(StringComparer.Ordinal);
    private readonly WorldClocks worlds;
    private Func<string, ProviderCaller?>? lookUp;

    public Callers(RegulatorOptions options, WorldClocks worlds)
    {
        this.worlds = worlds;
        foreach (var key in options.EffectiveProviderKeys())
        {
            providers[Fingerprint(key.Key)] = new ProviderCaller(key.World, key.ProviderId, key.Province);
            configured.Add(Fingerprint(key.Key));
        }
        foreach (var key in options.EffectiveAdminKeys())
        {
            admins.Add(Fingerprint(key));
        }
    }

    /// <summary>Makes a new provider key: its plain text (shown once) and the fingerprint that is stored.</summary>
    public static (string Key, string Fingerprint) NewKey()
    {
        var key = "pk_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        return (key, Fingerprint(key));
    }

    public void Add(string fingerprint, ProviderCaller provider) => providers[fingerprint] = provider;

    /// <summary>
    /// Looks a key not known here up with <paramref name="find"/> (a key another node issued a moment ago, on a shared
    /// database) and keeps what it finds.
    /// </summary>
    public void LookUpWith(Func<string, ProviderCaller?> find) => lookUp = find;

    /// <summary>The worlds of the keys known here.</summary>
    public IEnumerable<string> Worlds() => providers.Values.Select(p => p.WorldId).Distinct();

    /// <summary>Forgets the keys of <paramref name="worldId"/> that were issued at run time: each is looked up again at its next use.</summary>
    public void ForgetIssued(string worldId) => Remove(worldId, fingerprint => !configured.Contains(fingerprint));

    public void RemoveWorld(string worldId) => Remove(worldId, _ => true);

    private void Remove(string worldId, Func<string, bool> which)
    {
        foreach (var (fingerprint, provider) in providers)
        {
            if (provider.WorldId == worldId && which(fingerprint))
            {
                providers.TryRemove(fingerprint, out _);
            }
        }
    }

    /// <summary>The world a call acts in, without judging its key: the provider key's world, else the one the header names.</summary>
    public string WorldOf(ServerCallContext context) =>
        Find(Fingerprint(BearerKey(context))) is { } provider
            ? provider.WorldId
            : context.RequestHeaders.GetValue(WorldHeader) ?? RegulatorOptions.DefaultWorld;

    public ProviderCaller Provider(ServerCallContext context)
    {
        var key = Fingerprint(BearerKey(context));
        if (Find(key) is { } provider)
        {
            return provider;
        }
        throw new RegulatorException(admins.Contains(key) ? RegulatorErrors.PermissionDenied : RegulatorErrors.Unauthenticated,
            detailEn: RefusalTexts.ProviderKeyRequired.En, detailZh: RefusalTexts.ProviderKeyRequired.Zh);
    }

    /// <summary>An administrator's call; returns the world it acts in.</summary>
    public string Admin(ServerCallContext context) => Admin(context, "");

    /// <summary>
    /// An administrator's call about one world, which its request may name (<paramref name="requestWorld"/>, the
    /// <c>world_id</c> field: the path's world on the HTTP routes under /v1/worlds/{world_id}); else the header's.
    /// </summary>
    public string Admin(ServerCallContext context, string requestWorld)
    {
        var key = Fingerprint(BearerKey(context));
        if (admins.Contains(key))
        {
            return NamedWorld(context, requestWorld);
        }
        throw new RegulatorException(Find(key) is not null ? RegulatorErrors.PermissionDenied : RegulatorErrors.Unauthenticated,
            detailEn: RefusalTexts.AdminKeyRequired.En, detailZh: RefusalTexts.AdminKeyRequired.Zh);
    }

    /// <summary>Whether <paramref name="key"/> is an admin key (the web pages' sign-in).</summary>
    public bool IsAdminKey(string key) => key.Trim().Length > 0 && admins.Contains(Fingerprint(key.Trim()));

    /// <summary>
    /// A call of a public-security platform's account: the world the header names (else the default one) and the
    /// token its authorization carries (<c>Bearer psb-…</c>), which the account desk judges.
    /// </summary>
    public (string World, string Token) AccountToken(ServerCallContext context) => (NamedWorld(context, ""), BearerKey(context));

    /// <summary>The world of a public call: the one named by the header, else the default one.</summary>
    public string Anonymous(ServerCallContext context) => NamedWorld(context, "");

    private string NamedWorld(ServerCallContext context, string requestWorld)
    {
        var header = context.RequestHeaders.GetValue(WorldHeader);
        if (requestWorld.Length > 0 && header is not null && header != requestWorld)
        {
            var v = new Violations();
            v.Add("world_id", "WORLD_MISMATCH", FieldTexts.WorldMismatch(requestWorld, header));
            v.ThrowIfAny();
        }
        var world = requestWorld.Length > 0 ? requestWorld : header ?? RegulatorOptions.DefaultWorld;
        return worlds.Exists(world)
            ? world
            : throw RegulatorErrors.UnknownWorld(world);
    }

    private ProviderCaller? Find(string fingerprint)
    {
        if (providers.TryGetValue(fingerprint, out var provider))
        {
            return provider;
        }
        if (fingerprint.Length == 0 || admins.Contains(fingerprint) || lookUp?.Invoke(fingerprint) is not { } found)
        {
            return null;
        }
        providers[fingerprint] = found;
        return found;
    }

    private static string BearerKey(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : "";
    }

    // Keys are compared by their SHA-256 fingerprints: lookups then take the same time whatever the key,
    // and a key created at run time is stored only as its fingerprint.
    public static string Fingerprint(string key) =>
        key.Length == 0 ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
