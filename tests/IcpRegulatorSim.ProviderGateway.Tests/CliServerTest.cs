using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// A test of <c>icp-gateway</c> against a server of its own: <see cref="Cli"/> runs the CLI at that server's address,
/// and files the test writes go to a scratch directory that is gone afterwards.
/// </summary>
public abstract class CliServerTest : ServerTest, IDisposable
{
    // The people of samples/initial-company-zhejiang.json.
    protected const string LeaderMobile = "13800138000";
    protected const string LeaderSuffix = "071238";
    protected const string AdminMobile = "18912345678";
    protected const string AdminSuffix = "124568";

    protected ScratchDirectory Scratch { get; } = new();

    public void Dispose()
    {
        Scratch.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The CLI at this server's address; a load run is measured on the server's real time.</summary>
    protected Task<CliRun> Cli(params string[] args) => CliRun.RunAsync(RealTime, ["--address", Server.Address.ToString(), .. args]);
}
