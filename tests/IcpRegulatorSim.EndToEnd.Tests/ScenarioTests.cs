using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>Scenarios forced per order, by the x-icp-scenario header or by a magic tag in the leader's email.</summary>
public sealed class ScenarioTests : ServerTest
{
    [Fact]
    public async Task Approve_immediately_decides_the_instant_validation_completes()
    {
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "approve-immediately")).Order;
        var validated = await Gateway.ValidateAllAsync(order, filing);
        Assert.Equal(OrderStatus.Approved, validated.Status);
        Assert.Equal(validated.Decision.DecidedAt, validated.SmsValidations.Max(v => v.CompletedAt));
    }

    [Fact]
    public async Task Review_reject_rejects_with_the_given_reason_code_when_the_administration_decides()
    {
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "review-reject:WEBSITE_NAME_MISMATCH")).Order;
        await Gateway.ValidateAllAsync(order, filing);
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30));
        var rejected = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal("WEBSITE_NAME_MISMATCH", rejected.Decision.ReasonCode);
        Assert.Equal(1002, rejected.Decision.NumericCode);
    }

    [Theory]
    [InlineData("review-reject:WEBSITE_NAME", "WEBSITE_NAME", "网站名称不符合命名要求或与网站内容不符。")]
    [InlineData("review-reject", "REVIEW_REJECTED", "经通信管理局审核，备案信息不符合要求，请核实后重新提交。")]
    [InlineData("review-reject:A_CODE_OF_OUR_OWN", "A_CODE_OF_OUR_OWN", "经通信管理局审核，备案申请未通过（原因代码：A_CODE_OF_OUR_OWN）。")]
    public async Task A_scenario_rejection_reads_in_chinese_in_the_decision_the_event_the_sms_and_the_email(string scenario, string code, string zh)
    {
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: scenario)).Order;
        await Gateway.ValidateAllAsync(order, filing);
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30));

        var decision = (await Gateway.GetFilingAsync(order.OrderId)).Decision;
        Assert.Equal((code, zh), (decision.ReasonCode, decision.Reason.Zh));
        Assert.DoesNotContain(zh, decision.Reason.En);
        var rejected = await Streams.FirstAsync(Gateway.WatchFilingsAsync(), e => e.Kind == OrderEventKind.Rejected);
        Assert.Equal(zh, rejected.Reason.Zh);
        var notices = (await Gateway.ListMessagesAsync(orderId: order.OrderId)).Messages.Where(m => m.Body.Contains("审核未通过")).ToList();
        Assert.Equal([MessageChannel.Sms, MessageChannel.Email], notices.Select(m => m.Channel));
        Assert.All(notices, m => Assert.Contains(zh, m.Body.Split('\n')[0]));
    }

    [Fact]
    public async Task A_reviewer_rejecting_with_a_code_of_the_table_sends_its_text_in_both_languages()
    {
        var filing = Samples.Company();
        var order = await Gateway.SubmitAndValidateAsync(filing);
        var reasons = (await Gateway.GetCodeTablesAsync()).RejectionReasons;
        var documents = Assert.Single(reasons, r => r.Code == "DOCUMENTS_UNCLEAR");

        var rejected = await Gateway.RejectAsync(order.OrderId, "DOCUMENTS_UNCLEAR");

        Assert.Equal(("DOCUMENTS_UNCLEAR", documents.Text.Zh, documents.Text.En), (rejected.Decision.ReasonCode, rejected.Decision.Reason.Zh, rejected.Decision.Reason.En));
        Assert.All(reasons, r => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r.Text.Zh));
    }

    [Fact]
    public async Task Review_days_fixes_the_review_time_in_working_days()
    {
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "review-days:7")).Order;
        var underReview = await Gateway.ValidateAllAsync(order, filing);
        var due = Assert.Single((await Gateway.ListPendingReviewsAsync()).Reviews).DueAt.ToDateTimeOffset();
        // Validated on Monday 2026-03-02 at 09:05; seven working days later is Wednesday 2026-03-11, same time.
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 9, 5, 0, TimeSpan.FromHours(8)), due);
        Assert.Equal(OrderStatus.UnderReview, underReview.Status);
    }

    [Fact]
    public async Task Sms_lost_delivers_no_code_until_a_resend_and_the_resent_code_validates()
    {
        var filing = Samples.Individual();
        var person = filing.Subject.Leader;
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "sms-lost")).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(10));
        Assert.Empty(await Gateway.InboxAsync(person.Mobile));
        Assert.NotNull(Assert.Single((await Gateway.GetFilingAsync(order.OrderId)).SmsValidations).CodeSentAt);

        Assert.Equal(ResendOutcome.Resent, (await Gateway.ResendCodeAsync(person.Mobile, person.Suffix())).Outcome);
        var code = await Gateway.LatestCodeAsync(person.Mobile);
        Assert.Equal(ValidateOutcome.Complete, (await Gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), code)).Outcome);
    }

    [Fact]
    public async Task Sms_late_delivers_the_code_that_much_later_and_the_deadline_stays()
    {
        var filing = Samples.Individual();
        var person = filing.Subject.Leader;
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "sms-late:2h")).Order;
        Assert.Equal(RegulatorServer.Start.AddMinutes(5).AddHours(24), order.ValidationDeadline.ToDateTimeOffset());

        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Empty(await Gateway.InboxAsync(person.Mobile));
        Assert.Equal(ValidateOutcome.NotFound, (await Gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), "123456")).Outcome);
        await Gateway.AdvanceClockAsync(TimeSpan.FromSeconds(1));
        var sms = Assert.Single(await Gateway.InboxAsync(person.Mobile));
        Assert.Equal(RegulatorServer.Start.AddMinutes(5).AddHours(2), sms.SentAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Sync_delay_keeps_the_order_out_of_the_validation_database_for_that_long()
    {
        var filing = Samples.Individual();
        var person = filing.Subject.Leader;
        await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "sync-delay:45m,fixed-code");

        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(49));
        Assert.Equal(ResendOutcome.NoPending, (await Gateway.ResendCodeAsync(person.Mobile, person.Suffix())).Outcome);
        Assert.Equal(ValidateOutcome.NotFound, (await Gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), "123456")).Outcome);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(ValidateOutcome.Complete, (await Gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), "123456")).Outcome);
    }

    [Fact]
    public async Task Fixed_code_makes_every_code_123456_including_resent_ones()
    {
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "fixed-code")).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var leader = filing.Subject.Leader;
        Assert.Equal("123456", await Gateway.LatestCodeAsync(leader.Mobile));
        await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix());
        Assert.All((await Gateway.InboxAsync(leader.Mobile)).Select(m => m.VerificationCode()), c => Assert.Equal("123456", c));
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.GetFilingAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task Blacklisted_refuses_the_order_with_code_1065_and_changes_nothing()
    {
        var e = await Assert.ThrowsAsync<RequestRefusedException>(() =>
            Gateway.SubmitAsync(new SubmitFilingRequest { Filing = Samples.Company() }, scenario: "blacklisted"));
        Assert.Equal("SUBJECT_BLACKLISTED", e.Reason);
        Assert.Equal(1065, e.NumericCode);
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task A_magic_tag_in_the_leaders_email_forces_the_scenario_for_clients_without_headers()
    {
        var filing = Samples.Company();
        var leader = filing.Subject.Leader;
        leader.Email = leader.Email.Replace("@", "+icp-fixed-code+icp-review-reject-DOCUMENTS_UNCLEAR@");
        var order = (await Gateway.SubmitAsync(filing)).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Equal("123456", await Gateway.LatestCodeAsync(leader.Mobile));
        await Gateway.ValidateAllAsync(order, filing);
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30));
        Assert.Equal("DOCUMENTS_UNCLEAR", (await Gateway.GetFilingAsync(order.OrderId)).Decision.ReasonCode);
    }

    [Fact]
    public async Task An_ordinary_plus_address_is_not_a_scenario()
    {
        var filing = Samples.Company();
        filing.Subject.Leader.Email = filing.Subject.Leader.Email.Replace("@", "+newsletter@");
        await Gateway.SubmitAsync(filing);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.NotEqual("123456", await Gateway.LatestCodeAsync(filing.Subject.Leader.Mobile));
    }

    [Theory]
    [InlineData("fly-to-the-moon", "x-icp-scenario", "UNKNOWN_SCENARIO")]
    [InlineData("review-days:many", "x-icp-scenario", "INVALID_SCENARIO")]
    [InlineData("sms-late:soon", "x-icp-scenario", "INVALID_SCENARIO")]
    public async Task Unknown_or_malformed_scenarios_are_refused(string scenario, string field, string reason)
    {
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            Gateway.SubmitAsync(new SubmitFilingRequest { Filing = Samples.Company() }, scenario: scenario));
        var problem = Assert.Single(e.FieldProblems);
        Assert.Equal((field, reason), (problem.Field, problem.Reason));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task An_unknown_magic_tag_is_refused_on_the_email_field()
    {
        var filing = Samples.Company();
        filing.Subject.Leader.Email = filing.Subject.Leader.Email.Replace("@", "+icp-teleport@");
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));
        Assert.Equal(("filing.subject.leader.email", "UNKNOWN_SCENARIO"), (e.FieldProblems[0].Field, e.FieldProblems[0].Reason));
    }

    [Fact]
    public async Task The_reference_service_lists_every_scenario()
    {
        var names = (await Gateway.ListScenariosAsync()).Scenarios.Select(s => s.Name);
        Assert.Equal(
            ["approve-immediately", "review-reject", "review-days", "sms-lost", "sms-late", "sync-delay", "blacklisted", "fixed-code",
             "verification-call", "spot-check-after", "restrict-after", "revoke-after", "psb-reject", "psb-review-days", "psb-onsite", "psb-overdue"],
            names);
    }
}
