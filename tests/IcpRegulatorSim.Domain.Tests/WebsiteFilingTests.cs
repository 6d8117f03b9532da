using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class WebsiteFilingTests
{
    private static readonly PublicSecurityRules Rules =
        PublicSecurityRulesJson.Read(file => File.OpenRead(Path.Combine(TestRules.Directory, file)), TestRules.Load());

    private static readonly WorkingCalendar Calendar = WorkingCalendar.WeekdaysOnly;

    private readonly FakeSmsCodes codes = new();

    // Monday 2025-03-03 10:00 in Beijing.
    private static DateTimeOffset Now => Samples.MondayMorning;

    private static PublicSecurityWebsite Website(DateOnly openedOn, params int[] interactive) =>
        new("示例科技官网", ["example.cn"], "浙ICP备2025000001号-1", openedOn, "203.0.113.10", true, "示例云", "示例注册商", 1, interactive, "", [], [1]);

    private static IReadOnlyList<(ContactRole, Person)> People() =>
    [
        (ContactRole.ResponsiblePerson, Samples.Leader()),
        (ContactRole.SecurityOfficer, Samples.Administrator()),
        (ContactRole.EmergencyContact, Samples.SecondAdministrator()),
    ];

    private (WebsiteFiling Filing, IReadOnlyList<string> Codes) FileWebsite(DateOnly? openedOn = null, params int[] interactive) =>
        WebsiteFiling.File("psb-00000001", "acc-1", Samples.Company(), Website(openedOn ?? Samples.Today, interactive), People(),
            Rules.OfficeFor("zhejiang"), codes, Now, Rules, WebsiteFilingScenario.None);

    private WebsiteFiling UnderReview(params int[] interactive)
    {
        var (filing, sent) = FileWebsite(interactive: interactive);
        foreach (var (contact, code) in filing.Contacts.ToList().Zip(sent))
        {
            filing.Confirm(contact.Person.Mobile, code, codes, Now, Rules, Calendar);
        }
        return filing;
    }

    [Fact]
    public void Awaiting_its_peoples_codes_a_filing_becomes_overdue_at_the_first_moment_past_its_thirty_days_and_not_before()
    {
        var (filing, _) = FileWebsite(Samples.Today.AddDays(-29));
        var dayThirtyOne = BeijingTime.StartOf(Samples.Today.AddDays(2));

        Assert.Equal([new Deadline(DeadlineKind.PublicSecurityOverdue, dayThirtyOne)], filing.Deadlines());
        Assert.False(filing.MarkOverdue(dayThirtyOne.AddTicks(-1)));
        Assert.True(filing.MarkOverdue(dayThirtyOne));
        Assert.True(filing.Overdue);
        Assert.Equal(["FILED", "OVERDUE"], filing.Steps.Select(s => s.Kind));
        Assert.Empty(filing.Deadlines());
        Assert.False(filing.MarkOverdue(dayThirtyOne.AddDays(1)));
    }

    [Fact]
    public void A_filed_website_waits_for_a_code_from_each_of_its_three_people()
    {
        var (filing, sent) = FileWebsite();

        Assert.Equal(WebsiteFilingStatus.AwaitingConfirmation, filing.Status);
        Assert.Equal(3, sent.Count);
        Assert.Equal([ContactRole.ResponsiblePerson, ContactRole.SecurityOfficer, ContactRole.EmergencyContact], filing.Contacts.Select(c => c.Role));
        Assert.All(filing.Contacts, c => Assert.False(c.Confirmed));
        Assert.Equal("330106", filing.OfficeCode);
        Assert.Equal(["FILED"], filing.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void Filed_on_the_thirtieth_day_after_opening_is_in_time_and_on_the_thirty_first_overdue()
    {
        var inTime = FileWebsite(Samples.Today.AddDays(-30)).Filing;
        var late = FileWebsite(Samples.Today.AddDays(-31)).Filing;

        Assert.False(inTime.Overdue);
        Assert.Equal(Samples.Today, inTime.DueOn);
        Assert.True(late.Overdue);
        Assert.Equal(["FILED", "OVERDUE"], late.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void A_wrong_code_confirms_no_one_and_the_last_right_one_sends_the_filing_to_review_for_the_offices_working_days()
    {
        var (filing, sent) = FileWebsite();

        Assert.Equal(0, filing.Confirm(Samples.Leader().Mobile, FakeSmsCodes.NeverIssued, codes, Now, Rules, Calendar));
        Assert.Equal(0, filing.Confirm(Samples.Leader().Mobile, sent[1], codes, Now, Rules, Calendar));
        Assert.Equal(1, filing.Confirm(Samples.Leader().Mobile, sent[0], codes, Now, Rules, Calendar));
        Assert.Equal(1, filing.Confirm(Samples.Administrator().Mobile, sent[1], codes, Now, Rules, Calendar));
        Assert.Equal(WebsiteFilingStatus.AwaitingConfirmation, filing.Status);
        // No review runs yet: only the end of the thirty days, should the codes not all come.
        Assert.Equal([DeadlineKind.PublicSecurityOverdue], filing.Deadlines().Select(d => d.Kind));

        filing.Confirm(Samples.SecondAdministrator().Mobile, sent[2], codes, Now, Rules, Calendar);

        Assert.Equal(WebsiteFilingStatus.UnderReview, filing.Status);
        Assert.Equal(Calendar.AddWorkingDays(Now, Rules.DefaultReviewWorkingDays), filing.ReviewDueAt);
        Assert.Equal([new Deadline(DeadlineKind.PublicSecurityReview, filing.ReviewDueAt!.Value)], filing.Deadlines());
    }

    [Fact]
    public void Approval_gives_the_number_and_ends_the_review()
    {
        var filing = UnderReview();

        Assert.Null(PublicSecurityRecord.Of(filing));

        filing.Approve(PublicSecurityNumber.Issue("浙", filing.OfficeCode, 1), Now.AddDays(1));

        Assert.Equal(
            new PublicSecurityRecord("示例科技官网", filing.Website.Domains, "杭州示例科技有限公司", 4, "浙公网安备33010600000001号", "浙ICP备2025000001号-1", "330106",
                Samples.Today.AddDays(1)),
            PublicSecurityRecord.Of(filing));
        Assert.Equal(WebsiteFilingStatus.Approved, filing.Status);
        Assert.Equal("浙公网安备33010600000001号", filing.Number);
        Assert.Empty(filing.Deadlines());
        Assert.Throws<RegulatorException>(() => filing.Approve(PublicSecurityNumber.Issue("浙", filing.OfficeCode, 2), Now.AddDays(1)));
    }

    [Fact]
    public void A_rejection_names_its_reason_and_a_change_sends_the_filing_back_for_new_codes()
    {
        var filing = UnderReview();

        filing.Reject(Rules.RejectionReason("CONTACT_UNREACHABLE")!, Now);
        var sent = filing.Change(Website(Samples.Today.AddDays(-40)) with { Name = "新名称" }, People(), codes, Now.AddDays(1), WebsiteFilingScenario.None);

        Assert.Equal(WebsiteFilingStatus.AwaitingConfirmation, filing.Status);
        Assert.Null(filing.RejectionCode);
        Assert.Equal(3, sent.Count);
        Assert.Equal(Samples.Today, filing.Website.OpenedOn);
        Assert.Equal(["FILED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "UNDER_REVIEW", "REJECTED", "CHANGED"], filing.Steps.Select(s => s.Kind));
        Assert.Equal("CONTACT_UNREACHABLE", filing.Steps.Single(s => s.Kind == "REJECTED").Code);
    }

    [Fact]
    public void Only_an_interactive_website_is_checked_on_site_and_the_check_moves_the_review_due()
    {
        var plain = UnderReview();
        var interactive = UnderReview(1);

        var refused = Assert.Throws<RegulatorException>(() => plain.RequestOnSiteCheck(Now, Rules, Calendar));
        interactive.RequestOnSiteCheck(Now.AddDays(2), Rules, Calendar);

        Assert.Equal(RegulatorErrorCode.NotInteractive, refused.Code);
        Assert.Equal(WebsiteFilingStatus.OnSiteCheck, interactive.Status);
        Assert.Equal(Calendar.AddWorkingDays(Now.AddDays(2), Rules.OnSiteCheckWorkingDays), interactive.ReviewDueAt);
    }

    [Fact]
    public void A_cancelled_filing_cannot_be_cancelled_again_or_confirmed()
    {
        var (filing, sent) = FileWebsite();

        filing.Cancel(Now, "ICP_REVOKED");

        Assert.Equal(WebsiteFilingStatus.Cancelled, filing.Status);
        Assert.Equal("ICP_REVOKED", filing.Steps[^1].Code);
        Assert.Equal(RegulatorErrorCode.WebsiteFilingTransition, Assert.Throws<RegulatorException>(() => filing.Cancel(Now)).Code);
        Assert.Throws<RegulatorException>(() => filing.Confirm(Samples.Leader().Mobile, sent[0], codes, Now, Rules, Calendar));
    }
}
