using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// An open-loop <c>load</c> against a server that holds its answers ends with its duration: it sends nothing after the
/// end, waits a short drain for the answers under way, and reports the calls it could not send and those it did not
/// hear back about, none of them as throughput.
/// </summary>
[Collection(CliRun.Collection)]
public sealed partial class OpenLoopCliTests : CliServerTest
{
    [Fact]
    public async Task An_open_loop_ends_with_its_duration_and_counts_the_calls_not_sent_and_those_unanswered()
    {
        await Gateway.SetFaultsAsync([new Fault
        {
            Method = "icp.regulator.v1.FilingService/SubmitFiling", Kind = FaultKind.Latency, Probability = 1, Delay = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
        }]);

        // 50 calls due in the second; ten may be under way, and none is answered before the run ends.
        var run = await Cli("load", "submit", "--rate", "50", "--duration", "1s", "--warmup", "0s", "--max-in-flight", "10").Within("the load run to end");

        Assert.True(run.ExitCode == GatewayCli.Refused, run.ToString());
        Assert.Contains("calls 0  succeeded 0  throughput 0.0/s", run.Output);
        var notSent = long.Parse(NotSent().Match(run.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var unanswered = long.Parse(Unanswered().Match(run.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(unanswered, 1, 10);
        Assert.Equal(50, notSent + unanswered);
        Assert.Equal($"error: no call was answered in the 1.0 s measured: {unanswered} were still under way when the run ended.", Assert.Single(run.ErrorLines));
    }

    [GeneratedRegex(@"not sent (\d+): due before the end")]
    private static partial Regex NotSent();

    [GeneratedRegex(@"unanswered (\d+): still under way")]
    private static partial Regex Unanswered();
}
