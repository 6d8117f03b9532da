using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>The administration's review: by staff through ReviewService, or on its own when the review time is up.</summary>
public sealed class ReviewTests : ServerTest
{
    [Fact]
    public async Task A_decision_with_several_problems_hears_of_all_of_them_at_once()
    {
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.RejectAsync(" ", "", new string('审', 101)));
        Assert.Equal(["order_id REQUIRED", "reviewer TOO_LONG", "reason REQUIRED"], e.FieldProblems.Select(p => $"{p.Field} {p.Reason}"));
        var approval = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.ApproveAsync("", opinion: new string('好', 501)));
        Assert.Equal(["order_id REQUIRED", "opinion TOO_LONG"], approval.FieldProblems.Select(p => $"{p.Field} {p.Reason}"));
    }

    [Fact]
    public async Task Staff_see_orders_under_review_with_the_date_the_administration_would_decide()
    {
        var zhejiang = await Gateway.SubmitAndValidateAsync(Samples.Company("zhejiang"));
        var beijing = await Gateway.SubmitAndValidateAsync(Samples.Individual("beijing"));
        await Gateway.SubmitAsync(Samples.Company("zhejiang"));

        var all = (await Gateway.ListPendingReviewsAsync()).Reviews;
        Assert.Equal([zhejiang.OrderId, beijing.OrderId], all.Select(r => r.Order.OrderId));
        var only = Assert.Single((await Gateway.ListPendingReviewsAsync(province: "浙")).Reviews);
        Assert.Equal(zhejiang.OrderId, only.Order.OrderId);
        var due = only.DueAt.ToDateTimeOffset();
        Assert.InRange(due, RegulatorServer.Start.AddDays(3), RegulatorServer.Start.AddDays(29));
    }

    [Fact]
    public async Task The_administration_decides_on_its_own_exactly_when_the_review_time_is_up()
    {
        var order = await Gateway.SubmitAndValidateAsync(Samples.Company());
        var due = Assert.Single((await Gateway.ListPendingReviewsAsync()).Reviews).DueAt.ToDateTimeOffset();

        await Gateway.AdvanceClockToAsync(due.AddSeconds(-1));
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        await Gateway.AdvanceClockToAsync(due);
        var decided = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Approved, decided.Status);
        Assert.Equal(due, decided.Decision.DecidedAt.ToDateTimeOffset());
        // Working days only: the decision never falls on a weekend.
        Assert.DoesNotContain(due.ToOffset(TimeSpan.FromHours(8)).DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
    }

    [Fact]
    public async Task Review_times_replay_for_the_same_seed()
    {
        var filing = new SampleFilings(7).Company();
        await using var other = await RegulatorServer.StartAsync();
        var first = await Gateway.SubmitAndValidateAsync(filing);
        var second = await other.Gateway().SubmitAndValidateAsync(filing);
        Assert.Equal(first.OrderId, second.OrderId);
        Assert.Equal(
            Assert.Single((await Gateway.ListPendingReviewsAsync()).Reviews).DueAt,
            Assert.Single((await other.Gateway().ListPendingReviewsAsync()).Reviews).DueAt);
    }

    [Fact]
    public async Task Staff_rejection_carries_the_reason_and_frees_the_subject_to_file_again()
    {
        var filing = Samples.Company();
        var order = await Gateway.SubmitAndValidateAsync(filing);

        var rejected = await Gateway.RejectAsync(order.OrderId, "网站名称与主办单位不符", reviewer: "审核员甲");
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal("REVIEW_REJECTED", rejected.Decision.ReasonCode);
        Assert.Equal(1002, rejected.Decision.NumericCode);
        Assert.Equal("网站名称与主办单位不符", rejected.Decision.Reason.Zh);
        Assert.Equal("审核员甲", rejected.Decision.Reviewer);
        Assert.Contains(await Gateway.InboxAsync(filing.Subject.Leader.Mobile), m => m.Body.Contains("网站名称与主办单位不符"));

        // A returned order can be corrected and submitted again.
        filing.Services[0].Name = filing.Subject.Name + "官网";
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(filing)).Order.Status);
    }

    [Fact]
    public async Task A_rejection_without_a_reason_is_invalid_and_an_undecidable_order_is_refused()
    {
        var order = await Gateway.SubmitAndValidateAsync(Samples.Company());
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.RejectAsync(order.OrderId, " "));
        Assert.Equal("reason", Assert.Single(invalid.FieldProblems).Field);

        var awaiting = (await Gateway.SubmitAsync(Samples.Company())).Order;
        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.ApproveAsync(awaiting.OrderId));
        Assert.Equal("ILLEGAL_TRANSITION", refused.Reason);
        // The status as the contract names it, in the details and in the texts.
        Assert.Equal(("ORDER_STATUS", "ORDER_STATUS_AWAITING_SMS_VALIDATION"), (refused.PreconditionProblems[0].Type, refused.PreconditionProblems[0].Subject));
        Assert.EndsWith("(ORDER_STATUS_AWAITING_SMS_VALIDATION → approved)", refused.Message);
        Assert.EndsWith("（ORDER_STATUS_AWAITING_SMS_VALIDATION → approved）", refused.MessageZh);
        Assert.Equal("An order that is ORDER_STATUS_AWAITING_SMS_VALIDATION cannot be approved.", refused.PreconditionProblems[0].Description);
        await Assert.ThrowsAsync<NotFoundException>(() => Gateway.ApproveAsync("ord-99999999"));

        await Gateway.ApproveAsync(order.OrderId);
        Assert.Equal("ILLEGAL_TRANSITION", (await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.RejectAsync(order.OrderId, "late"))).Reason);
    }

    [Theory]
    [InlineData(OrderStatus.Approved, "ORDER_STATUS_APPROVED")]
    [InlineData(OrderStatus.Rejected, "ORDER_STATUS_REJECTED")]
    [InlineData(OrderStatus.Withdrawn, "ORDER_STATUS_WITHDRAWN")]
    public async Task An_order_that_has_ended_is_neither_approved_nor_rejected_and_both_say_it_is_an_illegal_transition(OrderStatus end, string named)
    {
        var order = await EndedOrderAsync(end);
        var before = await Gateway.GetFilingAsync(order.OrderId);

        var approve = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.ApproveAsync(order.OrderId));
        var reject = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.RejectAsync(order.OrderId, "again"));

        foreach (var (refused, action) in new[] { (approve, "approved"), (reject, "rejected") })
        {
            Assert.Equal("ILLEGAL_TRANSITION", refused.Reason);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Equal(("ORDER_STATUS", named), (refused.PreconditionProblems[0].Type, refused.PreconditionProblems[0].Subject));
            Assert.EndsWith($"({named} → {action})", refused.Message);
        }
        Assert.Equal(before, await Gateway.GetFilingAsync(order.OrderId));
    }

    [Fact]
    public async Task An_approved_cancellation_of_a_subject_is_not_approved_again()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var cancel = await Gateway.FileOrderAsync(
            new SubmitFilingRequest { Type = FilingType.CancelSubject, SubjectNumber = filed.SubjectNumber, FilingPassword = filed.Password }, filed.Leader);
        Assert.Equal(OrderStatus.Approved, cancel.Status);

        // The subject it cancelled is gone from the registry: the order's status is what refuses it, not the registry.
        var again = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.ApproveAsync(cancel.OrderId));
        Assert.Equal("ILLEGAL_TRANSITION", again.Reason);
        Assert.Equal("ORDER_STATUS_APPROVED", again.PreconditionProblems[0].Subject);
    }

    private async Task<FilingOrder> EndedOrderAsync(OrderStatus end)
    {
        switch (end)
        {
            case OrderStatus.Approved:
                return await Gateway.FileAsync(Samples.Company());
            case OrderStatus.Rejected:
                var rejected = await Gateway.RejectAsync((await Gateway.SubmitAndValidateAsync(Samples.Company())).OrderId, "网站名称与主办单位不符");
                Assert.Equal(OrderStatus.Rejected, rejected.Status);
                return rejected;
            default:
                var withdrawn = await Gateway.WithdrawAsync((await Gateway.SubmitAsync(Samples.Company())).Order.OrderId);
                Assert.Equal(OrderStatus.Withdrawn, withdrawn.Status);
                return withdrawn;
        }
    }

    [Fact]
    public async Task Review_and_sandbox_calls_need_the_admin_key()
    {
        var provider = Server.Gateway(new GatewayOptions { AdminKey = GatewayOptions.SandboxProviderKey });
        await Assert.ThrowsAsync<AccessDeniedException>(() => provider.ListPendingReviewsAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => provider.AdvanceClockAsync(TimeSpan.FromDays(1)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => provider.ListMessagesAsync());
    }
}
