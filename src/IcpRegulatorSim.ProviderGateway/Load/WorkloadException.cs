namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>An answer that was OK on the wire but wrong for the workload (e.g. a validation that FAILED): counted as an error.</summary>
public sealed class WorkloadException(string kind) : Exception(kind)
{
    public string Kind { get; } = kind;
}
