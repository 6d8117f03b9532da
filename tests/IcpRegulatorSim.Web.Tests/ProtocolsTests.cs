using System.Net;
using System.Net.Http.Headers;
using IcpRegulatorSim.Server.Web;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The pages and the JSON routes answer HTTP/1.1 on the web port, and HTTP/2 (prior knowledge) on the gRPC port.</summary>
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

    [Fact]
    public async Task A_stream_with_nothing_to_send_yet_sends_its_headers_over_http_1_1_and_http_2()
    {
        using var client = new HttpClient();
        foreach (var (address, version) in new[] { (server.WebAddress, HttpVersion.Version11), (server.Address, HttpVersion.Version20) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/v1/filings:watch"))
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-provider-key") },
            };
            using var stop = Patience.Token();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            Assert.Equal(version, response.Version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(JsonRequests.NdJson, response.Content.Headers.ContentType!.MediaType);
        }
    }
}
