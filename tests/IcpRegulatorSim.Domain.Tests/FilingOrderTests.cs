using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class FilingOrderTests
{
    private static readonly DateTimeOffset Now = Samples.MondayMorning;

    [Fact]
    public void Submitted_order_awaits_SMS_validation_with_codes_due_in_five_minutes()
    {
        var order = Orders.Submit(TestRules.Load(), Samples.InitialFiling(), Now);

        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        Assert.Equal(Now, order.SubmittedAt);
        Assert.Equal(2, order.Validations.Count);
        Assert.All(order.Validations, v => Assert.Equal(SmsValidationState.Scheduled, v.State));
        Assert.Equal(
            [
                new Deadline(DeadlineKind.SendCode, Now.AddMinutes(5), 0),
                new Deadline(DeadlineKind.SendCode, Now.AddMinutes(5), 1),
                new Deadline(DeadlineKind.ExpireValidation, Now.AddMinutes(5).AddHours(24)),
            ],
            order.Deadlines());
    }

    [Fact]
    public void Validation_deadline_is_24_hours_after_the_codes_are_due()
    {
        var order = Orders.Submit(TestRules.Load(), Samples.InitialFiling(), Now);

        Assert.Equal(Now + TimeSpan.FromMinutes(5) + TimeSpan.FromHours(24), order.ValidationDeadline);
    }

    [Fact]
    public void Submission_is_recorded_as_an_event()
    {
        var order = Orders.Submit(TestRules.Load(), Samples.InitialFiling(), Now);

        var submitted = Assert.Single(order.NewEvents);
        Assert.Equal(new OrderEvent(OrderEventKind.Submitted, Now, OrderStatus.AwaitingSmsValidation), submitted);
        Assert.Empty(order.NewMessages);
    }

    [Fact]
    public void Order_without_SMS_validation_goes_straight_to_review()
    {
        // Beijing was not a pilot province in 2018: no codes, the administration reviews at once.
        var rules = TestRules.Load(TestRules.Pilot2018);

        var order = Orders.Submit(rules, Samples.InitialFiling("beijing"), Now);

        Assert.Equal(OrderStatus.UnderReview, order.Status);
        Assert.Empty(order.Validations);
        Assert.Null(order.ValidationDeadline);
        Assert.Equal(Orders.Planner(rules).DueAt(order.OrderId, Now), order.ReviewDueAt);
        Assert.Equal([new Deadline(DeadlineKind.ReviewDecision, order.ReviewDueAt!.Value)], order.Deadlines());
        Assert.Equal([OrderEventKind.Submitted, OrderEventKind.UnderReview], order.NewEvents.Select(e => e.Kind));
    }

    [Theory]
    [InlineData("13800138000", "106575000130", "china-mobile")]
    [InlineData("13481234567", "106575000130", "china-mobile")]
    [InlineData("13012345678", "10655113", "china-unicom")]
    [InlineData("18912345678", "106598051001", "china-telecom")]
    [InlineData("13491234567", "106598051001", "china-telecom")] // 1349 is Telecom inside Mobile's 134
    [InlineData("17012345678", "12381", "virtual")]
    public void Code_SMS_comes_from_the_carriers_sender_number(string mobile, string sender, string carrier)
    {
        var rules = TestRules.Load();
        var filing = new Filing(
            Samples.Company() with { Leader = Samples.Leader() with { Mobile = mobile } },
            [Samples.Website(administrator: Samples.Leader() with { Mobile = mobile })]);
        var order = Orders.Submit(rules, filing, Now);
        var codes = new FakeSmsCodes();

        order.SendCode(0, codes, Now.AddMinutes(5), rules);

        var sms = Assert.Single(order.NewMessages);
        Assert.Equal(MessageChannel.Sms, sms.Channel);
        Assert.Equal(mobile, sms.Recipient);
        Assert.Equal(sender, sms.Sender);
        Assert.Equal(carrier, sms.Carrier);
    }

    [Fact]
    public void Code_SMS_carries_the_code_and_the_Beijing_deadline()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);
        var codes = new FakeSmsCodes();

        order.SendCode(1, codes, Now.AddMinutes(5), rules);

        var sms = Assert.Single(order.NewMessages);
        Assert.Equal(Samples.ChinaUnicom, sms.Recipient);
        Assert.Contains(codes.Last, sms.Body);
        Assert.Contains("2025-03-04 10:05", sms.Body);
        // Only a hash of the code is kept on the order.
        Assert.Equal(SmsValidationState.Pending, order.Validations[1].State);
        Assert.Equal(SmsValidationState.Scheduled, order.Validations[0].State);
        Assert.DoesNotContain(codes.Last, System.Text.Json.JsonSerializer.Serialize(order));
        Assert.Equal(OrderEventKind.CodeSent, order.NewEvents[^1].Kind);
        Assert.Equal(Samples.ChinaUnicom, order.NewEvents[^1].Mobile);
    }

    [Fact]
    public void Sent_code_is_no_longer_a_deadline()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);

        order.SendCode(0, new FakeSmsCodes(), Now.AddMinutes(5), rules);

        Assert.Equal(
            [
                new Deadline(DeadlineKind.SendCode, Now.AddMinutes(5), 1),
                new Deadline(DeadlineKind.ExpireValidation, Now.AddMinutes(5).AddHours(24)),
            ],
            order.Deadlines());
    }

    [Fact]
    public void Sending_the_first_code_twice_is_an_illegal_transition()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);
        order.SendCode(0, new FakeSmsCodes(), Now.AddMinutes(5), rules);

        var error = Assert.Throws<RegulatorException>(() => order.SendCode(0, new FakeSmsCodes(), Now.AddMinutes(6), rules));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
    }

    [Fact]
    public void Expired_validation_returns_the_order()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);
        Orders.SendAllCodes(order, new FakeSmsCodes(), rules);
        var deadline = order.ValidationDeadline!.Value;

        order.ExpireValidation(deadline, rules);

        Assert.Equal(OrderStatus.Returned, order.Status);
        Assert.Equal("SMS_VALIDATION_EXPIRED", order.Decision?.ReasonCode);
        Assert.Equal(deadline, order.Decision?.DecidedAt);
        Assert.All(order.Validations, v => Assert.Equal(SmsValidationState.Closed, v.State));
        Assert.Empty(order.Deadlines());
        Assert.Equal(OrderEventKind.Returned, order.NewEvents[^1].Kind);
        // The leader learns of it by SMS and email.
        Assert.Contains(order.NewMessages, m => m.Channel == MessageChannel.Sms && m.Recipient == Samples.ChinaMobile && m.Body.Contains(order.OrderId));
        Assert.Contains(order.NewMessages, m => m.Channel == MessageChannel.Email && m.Recipient == "zhangsan@example.cn");
    }

    [Fact]
    public void Provider_can_withdraw_an_order_awaiting_validation()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);

        order.Withdraw(Now.AddHours(1), rules);

        Assert.Equal(OrderStatus.Withdrawn, order.Status);
        Assert.Equal("WITHDRAWN_BY_PROVIDER", order.Decision?.ReasonCode);
        Assert.Equal(Orders.ProviderId, order.Decision?.Reviewer);
        Assert.All(order.Validations, v => Assert.Equal(SmsValidationState.Closed, v.State));
        Assert.Empty(order.Deadlines());
        Assert.Equal(OrderEventKind.Withdrawn, order.NewEvents[^1].Kind);
    }

    [Fact]
    public void Provider_can_withdraw_an_order_under_review()
    {
        var rules = TestRules.Load();
        var order = Orders.UnderReview(rules, Samples.InitialFiling(), Now);

        order.Withdraw(Now.AddDays(1), rules);

        Assert.Equal(OrderStatus.Withdrawn, order.Status);
        Assert.Empty(order.Deadlines());
    }

    [Fact]
    public void Under_review_order_has_only_the_review_decision_ahead()
    {
        var order = Orders.UnderReview(TestRules.Load(), Samples.InitialFiling(), Now);

        Assert.Equal([new Deadline(DeadlineKind.ReviewDecision, order.ReviewDueAt!.Value)], order.Deadlines());
        Assert.All(order.Validations, v => Assert.Equal(SmsValidationState.Complete, v.State));
    }

    [Fact]
    public void Clearing_new_changes_forgets_events_and_messages_but_not_state()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);
        Orders.SendAllCodes(order, new FakeSmsCodes(), rules);

        order.ClearNewChanges();

        Assert.Empty(order.NewEvents);
        Assert.Empty(order.NewMessages);
        Assert.All(order.Validations, v => Assert.Equal(SmsValidationState.Pending, v.State));
    }

    [Fact]
    public void Approving_an_order_awaiting_validation_is_illegal()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);
        var decision = DecisionReasons.Approved(Now, "reviewer", "");

        var error = Assert.Throws<RegulatorException>(() => order.Approve(decision, "浙ICP备2025000001号", ["浙ICP备2025000001号-1"], null, rules));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
        Assert.Equal("ORDER_STATUS", Assert.Single(error.PreconditionViolations).Type);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        Assert.Null(order.SubjectNumber);
    }

    [Fact]
    public void Rejecting_an_order_awaiting_validation_is_illegal()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);

        var error = Assert.Throws<RegulatorException>(() => order.Reject(DecisionReasons.Rejected(Now, "reviewer", "no"), rules));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    [Fact]
    public void Expiring_validation_of_an_order_under_review_is_illegal()
    {
        var rules = TestRules.Load();
        var order = Orders.UnderReview(rules, Samples.InitialFiling(), Now);

        var error = Assert.Throws<RegulatorException>(() => order.ExpireValidation(Now.AddDays(2), rules));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
        Assert.Equal(OrderStatus.UnderReview, order.Status);
    }

    [Fact]
    public void Withdrawing_an_approved_order_is_illegal()
    {
        var rules = TestRules.Load();
        var order = Orders.UnderReview(rules, Samples.InitialFiling(), Now);
        order.Approve(DecisionReasons.Approved(Now.AddDays(4), "reviewer", ""), "浙ICP备2025000001号", ["浙ICP备2025000001号-1"], null, rules);

        var error = Assert.Throws<RegulatorException>(() => order.Withdraw(Now.AddDays(5), rules));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
        Assert.Equal(OrderStatus.Approved, order.Status);
    }

    [Fact]
    public void Withdrawing_twice_is_illegal()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);
        order.Withdraw(Now.AddMinutes(1), rules);

        var error = Assert.Throws<RegulatorException>(() => order.Withdraw(Now.AddMinutes(2), rules));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
    }

    [Fact]
    public void Sending_a_code_for_a_withdrawn_order_is_illegal()
    {
        var rules = TestRules.Load();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);
        order.Withdraw(Now.AddMinutes(1), rules);

        var error = Assert.Throws<RegulatorException>(() => order.SendCode(0, new FakeSmsCodes(), Now.AddMinutes(5), rules));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
    }

    [Fact]
    public void Rejection_under_review_tells_the_leader_why()
    {
        var rules = TestRules.Load();
        var order = Orders.UnderReview(rules, Samples.InitialFiling(), Now);
        order.ClearNewChanges();

        order.Reject(DecisionReasons.Rejected(Now.AddDays(3), "审核员甲", "网站名称不符合要求。"), rules);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal(1002, order.Decision?.NumericCode);
        Assert.Contains(order.NewMessages, m => m.Recipient == Samples.ChinaMobile && m.Body.Contains("网站名称不符合要求。"));
    }
}
