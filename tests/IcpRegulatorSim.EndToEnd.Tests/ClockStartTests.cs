using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>An instant given without an offset is Beijing time, as every date of a filing is, whatever the machine's time zone.</summary>
public sealed class ClockStartTests : ServerTest
{
    protected override string[] ServerArgs => ["--clock-start", "2026-03-02T09:00"];

    [Fact]
    public async Task A_clock_start_without_an_offset_is_nine_in_the_morning_in_beijing()
    {
        Assert.Equal("2026-03-02T09:00:00.000+08:00", (await Gateway.GetClockAsync()).BeijingTime);
        // A world created without a start of its own starts where the setting says.
        Assert.Equal("2026-03-02T09:00:00.000+08:00", (await Gateway.CreateWorldAsync("morning")).Clock.BeijingTime);
    }

    [Fact]
    public async Task A_clock_start_that_is_not_an_instant_stops_the_server_naming_the_setting()
    {
        var e = await Assert.ThrowsAsync<ServerStartException>(() => RegulatorServer.StartAsync(args: ["--clock-start", "next monday"]));
        Assert.Contains("--clock-start", e.Message);
        Assert.Contains("next monday", e.Message);
    }
}
