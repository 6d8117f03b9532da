namespace IcpRegulatorSim.Harness;

/// <summary>A running simulator, wherever it runs.</summary>
internal interface IRegulatorHost : IAsyncDisposable
{
    Uri Address { get; }

    Uri? HttpAddress { get; }
}
