using System.Net;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>Without sandbox mode the outbox is nobody's to read: the phone, the mailbox and their stream are off.</summary>
public sealed class SandboxOffTests : IAsyncLifetime
{
    private RegulatorServer server = null!;

    public async Task InitializeAsync() =>
        server = await RegulatorServer.StartAsync(args: ["--Regulator:Sandbox", "false", "--Regulator:AdminKeys:0", "a-real-admin-key"]);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_phone_and_its_stream_are_not_served()
    {
        using var client = new HttpClient { BaseAddress = server.WebAddress };
        var phone = await client.GetStringAsync("/phone?mobile=13800138000");
        Assert.Contains("仅在沙箱模式下可用", phone);
        Assert.DoesNotContain("id=\"inbox\"", phone);
        var stream = await client.GetAsync("/inbox/events?recipient=13800138000");
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        // The public pages are served as ever.
        Assert.Contains("短信核验", await client.GetStringAsync("/sms/validate"));
    }
}
