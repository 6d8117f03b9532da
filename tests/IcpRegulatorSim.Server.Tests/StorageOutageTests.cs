using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.Logging;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// An outage ends with a use of the database that began after it did. A writer's batch that committed as the database
/// went away is reported after the deadline worker's first failure: it once ended the outage the failure began, and the
/// worker's next failure logged a second one.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public void A_success_that_began_before_the_outage_does_not_end_it_and_one_that_began_after_does()
    {
        var log = new LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(log));
        var outage = new StorageOutage(new FakeClock(), factory.CreateLogger<StorageOutage>());

        var batchBegun = outage.Count;
        outage.Failed(new TimeoutException("the database went away"), "the deadline worker");
        outage.Succeeded(batchBegun);
        outage.Failed(new TimeoutException("still away"), "the deadline worker");

        Assert.True(outage.Down);
        Assert.Single(log.Of(nameof(StorageOutage), LogLevel.Error));
        Assert.DoesNotContain(log.Of(nameof(StorageOutage), LogLevel.Warning), e => e.Level == LogLevel.Warning);

        outage.Succeeded(outage.Count);
        Assert.False(outage.Down);
        Assert.Contains(log.Of(nameof(StorageOutage), LogLevel.Warning), e => e.Message.StartsWith("The database is back", StringComparison.Ordinal));
    }
}
