using System.Net;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The pages answer HTTP/1.1 on the web port, and HTTP/2 (prior knowledge) on the gRPC port.</summary>
public sealed class ProtocolsTests : IAsyncLifetime
{
    private RegulatorServer server = null!;

    public async Task InitializeAsync() => server = await RegulatorServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_query_page_answers_over_http_1_1_and_http_2()
    {
        using var client = new HttpClient();
        var one = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(server.WebAddress, "/query"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Assert.Equal(HttpVersion.Version11, one.Version);
        Assert.Contains("ICP备案查询", await one.Content.ReadAsStringAsync());

        var two = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/query"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Assert.Equal(HttpVersion.Version20, two.Version);
        Assert.Contains("ICP备案查询", await two.Content.ReadAsStringAsync());
    }
}
