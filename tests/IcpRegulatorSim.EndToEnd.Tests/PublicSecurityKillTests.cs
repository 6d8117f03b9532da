using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// The server killed outright (SIGKILL, no shutdown) while a public-security filing is under review loses nothing it
/// answered: after a restart on the same store the account's token still opens the filing, the filing is still under
/// review with its people confirmed, and the review's deadline still decides it, with a number of its own.
/// </summary>
[Collection(ServerProcess.UnderLoad)]
public sealed class PublicSecurityKillTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-psb-kill-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task A_kill_during_review_loses_no_account_filing_or_deadline()
    {
        var data = await TestStore.DataAsync(path);
        string token, filingId;
        var server = await ServerProcess.StartAsync(data, TextWriter.Null);
        await using (server)
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var gateway = Gateway(channel, server.Address);
            var filed = await gateway.FileInitialAsync(new SampleFilings().Company());
            var psb = new PublicSecuritySteps(channel, gateway);
            token = await psb.RegisterAsync(filed.Subject, filed.Leader.Mobile);
            var today = RegulatorServer.Start.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
            var filing = await psb.ConfirmAllAsync(token, await psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, today))));
            Assert.Equal(WebsiteFilingStatus.UnderReview, filing.Status);
            filingId = filing.FilingId;
            await server.KillAsync();
        }

        await using var restarted = await ServerProcess.StartAsync(data, TextWriter.Null);
        using var again = GrpcChannel.ForAddress(restarted.Address);
        var regulator = Gateway(again, restarted.Address);
        var steps = new PublicSecuritySteps(again, regulator);
        var underReview = await steps.GetAsync(token, filingId);
        Assert.Equal(WebsiteFilingStatus.UnderReview, underReview.Status);
        Assert.All(underReview.Contacts, c => Assert.True(c.Confirmed));
        Assert.Empty(underReview.Number);

        await regulator.AdvanceClockAsync(TimeSpan.FromDays(30));
        var approved = await steps.GetAsync(token, filingId);
        Assert.Equal(WebsiteFilingStatus.Approved, approved.Status);
        Assert.Matches(@"^.公网安备\d{14}号$", approved.Number);
    }

    private static ProviderGatewayClient Gateway(GrpcChannel channel, Uri address) =>
        new(channel, new GatewayOptions { Address = address, MaxAttempts = 1 });
}
