using System.Collections.Concurrent;
using Google.Protobuf.Reflection;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Security;

/// <summary>The faults injected in each world's calls, as committed: the fault interceptor reads them on every call.</summary>
public sealed class FaultBook
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<FaultRow>> faults = new(StringComparer.Ordinal);

    /// <summary>
    /// What a fault may name: a method of the regulator's services ("icp.regulator.v1.FilingService/SubmitFiling"), a
    /// whole service ("icp.regulator.v1.FilingService/*"), or "*". Sandbox controls are never faulted (else faults
    /// could not be cleared), so they are not among them.
    /// </summary>
    public static readonly IReadOnlyList<string> Targets = TargetsOf(
        FilingServiceReflection.Descriptor, SmsValidationServiceReflection.Descriptor, FilingPasswordServiceReflection.Descriptor,
        PublicQueryServiceReflection.Descriptor, ReviewServiceReflection.Descriptor, ReferenceServiceReflection.Descriptor);

    private static readonly HashSet<string> KnownTargets = new(Targets, StringComparer.Ordinal);

    public static bool IsTarget(string method) => KnownTargets.Contains(method);

    private static string[] TargetsOf(params FileDescriptor[] files) =>
    [
        "*",
        .. files.SelectMany(f => f.Services).SelectMany(s => s.Methods.Select(m => $"{s.FullName}/{m.Name}").Prepend($"{s.FullName}/*")),
    ];

    // Kept beside the dictionary: its own emptiness check takes every lock, and every call asks.
    private volatile int worldsWithFaults;

    /// <summary>Whether any world has faults: when none has (the usual case), a call need not even look up its world.</summary>
    public bool Any => worldsWithFaults > 0;

    public IReadOnlyList<FaultRow> For(string worldId) => faults.GetValueOrDefault(worldId) ?? [];

    /// <summary>The worlds that have faults.</summary>
    public IEnumerable<string> Worlds() => faults.Keys;

    public void Set(string worldId, IReadOnlyList<FaultRow> worldFaults)
    {
        if (worldFaults.Count == 0)
        {
            faults.TryRemove(worldId, out _);
        }
        else
        {
            faults[worldId] = worldFaults;
        }
        worldsWithFaults = faults.Count;
    }
}
