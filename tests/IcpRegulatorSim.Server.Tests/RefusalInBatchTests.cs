using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// One command's refusal never touches another's outcome, on either store: a clock advance to an instant already passed,
/// taken by the writer in one batch with many valid submissions, is refused CLOCK_BACKWARDS, and every submission is
/// acknowledged and stored. (On PostgreSQL the refused command's savepoint was still waiting to be sent when the
/// refusal dropped it, and rolling back to it failed the whole batch.)
/// </summary>
public sealed class RefusalInBatchTests
{
    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_refused_clock_advance_among_submissions_in_one_batch_fails_alone(string store)
    {
        await using var server = await RegulatorServer.StartAsync(store == "postgres" ? await TestStore.SchemaAsync("t_" + Guid.NewGuid().ToString("N")) : ":memory:");
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 71);
        await gateway.AdvanceClockAsync(TimeSpan.FromHours(1));

        List<Task<string>> submissions;
        Task<string> advance;
        await using (var hold = await server.HoldWriterAsync())
        {
            // Submissions, the advance, more submissions: queued behind the hold in that order, and taken as one batch.
            submissions = [.. Enumerable.Range(0, 20).Select(_ => Outcome(gateway.SubmitAsync(samples.Company())))];
            await hold.UntilQueuedAsync(20, Task.WhenAll(submissions));
            advance = Outcome(gateway.AdvanceClockToAsync(RegulatorServer.Start));
            await hold.UntilQueuedAsync(21, advance);
            submissions.AddRange(Enumerable.Range(0, 20).Select(_ => Outcome(gateway.SubmitAsync(samples.Company()))));
            await hold.UntilQueuedAsync(41, Task.WhenAll(submissions));
        }

        Assert.Equal("CLOCK_BACKWARDS", await advance);
        var outcomes = await Task.WhenAll(submissions);
        Assert.All(outcomes, o => Assert.StartsWith("ord-", o));
        foreach (var id in outcomes)
        {
            Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.GetFilingAsync(id)).Status);
        }
        Assert.Equal(RegulatorServer.Start.AddHours(1), (await gateway.GetClockAsync()).Now.ToDateTimeOffset());
    }

    /// <summary>The order's id, or the reason of the refusal (a field violation's own, if any).</summary>
    private static async Task<string> Outcome<T>(Task<T> call)
    {
        try
        {
            return await call switch
            {
                SubmitFilingResponse submitted => submitted.Order.OrderId,
                var other => other?.ToString() ?? "",
            };
        }
        catch (RegulatorCallException e)
        {
            return e.FieldProblems.FirstOrDefault()?.Reason ?? e.Reason;
        }
    }
}
