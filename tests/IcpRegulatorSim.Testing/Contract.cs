using System.Reflection;
using Google.Protobuf.Reflection;
using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// The contract as the compiled Contracts assembly describes it: every file of its packages (the regulator's and the
/// public-security platform's), found by reflection over
/// the generated code (each file's <c>…Reflection.Descriptor</c>), so that a service or an RPC added to protos/ is
/// here, and fuzzed, with no list to update.
/// </summary>
public static class Contract
{
    public const string Package = "icp.regulator.v1";

    /// <summary>The packages the server serves: MIIT's regulator and the public-security platform.</summary>
    public static readonly IReadOnlyList<string> Packages = [Package, "icp.publicsecurity.v1"];

    public static IReadOnlyList<FileDescriptor> Files { get; } = typeof(Filing).Assembly.GetExportedTypes()
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
        .Where(p => p?.PropertyType == typeof(FileDescriptor))
        .Select(p => (FileDescriptor)p!.GetValue(null)!)
        .Where(f => Packages.Contains(f.Package))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<ServiceDescriptor> Services { get; } = Files.SelectMany(f => f.Services).ToList();

    /// <summary>Every RPC of every service, unary and streaming.</summary>
    public static IReadOnlyList<MethodDescriptor> Methods { get; } = Services.SelectMany(s => s.Methods).ToList();

    /// <summary>The contract's enum of that name (<c>OrderStatus</c>), or null.</summary>
    public static EnumDescriptor? FindEnum(string name) =>
        Files.SelectMany(f => f.EnumTypes).SingleOrDefault(e => e.Name == name);
}
