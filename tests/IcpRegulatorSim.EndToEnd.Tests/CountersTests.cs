using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Order ids, event sequences and outbox sequences never go backwards within a world's id: a provider that keys its
/// orders by id, or a client that holds a cursor, never meets a number twice, whatever the sandbox operator does.
/// </summary>
public sealed class CountersTests : ServerTest
{
    [Fact]
    public async Task A_reset_empties_the_world_but_ids_and_sequences_go_on_and_open_streams_keep_delivering()
    {
        using var patience = Patience.Token();
        await using var events = Gateway.WatchFilingsAsync(cancellationToken: patience.Token).GetAsyncEnumerator(patience.Token);
        await using var outbox = Gateway.WatchMessagesAsync(cancellationToken: patience.Token).GetAsyncEnumerator(patience.Token);
        var before = await SubmitAndSendCodesAsync(Gateway, Samples.Company());
        var seenEvents = await NextAsync(events, 3);
        var seenMessages = await NextAsync(outbox, 2);

        await Gateway.ResetAsync();
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        var after = await SubmitAndSendCodesAsync(Gateway, Samples.Company());

        Assert.Equal("ord-00000001", before.OrderId);
        Assert.Equal("ord-00000002", after.OrderId);
        // The streams opened before the reset deliver what came after it, numbered on from where they were.
        var newEvents = await NextAsync(events, 3);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], [.. seenEvents.Select(e => e.Sequence), .. newEvents.Select(e => e.Sequence)]);
        var newMessages = await NextAsync(outbox, 2);
        Assert.Equal([1L, 2L, 3L, 4L], [.. seenMessages.Select(m => m.Sequence), .. newMessages.Select(m => m.Sequence)]);
        Assert.All(newMessages, m => Assert.Equal(after.OrderId, m.OrderId));
        // What is listed after the reset is only what came after it.
        Assert.Equal([3L, 4L], (await Gateway.ListMessagesAsync()).Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_world_deleted_and_created_again_goes_on_counting_where_it_was()
    {
        var first = await OpenWorldAsync("again");
        var filing = Samples.Company();
        var approved = await first.FileAsync(filing);
        var lastEvent = (await Streams.TakeAsync(first.WatchFilingsAsync(), 7)).Max(e => e.Sequence);
        var lastMessage = (await first.ListMessagesAsync(pageSize: 1000)).Messages.Max(m => m.Sequence);

        await Gateway.DeleteWorldAsync("again");
        var second = await OpenWorldAsync("again");
        var order = await SubmitAndSendCodesAsync(second, filing);

        Assert.Equal("ord-00000002", order.OrderId);
        Assert.Equal(lastEvent + 1, (await Streams.TakeAsync(second.WatchFilingsAsync(), 1))[0].Sequence);
        Assert.Equal(lastMessage + 1, (await second.ListMessagesAsync()).Messages.Min(m => m.Sequence));
        // The numbers the first world issued are not issued again.
        await second.ApproveAsync((await second.ValidateAllAsync(order, filing)).OrderId);
        Assert.NotEqual(approved.SubjectNumber, (await second.GetFilingAsync(order.OrderId)).SubjectNumber);
    }

    [Fact]
    public async Task Each_world_numbers_its_own_outbox_from_one()
    {
        await SubmitAndSendCodesAsync(Gateway, Samples.Company());
        var world = await OpenWorldAsync("quiet");
        await SubmitAndSendCodesAsync(world, Samples.Company());

        Assert.Equal([1L, 2L], (await world.ListMessagesAsync()).Messages.Select(m => m.Sequence));
        Assert.Equal([1L, 2L], (await Gateway.ListMessagesAsync()).Messages.Select(m => m.Sequence));
    }

    /// <summary>A world created for the test, with a provider key named like the world (so that a re-created world's provider is the same one).</summary>
    private async Task<ProviderGatewayClient> OpenWorldAsync(string id)
    {
        await Gateway.CreateWorldAsync(id, clockStart: RegulatorServer.Start);
        var admin = Gateway.InWorld(id);
        return admin.InWorld(id, (await admin.CreateProviderKeyAsync($"{id}-provider")).Key);
    }

    /// <summary>Submits a filing and lets its two codes go out: three events (submitted, two codes sent) and two messages.</summary>
    private static async Task<FilingOrder> SubmitAndSendCodesAsync(ProviderGatewayClient gateway, Filing filing)
    {
        var order = (await gateway.SubmitAsync(filing)).Order;
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        return order;
    }

    private static async Task<List<T>> NextAsync<T>(IAsyncEnumerator<T> stream, int count)
    {
        var items = new List<T>();
        while (items.Count < count && await stream.MoveNextAsync())
        {
            items.Add(stream.Current);
        }
        return items;
    }
}
