using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>Nothing acknowledged is lost: a restart on the same file keeps every order, code, deadline and number.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-restart-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_restart_keeps_orders_codes_deadlines_numbers_and_idempotency_keys()
    {
        var samples = new SampleFilings();
        var pending = samples.Company();
        var filed = samples.Company();
        var admin = pending.Services[0].Administrator;
        var submit = new SubmitFilingRequest { IdempotencyKey = "before-restart", Filing = pending };
        string pendingId, adminCode, filedNumber;
        Clock clockBefore;

        await using (var first = await RegulatorServer.StartAsync(path))
        {
            var gateway = first.Gateway();
            filedNumber = (await gateway.FileAsync(filed)).SubjectNumber;
            pendingId = (await gateway.SubmitAsync(submit)).Order.OrderId;
            await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
            var leader = pending.Subject.Leader;
            await gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), await gateway.LatestCodeAsync(leader.Mobile));
            adminCode = await gateway.LatestCodeAsync(admin.Mobile);
            clockBefore = await gateway.GetClockAsync();
        }

        await using var second = await RegulatorServer.StartAsync(path);
        var again = second.Gateway();
        Assert.Equal(clockBefore.Now, (await again.GetClockAsync()).Now);
        Assert.True((await again.SubmitAsync(submit)).Replayed);
        var order = await again.GetFilingAsync(pendingId);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        Assert.Equal(SmsValidationState.Complete, order.SmsValidations.Single(v => v.Mobile == pending.Subject.Leader.Mobile).State);

        // The code issued before the restart still validates: its hash and the hash key survived.
        Assert.Equal(ValidateOutcome.Complete, (await again.ValidateCodeAsync(admin.Mobile, admin.Suffix(), adminCode)).Outcome);
        await again.AdvanceClockAsync(TimeSpan.FromDays(30));
        var approved = await again.GetFilingAsync(pendingId);
        Assert.Equal(OrderStatus.Approved, approved.Status);
        Assert.NotEqual(filedNumber, approved.SubjectNumber);
        Assert.Single((await again.QueryByIcpNumberAsync(filedNumber)).Filings);
    }

    [Fact]
    public async Task Order_ids_and_outbox_numbers_go_on_after_a_restart_from_the_rows_they_numbered()
    {
        var samples = new SampleFilings();
        string lastId;
        long lastMessage;
        await using (var first = await RegulatorServer.StartAsync(path))
        {
            var gateway = first.Gateway();
            await gateway.FileAsync(samples.Company());
            lastId = (await gateway.SubmitAsync(new SubmitFilingRequest { Filing = samples.Company() })).Order.OrderId;
            lastMessage = await LastMessageAsync(gateway);
            Assert.True(lastMessage > 0);
        }

        await using var second = await RegulatorServer.StartAsync(path);
        var again = second.Gateway();
        var next = (await again.SubmitAsync(new SubmitFilingRequest { Filing = samples.Company() })).Order.OrderId;
        Assert.True(string.CompareOrdinal(next, lastId) > 0, $"{next} after {lastId}");
        await again.FileAsync(samples.Company());
        var messages = new List<long>();
        await foreach (var m in again.AllMessagesAsync(lastMessage))
        {
            messages.Add(m.Sequence);
        }
        Assert.NotEmpty(messages);
        Assert.Equal(lastMessage + 1, messages[0]);
    }

    private static async Task<long> LastMessageAsync(ProviderGatewayClient gateway)
    {
        long last = 0;
        await foreach (var m in gateway.AllMessagesAsync(0))
        {
            last = m.Sequence;
        }
        return last;
    }

    [Fact]
    public async Task A_deadline_that_passes_while_the_server_is_down_is_applied_when_it_starts_again()
    {
        var filing = new SampleFilings().Company();
        // A running clock at a simulated day per ten real seconds, on a real time that passes only when the test moves it.
        var clock = new FakeClock();
        string[] fast = ["--clock-start", "now", "--clock-rate", "8640"];
        string orderId;
        await using (var first = await RegulatorServer.StartAsync(clock, path, fast))
        {
            orderId = (await first.Gateway().SubmitAsync(filing)).Order.OrderId;
            Assert.Equal(OrderStatus.AwaitingSmsValidation, (await first.Gateway().GetFilingAsync(orderId)).Status);
        }

        // Eleven real seconds while no server runs: the codes fall due five simulated minutes in, their 24 hours end
        // about ten real seconds in.
        clock.Advance(TimeSpan.FromSeconds(11));

        await using var second = await RegulatorServer.StartAsync(clock, path, fast);
        var gateway = second.Gateway();
        var returned = await Streams.FirstAsync(gateway.WatchFilingsAsync(), e => e.Kind == OrderEventKind.Returned);
        Assert.Equal(orderId, returned.OrderId);
        Assert.Equal(OrderStatus.Returned, (await gateway.GetFilingAsync(orderId)).Status);
        Assert.Contains(await gateway.InboxAsync(filing.Subject.Leader.Mobile), m => m.VerificationCode() is not null);
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }
}
