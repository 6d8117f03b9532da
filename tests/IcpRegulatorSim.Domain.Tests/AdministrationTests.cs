using System.Text.Json;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class AdministrationTests
{
    private static readonly DateTimeOffset Now = Samples.MondayMorning;
    private static readonly DateTimeOffset DecidedAt = Now.AddDays(4);
    private static readonly IssuedPassword Password = new("Pw7kQ2mX9a", "salted-hash-3f9a1c");

    private static Filing TwoWebsites() => new(Samples.Company(), [
        Samples.Website("example.cn"),
        Samples.Website("example.com", Samples.SecondAdministrator()),
    ]);

    private static FiledSubject Approve(FilingOrder order, FiledSubject? filed = null) =>
        Administration.Approve(
            order, filed, () => IcpNumber.ForSubject("浙", 2025, 1), () => Password,
            DecisionReasons.Approved(DecidedAt, "审核员甲", ""), TestRules.Load()).Subject;

    [Fact]
    public void Approved_initial_filing_creates_the_subject_with_a_ten_digit_number()
    {
        var order = Orders.UnderReview(TestRules.Load(), TwoWebsites(), Now);

        var subject = Approve(order);

        Assert.Equal("浙ICP备2025000001号", subject.SubjectNumber);
        var parsed = IcpNumber.Parse(subject.SubjectNumber);
        Assert.NotNull(parsed);
        Assert.Equal(10, parsed.Digits.Length);
        Assert.False(parsed.IsServiceNumber);
        Assert.Equal(order.Filing.Subject, subject.Subject);
        Assert.Equal(DecidedAt, subject.ApprovedAt);
    }

    [Fact]
    public void Approved_initial_filing_numbers_its_services_from_one()
    {
        var order = Orders.UnderReview(TestRules.Load(), TwoWebsites(), Now);

        var subject = Approve(order);

        Assert.Equal(["浙ICP备2025000001号-1", "浙ICP备2025000001号-2"], subject.Services.Select(s => s.Number));
        Assert.Equal([1, 2], subject.Services.Select(s => s.Sequence));
        Assert.Equal(["example.cn"], subject.Services[0].Service.Domains);
        Assert.Equal(["example.com"], subject.Services[1].Service.Domains);
        Assert.All(subject.Services, s => Assert.Equal([Orders.ProviderId], s.AccessProviders));
        Assert.Equal(2, subject.LastServiceSequence);
    }

    [Fact]
    public void Approval_ends_the_order_with_the_numbers_issued()
    {
        var order = Orders.UnderReview(TestRules.Load(), TwoWebsites(), Now);

        Approve(order);

        Assert.Equal(OrderStatus.Approved, order.Status);
        Assert.Equal("REVIEW_APPROVED", order.Decision?.ReasonCode);
        Assert.Equal(1001, order.Decision?.NumericCode);
        Assert.Equal("审核员甲", order.Decision?.Reviewer);
        Assert.Equal("浙ICP备2025000001号", order.SubjectNumber);
        Assert.Equal(["浙ICP备2025000001号-1", "浙ICP备2025000001号-2"], order.ServiceNumbers);
        Assert.Equal(OrderEventKind.Approved, order.NewEvents[^1].Kind);
        Assert.Empty(order.Deadlines());
    }

    [Fact]
    public void Password_in_plain_text_goes_only_to_the_entity_leader()
    {
        var order = Orders.UnderReview(TestRules.Load(), TwoWebsites(), Now);
        order.ClearNewChanges();

        var subject = Approve(order);

        var carrying = order.NewMessages.Where(m => m.Body.Contains(Password.Plain)).ToList();
        Assert.Contains(carrying, m => m.Channel == MessageChannel.Sms && m.Recipient == Samples.ChinaMobile);
        Assert.Contains(carrying, m => m.Channel == MessageChannel.Email && m.Recipient == "zhangsan@example.cn");
        Assert.All(carrying, m => Assert.Contains(m.Recipient, new[] { Samples.ChinaMobile, "zhangsan@example.cn" }));
        Assert.All(carrying, m => Assert.Contains("浙ICP备2025000001号-2", m.Body));
        // The registry and the order keep the hash only.
        Assert.Equal(Password.Hash, subject.PasswordHash);
        Assert.DoesNotContain(Password.Plain, JsonSerializer.Serialize(subject));
        Assert.DoesNotContain(Password.Plain, JsonSerializer.Serialize(order));
    }

    [Fact]
    public void Approval_draws_one_subject_number_and_one_password()
    {
        var order = Orders.UnderReview(TestRules.Load(), TwoWebsites(), Now);
        var numbers = 0;
        var passwords = 0;

        Administration.Approve(
            order, null,
            () => IcpNumber.ForSubject("浙", 2025, ++numbers),
            () => { passwords++; return Password; },
            DecisionReasons.Approved(DecidedAt, "审核员甲", ""), TestRules.Load());

        Assert.Equal(1, numbers);
        Assert.Equal(1, passwords);
    }

    [Fact]
    public void Approving_an_initial_filing_of_an_already_filed_subject_is_refused()
    {
        var order = Orders.UnderReview(TestRules.Load(), TwoWebsites(), Now);
        var filed = FiledSubject.Create("浙ICP备2024000009号", Samples.Company(), "old-hash", Now.AddYears(-1));

        var error = Assert.Throws<RegulatorException>(() => Approve(order, filed));

        Assert.Equal(RegulatorErrorCode.OrderInProcess, error.Code);
        Assert.Equal(OrderStatus.UnderReview, order.Status);
    }

    [Fact]
    public void Approving_an_order_still_awaiting_validation_is_illegal()
    {
        var order = Orders.Submit(TestRules.Load(), TwoWebsites(), Now);

        var error = Assert.Throws<RegulatorException>(() => Approve(order));

        Assert.Equal(RegulatorErrorCode.IllegalTransition, error.Code);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    [Fact]
    public void Approval_of_other_order_types_is_not_modelled()
    {
        var rules = TestRules.Load(TestRules.Pilot2018);
        // No SMS for ADD_SERVICE in Beijing under the 2018 pilot: the order is under review at once.
        var order = FilingOrder.Submit("order-2", Orders.ProviderId, FilingType.AddService, Samples.InitialFiling("beijing"), Now, rules,
            Orders.Planner(rules));

        Assert.Throws<InvalidOperationException>(() => Approve(order));
    }
}
