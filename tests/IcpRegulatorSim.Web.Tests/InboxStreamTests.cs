using System.Reflection;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The stream of the phone and the mailbox (Server-Sent Events), as the server keeps it.</summary>
public sealed class InboxStreamTests : IAsyncLifetime
{
    private RegulatorServer server = null!;

    public async Task InitializeAsync() => server = await RegulatorServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_stream_the_browser_closes_leaves_nothing_registered_with_the_server_stopping()
    {
        // Each stream follows its recipient until the browser goes away or the server stops: a source linked to the
        // server's stopping token, which would keep every one ever opened until the server stops unless it is disposed.
        var stopping = server.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var before = LinkedSources(stopping);
        using var client = new HttpClient { BaseAddress = server.WebAddress };
        using var close = new CancellationTokenSource();
        var streams = Enumerable.Range(0, 3)
            .Select(i => client.GetAsync($"/inbox/events?recipient=1380013800{i}", HttpCompletionOption.ResponseHeadersRead, close.Token))
            .ToList();
        await UntilAsync(() => LinkedSources(stopping) >= before + streams.Count, "the streams to start");

        await close.CancelAsync();
        foreach (var stream in streams)
        {
            // A stream whose headers came is closed with its response; one still waiting for them, by the cancellation.
            await Task.WhenAny(stream);
            if (stream.IsCompletedSuccessfully)
            {
                (await stream).Dispose();
            }
        }
        await UntilAsync(() => LinkedSources(stopping) <= before, "the closed streams to let go of the server's stopping token");
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var patience = Patience.Token();
        while (!condition())
        {
            await Task.WhenAny(Task.Delay(20, patience.Token));
            Assert.False(patience.IsCancellationRequested, $"Waited {Patience.Limit.TotalSeconds:0} s for {what}.");
        }
    }

    /// <summary>
    /// The cancellation sources linked to <paramref name="token"/>: each is a callback registered on it whose state is
    /// the linked source. A token says this only to a debugger, so it is read as a debugger reads it.
    /// </summary>
    private static int LinkedSources(CancellationToken token)
    {
        const BindingFlags Fields = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var source = Field(typeof(CancellationToken), "_source").GetValue(token);
        var registrations = Field(typeof(CancellationTokenSource), "_registrations").GetValue(source);
        if (registrations is null)
        {
            return 0;
        }
        var count = 0;
        for (var node = Field(registrations.GetType(), "Callbacks").GetValue(registrations); node is not null; node = Field(node.GetType(), "Next").GetValue(node))
        {
            count += Field(node.GetType(), "CallbackState").GetValue(node) is CancellationTokenSource ? 1 : 0;
        }
        return count;

        static FieldInfo Field(Type type, string name) =>
            type.GetField(name, Fields) ?? throw new InvalidOperationException($"{type} has no field {name} in this .NET: read its registrations anew.");
    }
}
