using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class ValidationPageTests
{
    private static readonly DateTimeOffset Now = Samples.MondayMorning;
    private static readonly DateTimeOffset CodesSent = Now.AddMinutes(5);
    private static readonly DateTimeOffset Later = Now.AddMinutes(20);

    private const string LeaderSuffix = "071238";
    private const string AdministratorSuffix = "31002X";

    /// <summary>An INITIAL website filing in Zhejiang whose two codes (leader, administrator) have been sent.</summary>
    private static (FilingOrder Order, FakeSmsCodes Codes, RuleBook Rules) OrderWithCodesSent(string orderId = "order-1")
    {
        var rules = TestRules.Load();
        var codes = new FakeSmsCodes();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now, orderId);
        Orders.SendAllCodes(order, codes, rules);
        return (order, codes, rules);
    }

    private static ValidateOutcome Validate(
        FilingOrder order, string mobile, string suffix, string code, ISmsCodes codes, RuleBook rules, DateTimeOffset? at = null) =>
        ValidationPage.Validate([order], mobile, suffix, code, codes, at ?? Later, rules, Orders.Planner(rules)).Outcome;

    private static ResendOutcome Resend(FilingOrder order, string mobile, string suffix, ISmsCodes codes, RuleBook rules, bool known = true) =>
        ValidationPage.Resend(known, [order], mobile, suffix, codes, Later, rules);

    [Fact]
    public void First_of_two_people_validating_waits_for_the_other()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules);

        Assert.Equal(ValidateOutcome.WaitingForOthers, outcome);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        Assert.Equal(SmsValidationState.Complete, order.Validations[0].State);
        Assert.Equal(SmsValidationState.Pending, order.Validations[1].State);
    }

    [Fact]
    public void Last_person_validating_completes_and_sends_the_order_to_review()
    {
        var (order, codes, rules) = OrderWithCodesSent();
        Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules);

        var outcome = Validate(order, Samples.ChinaUnicom, AdministratorSuffix, codes.Issued[1], codes, rules);

        Assert.Equal(ValidateOutcome.Complete, outcome);
        Assert.Equal(OrderStatus.UnderReview, order.Status);
        Assert.Equal(Orders.Planner(rules).DueAt(order.OrderId, Later), order.ReviewDueAt);
        Assert.Equal(
            [OrderEventKind.Submitted, OrderEventKind.CodeSent, OrderEventKind.CodeSent, OrderEventKind.Validated, OrderEventKind.Validated, OrderEventKind.UnderReview],
            order.NewEvents.Select(e => e.Kind));
    }

    [Fact]
    public void Certificate_suffix_is_matched_regardless_of_case()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        var outcome = Validate(order, Samples.ChinaUnicom, "31002x", codes.Issued[1], codes, rules);

        Assert.Equal(ValidateOutcome.WaitingForOthers, outcome);
    }

    [Fact]
    public void One_shared_mobile_validates_for_both_roles_at_once()
    {
        var rules = TestRules.Load();
        var codes = new FakeSmsCodes();
        var filing = new Filing(Samples.Company(), [Samples.Website(administrator: Samples.Leader())]);
        var order = Orders.Submit(rules, filing, Now);
        Orders.SendAllCodes(order, codes, rules);

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Last, codes, rules);

        Assert.Single(codes.Issued);
        Assert.Equal(ValidateOutcome.Complete, outcome);
        Assert.Equal(OrderStatus.UnderReview, order.Status);
    }

    [Fact]
    public void Wrong_code_fails_and_counts_as_an_attempt()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, FakeSmsCodes.NeverIssued, codes, rules);

        Assert.Equal(ValidateOutcome.Failed, outcome);
        Assert.Equal(1, order.Validations[0].ConsecutiveFailures);
        Assert.Equal(0, order.Validations[1].ConsecutiveFailures);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    [Fact]
    public void Another_persons_code_does_not_validate()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[1], codes, rules);

        Assert.Equal(ValidateOutcome.Failed, outcome);
    }

    [Fact]
    public void Unknown_mobile_is_not_found_and_counts_for_nothing()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        var outcome = Validate(order, "13900139000", LeaderSuffix, codes.Issued[0], codes, rules);

        Assert.Equal(ValidateOutcome.NotFound, outcome);
        Assert.All(order.Validations, v => Assert.Equal(0, v.ConsecutiveFailures));
    }

    [Fact]
    public void Wrong_certificate_suffix_is_not_found_and_counts_for_nothing()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        var outcome = Validate(order, Samples.ChinaMobile, "000000", FakeSmsCodes.NeverIssued, codes, rules);

        Assert.Equal(ValidateOutcome.NotFound, outcome);
        Assert.All(order.Validations, v => Assert.Equal(0, v.ConsecutiveFailures));
    }

    [Fact]
    public void Validating_before_the_code_is_sent_is_not_found()
    {
        var rules = TestRules.Load();
        var codes = new FakeSmsCodes();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, "100001", codes, rules, Now.AddMinutes(1));

        Assert.Equal(ValidateOutcome.NotFound, outcome);
    }

    [Fact]
    public void Validating_after_the_deadline_is_not_found_even_with_the_right_code()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules, order.ValidationDeadline!.Value);

        Assert.Equal(ValidateOutcome.NotFound, outcome);
        Assert.Equal(SmsValidationState.Pending, order.Validations[0].State);
    }

    [Fact]
    public void Validating_a_second_time_is_not_found()
    {
        var (order, codes, rules) = OrderWithCodesSent();
        Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules);

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules);

        Assert.Equal(ValidateOutcome.NotFound, outcome);
    }

    [Fact]
    public void Validating_a_returned_order_is_not_found()
    {
        var (order, codes, rules) = OrderWithCodesSent();
        order.ExpireValidation(order.ValidationDeadline!.Value, rules);

        var outcome = Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules);

        Assert.Equal(ValidateOutcome.NotFound, outcome);
    }

    [Fact]
    public void Fourth_wrong_code_leaves_the_order_open()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ValidateOutcome.Failed, Validate(order, Samples.ChinaMobile, LeaderSuffix, FakeSmsCodes.NeverIssued, codes, rules));
        }

        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        Assert.Equal(ValidateOutcome.WaitingForOthers, Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules));
    }

    [Fact]
    public void Fifth_wrong_code_rejects_the_order()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ValidateOutcome.Failed, Validate(order, Samples.ChinaMobile, LeaderSuffix, FakeSmsCodes.NeverIssued, codes, rules));
        }

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal("SMS_VALIDATION_FAILED", order.Decision?.ReasonCode);
        Assert.Equal(1002, order.Decision?.NumericCode);
        Assert.All(order.Validations, v => Assert.Equal(SmsValidationState.Closed, v.State));
        Assert.Empty(order.Deadlines());
        Assert.Equal(ValidateOutcome.NotFound, Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules));
    }

    [Fact]
    public void The_fifth_wrong_code_answers_failed_and_says_the_order_was_rejected_and_why()
    {
        var (order, codes, rules) = OrderWithCodesSent();
        var attempts = Enumerable.Range(0, 5)
            .Select(_ => ValidationPage.Validate([order], Samples.ChinaMobile, LeaderSuffix, FakeSmsCodes.NeverIssued, codes, Later, rules, Orders.Planner(rules)))
            .ToList();

        Assert.All(attempts, a => Assert.Equal((ValidateOutcome.Failed, PageMessages.For(ValidateOutcome.Failed)), (a.Outcome, a.Message)));
        Assert.Equal([false, false, false, false, true], attempts.Select(a => a.OrderRejected));
        Assert.All(attempts.Take(4), a => Assert.Null(a.Notice));
        var attempt = attempts[4];
        Assert.Equal([order.Decision!], attempt.Ended);
        Assert.Equal(PageMessages.Rejected(order.Decision!), attempt.Notice);
        Assert.Contains("短信核验连续5次失败", attempt.Notice!.Zh, StringComparison.Ordinal);
        Assert.Contains("SMS validation failed 5 times in a row", attempt.Notice.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_are_counted_per_person()
    {
        // Three failures for the leader and two for the administrator are no one's five in a row.
        var (order, codes, rules) = OrderWithCodesSent();

        for (var i = 0; i < 3; i++)
        {
            Validate(order, Samples.ChinaMobile, LeaderSuffix, FakeSmsCodes.NeverIssued, codes, rules);
        }
        for (var i = 0; i < 2; i++)
        {
            Validate(order, Samples.ChinaUnicom, AdministratorSuffix, FakeSmsCodes.NeverIssued, codes, rules);
        }

        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    [Fact]
    public void Resend_issues_a_new_code_that_replaces_the_old_one()
    {
        var (order, codes, rules) = OrderWithCodesSent();
        var oldCode = codes.Issued[0];
        var deadline = order.ValidationDeadline;
        order.ClearNewChanges();

        var outcome = Resend(order, Samples.ChinaMobile, LeaderSuffix, codes, rules);

        Assert.Equal(ResendOutcome.Resent, outcome);
        var sms = Assert.Single(order.NewMessages);
        Assert.Equal(Samples.ChinaMobile, sms.Recipient);
        Assert.Contains(codes.Last, sms.Body);
        Assert.Equal(OrderEventKind.CodeResent, Assert.Single(order.NewEvents).Kind);
        // A resend does not extend the 24 hours.
        Assert.Equal(deadline, order.ValidationDeadline);
        Assert.Equal(ValidateOutcome.Failed, Validate(order, Samples.ChinaMobile, LeaderSuffix, oldCode, codes, rules));
        Assert.Equal(ValidateOutcome.WaitingForOthers, Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Last, codes, rules));
    }

    [Fact]
    public void Third_resend_reaches_the_limit()
    {
        var (order, codes, rules) = OrderWithCodesSent();

        Assert.Equal(ResendOutcome.Resent, Resend(order, Samples.ChinaMobile, LeaderSuffix, codes, rules));
        Assert.Equal(ResendOutcome.Resent, Resend(order, Samples.ChinaMobile, LeaderSuffix, codes, rules));
        var issuedBefore = codes.Issued.Count;

        Assert.Equal(ResendOutcome.LimitReached, Resend(order, Samples.ChinaMobile, LeaderSuffix, codes, rules));
        Assert.Equal(issuedBefore, codes.Issued.Count);
        // The limit is per person: the administrator still has both resends.
        Assert.Equal(ResendOutcome.Resent, Resend(order, Samples.ChinaUnicom, AdministratorSuffix, codes, rules));
    }

    [Fact]
    public void Resend_for_someone_unknown_is_not_found() =>
        Assert.Equal(ResendOutcome.NotFound, Resend(OrderWithCodesSent().Order, "13900139000", "123456", new FakeSmsCodes(), TestRules.Load(), known: false));

    [Fact]
    public void Resend_for_someone_known_with_nothing_pending_is_no_pending()
    {
        var (order, codes, rules) = OrderWithCodesSent();
        Validate(order, Samples.ChinaMobile, LeaderSuffix, codes.Issued[0], codes, rules);

        var outcome = Resend(order, Samples.ChinaMobile, LeaderSuffix, codes, rules, known: true);

        Assert.Equal(ResendOutcome.NoPending, outcome);
    }

    [Fact]
    public void Resend_before_the_first_code_is_no_pending()
    {
        var rules = TestRules.Load();
        var codes = new FakeSmsCodes();
        var order = Orders.Submit(rules, Samples.InitialFiling(), Now);

        var outcome = ValidationPage.Resend(true, [order], Samples.ChinaMobile, LeaderSuffix, codes, Now.AddMinutes(1), rules);

        Assert.Equal(ResendOutcome.NoPending, outcome);
        Assert.Empty(codes.Issued);
    }

    [Fact]
    public void One_administrator_validates_codes_of_two_orders_at_once()
    {
        // One administrator runs websites for two subjects: the page acts on every order with a code for them.
        var rules = TestRules.Load();
        var codes = new FakeSmsCodes();
        var first = Orders.Submit(rules, Samples.InitialFiling(), Now, "order-a");
        var otherSubject = Samples.Company() with { CertificateNumber = "91350100M000100Y43", Leader = Samples.SecondAdministrator() };
        var second = Orders.Submit(rules, new Filing(otherSubject, [Samples.Website("example.net")]), Now, "order-b");
        Orders.SendAllCodes(first, codes, rules);
        Orders.SendAllCodes(second, codes, rules);

        var outcome = ValidationPage.Validate(
            [first, second], Samples.ChinaUnicom, AdministratorSuffix, FakeSmsCodes.NeverIssued, codes, Later, rules, Orders.Planner(rules)).Outcome;

        Assert.Equal(ValidateOutcome.Failed, outcome);
        Assert.Equal(1, first.Validations[1].ConsecutiveFailures);
        Assert.Equal(1, second.Validations[1].ConsecutiveFailures);
    }
}
