using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>Worlds: complete, independent regulators in one server, so parallel suites never see or disturb each other.</summary>
public sealed class WorldTests : ServerTest
{
    [Fact]
    public async Task Two_suites_in_parallel_each_move_their_own_clock_and_see_only_their_own_world()
    {
        var worlds = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            var world = await Gateway.CreateWorldAsync($"suite-{i}", seed: 1, clockStart: RegulatorServer.Start);
            var admin = Gateway.InWorld(world.WorldId);
            var key = await admin.CreateProviderKeyAsync($"provider-{i}");
            return admin.InWorld(world.WorldId, key.Key);
        }));

        var results = await Task.WhenAll(worlds.Select(async (gateway, i) =>
        {
            var filing = new SampleFilings(100 + i).Company();
            var order = await gateway.SubmitAndValidateAsync(filing);
            // Each suite moves its clock its own distance.
            await gateway.AdvanceClockAsync(TimeSpan.FromDays(30 + (10 * i)));
            return (Order: await gateway.GetFilingAsync(order.OrderId), Clock: await gateway.GetClockAsync(), Filing: filing);
        }));

        Assert.All(results, r => Assert.Equal(OrderStatus.Approved, r.Order.Status));
        Assert.Equal(TimeSpan.FromDays(10), results[1].Clock.Now.ToDateTimeOffset() - results[0].Clock.Now.ToDateTimeOffset());
        // Each world issues from the same seed and start: same order ids, each in its own registry.
        Assert.Equal(results[0].Order.OrderId, results[1].Order.OrderId);
        Assert.Empty((await worlds[0].QueryByDomainAsync(results[1].Filing.Services[0].Domains[0])).Filings);
        Assert.Single((await worlds[1].QueryByDomainAsync(results[1].Filing.Services[0].Domains[0])).Filings);
        // The default world neither moved nor saw anything.
        Assert.Equal(RegulatorServer.Start, (await Gateway.GetClockAsync()).Now.ToDateTimeOffset());
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        Assert.Empty((await Gateway.ListMessagesAsync()).Messages);
    }

    [Fact]
    public async Task A_world_is_listed_reset_and_deleted_and_its_keys_die_with_it()
    {
        await Gateway.CreateWorldAsync("temp", clockStart: RegulatorServer.Start);
        var admin = Gateway.InWorld("temp");
        var key = await admin.CreateProviderKeyAsync("temp-provider", "临时接入商", "zhejiang");
        var provider = admin.InWorld("temp", key.Key);
        Assert.Equal("zhejiang", key.Province);
        await provider.SubmitAsync(Samples.Company());
        Assert.Contains((await Gateway.ListWorldsAsync()).Worlds, w => w.WorldId == "temp");

        await admin.ResetAsync();
        Assert.Empty((await provider.ListFilingsAsync()).Orders);

        await Gateway.DeleteWorldAsync("temp");
        Assert.DoesNotContain((await Gateway.ListWorldsAsync()).Worlds, w => w.WorldId == "temp");
        await Assert.ThrowsAsync<AccessDeniedException>(() => provider.ListFilingsAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => admin.GetClockAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => admin.QueryByDomainAsync("example.cn"));
    }

    [Fact]
    public async Task World_ids_are_checked_and_the_default_world_stays()
    {
        Assert.Equal("world_id", Assert.Single((await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.CreateWorldAsync("Not Valid!"))).FieldProblems).Field);
        await Gateway.CreateWorldAsync("twice");
        Assert.Equal("WORLD_EXISTS", (await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.CreateWorldAsync("twice"))).Reason);
        await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.DeleteWorldAsync("default"));
        Assert.StartsWith("w-", (await Gateway.CreateWorldAsync()).WorldId);
    }

    [Fact]
    public async Task A_world_with_several_problems_hears_of_all_of_them_at_once()
    {
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.CreateWorldAsync("Not Valid!", clockStart: new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero), clockRate: -1));
        Assert.Equal(["world_id INVALID_FORMAT", "clock_start OUT_OF_RANGE", "clock_rate OUT_OF_RANGE"], e.FieldProblems.Select(p => $"{p.Field} {p.Reason}"));
    }

    [Fact]
    public async Task Twelve_creations_of_one_world_in_one_batch_give_one_world_and_eleven_already_exists()
    {
        var once = Server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var answers = await InOneBatchAsync(Enumerable.Range(0, 12).Select(_ => (Func<Task>)(() => once.CreateWorldAsync("race"))));

        Assert.Equal(1, answers.Count(s => s == StatusCode.OK));
        Assert.Equal(11, answers.Count(s => s == StatusCode.AlreadyExists));
        Assert.Single((await Gateway.ListWorldsAsync()).Worlds, w => w.WorldId == "race");
    }

    [Fact]
    public async Task Twelve_deletions_of_one_world_in_one_batch_give_one_deletion_and_eleven_not_found()
    {
        await Gateway.CreateWorldAsync("doomed");
        var once = Server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var answers = await InOneBatchAsync(Enumerable.Range(0, 12).Select(_ => (Func<Task>)(() => once.DeleteWorldAsync("doomed"))));

        Assert.Equal(1, answers.Count(s => s == StatusCode.OK));
        Assert.Equal(11, answers.Count(s => s == StatusCode.NotFound));
        Assert.DoesNotContain((await Gateway.ListWorldsAsync()).Worlds, w => w.WorldId == "doomed");
    }

    [Fact]
    public async Task Submissions_after_the_deletion_of_their_world_in_the_same_batch_find_no_world_and_file_nothing()
    {
        await Gateway.CreateWorldAsync("fleeting", clockStart: RegulatorServer.Start);
        var key = await Gateway.InWorld("fleeting").CreateProviderKeyAsync("fleeting-provider");
        var once = Server.Gateway(new GatewayOptions { World = "fleeting", ProviderKey = key.Key, MaxAttempts = 1 });
        var submit = (Func<Task>)(() => once.SubmitAsync(Samples.Company()));

        var answers = await InOneBatchAsync([submit, submit, () => Gateway.DeleteWorldAsync("fleeting"), submit, submit]);

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.NotFound, StatusCode.NotFound], answers);
        // Nothing was filed into the deleted world: the same provider in a new world of that id starts empty, and its
        // order ids go on after the two it had.
        await Gateway.CreateWorldAsync("fleeting", clockStart: RegulatorServer.Start);
        var again = Gateway.InWorld("fleeting", (await Gateway.InWorld("fleeting").CreateProviderKeyAsync("fleeting-provider")).Key);
        Assert.Empty((await again.ListFilingsAsync()).Orders);
        Assert.Equal("ord-00000003", (await again.SubmitAsync(Samples.Company())).Order.OrderId);
    }

    /// <summary>Starts the calls in turn, each once the one before waits for the writer, and lets them all go in one batch; returns their statuses.</summary>
    private async Task<StatusCode[]> InOneBatchAsync(IEnumerable<Func<Task>> calls)
    {
        var started = new List<Task<StatusCode>>();
        await using (var hold = await Server.HoldWriterAsync())
        {
            foreach (var call in calls)
            {
                started.Add(StatusOf(call));
                await hold.UntilQueuedAsync(started.Count, Task.WhenAny(started));
            }
        }
        return await Task.WhenAll(started);
    }

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RegulatorCallException e)
        {
            return e.StatusCode;
        }
    }

    [Fact]
    public async Task Two_providers_of_one_world_transfer_a_filing_and_each_sees_only_its_own_orders()
    {
        await Gateway.CreateWorldAsync("transfer", clockStart: RegulatorServer.Start);
        var admin = Gateway.InWorld("transfer");
        var a = admin.InWorld("transfer", (await admin.CreateProviderKeyAsync("host-a")).Key);
        var b = admin.InWorld("transfer", (await admin.CreateProviderKeyAsync("host-b")).Key);

        var filing = Samples.Company();
        var approved = await a.FileAsync(filing);
        var password = (await admin.InboxAsync(filing.Subject.Leader.Mobile)).Select(m => m.FilingPassword()).OfType<string>().Single();

        var determined = await b.DetermineFilingTypeAsync(13, filing.Subject.CertificateNumber, "zhejiang", filing.Services[0].Domains[0]);
        Assert.Equal(FilingType.AddAccess, determined.Type);
        var access = (await b.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddAccess,
            ServiceNumbers = { approved.ServiceNumbers[0].Number },
            FilingPassword = password,
        })).Order;
        await b.ValidateAllAsync(access, filing);
        Assert.Equal(OrderStatus.Approved, (await admin.ApproveAsync(access.OrderId)).Status);

        var cancel = (await a.SubmitAsync(new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { approved.ServiceNumbers[0].Number } })).Order;
        Assert.Equal(OrderStatus.Approved, (await admin.ApproveAsync(cancel.OrderId)).Status);

        var domain = filing.Services[0].Domains[0];
        Assert.Equal(FilingTypeVerdict.AlreadyHosted, (await b.DetermineFilingTypeAsync(13, filing.Subject.CertificateNumber, "zhejiang", domain)).Verdict);
        Assert.Equal(FilingTypeVerdict.Filable, (await a.DetermineFilingTypeAsync(13, filing.Subject.CertificateNumber, "zhejiang", domain)).Verdict);
        Assert.All((await b.ListFilingsAsync()).Orders, o => Assert.Equal("host-b", o.ProviderId));
        await Assert.ThrowsAsync<NotFoundException>(() => b.GetFilingAsync(approved.OrderId));
    }
}
