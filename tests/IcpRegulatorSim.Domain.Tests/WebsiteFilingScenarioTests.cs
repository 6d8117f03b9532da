using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class WebsiteFilingScenarioTests
{
    private static readonly PublicSecurityRules Rules =
        PublicSecurityRulesJson.Read(file => File.OpenRead(Path.Combine(TestRules.Directory, file)), TestRules.Load());

    private readonly FakeSmsCodes codes = new();

    private static DateTimeOffset Now => Samples.MondayMorning;

    private static PublicSecurityWebsite Website(params int[] interactive) =>
        new("示例科技官网", ["example.cn"], "浙ICP备2025000001号-1", Samples.Today, "203.0.113.10", true, "示例云", "示例注册商", 1, interactive, "", [], [1]);

    private static WebsiteFilingScenario Parse(string header, Violations v) => WebsiteFilingScenario.ParseHeader(header, WebsiteFilingScenario.Header, Rules, v);

    private WebsiteFiling Reviewed(WebsiteFilingScenario scenario, params int[] interactive)
    {
        var (filing, sent) = WebsiteFiling.File("psb-00000001", "acc-1", Samples.Company(), Website(interactive),
            [(ContactRole.ResponsiblePerson, Samples.Leader()), (ContactRole.SecurityOfficer, Samples.Administrator()), (ContactRole.EmergencyContact, Samples.SecondAdministrator())],
            Rules.OfficeFor("zhejiang"), codes, Now, Rules, scenario);
        foreach (var (contact, code) in filing.Contacts.ToList().Zip(sent))
        {
            filing.Confirm(contact.Person.Mobile, code, codes, Now, Rules, WorkingCalendar.WeekdaysOnly);
        }
        return filing;
    }

    [Fact]
    public void The_header_names_each_scenario_with_its_parameter()
    {
        var v = new Violations();

        var scenario = Parse("psb-reject:subject_mismatch, psb-review-days:3,psb-onsite,psb-overdue", v);

        Assert.Empty(v.Items);
        Assert.Equal(new WebsiteFilingScenario { RejectReasonCode = "SUBJECT_MISMATCH", ReviewWorkingDays = 3, OnSiteCheck = true, Overdue = true }, scenario);
        Assert.Equal(WebsiteFilingScenario.DefaultRejectReason, Parse("psb-reject", v).RejectReasonCode);
        Assert.NotNull(Rules.RejectionReason(WebsiteFilingScenario.DefaultRejectReason));
    }

    [Theory]
    [InlineData("psb-reject:NOPE", "UNKNOWN_CODE")]
    [InlineData("psb-review-days:251", "INVALID_SCENARIO")]
    [InlineData("psb-review-days", "INVALID_SCENARIO")]
    [InlineData("fixed-code", "UNKNOWN_SCENARIO")]
    public void A_wrong_scenario_is_a_violation_of_the_header(string header, string reason)
    {
        var v = new Violations();

        Parse(header, v);

        var violation = Assert.Single(v.Items);
        Assert.Equal((WebsiteFilingScenario.Header, reason), (violation.Field, violation.Reason));
    }

    [Fact]
    public void An_on_site_check_is_refused_for_a_website_without_interactive_services()
    {
        var v = new Violations();
        var scenario = new WebsiteFilingScenario { OnSiteCheck = true };

        scenario.CheckWebsite(Website(1), WebsiteFilingScenario.Header, v);
        Assert.Empty(v.Items);
        scenario.CheckWebsite(Website(), WebsiteFilingScenario.Header, v);
        Assert.Equal("NOT_INTERACTIVE", Assert.Single(v.Items).Reason);
    }

    [Fact]
    public void The_review_takes_the_scenarios_working_days_and_goes_straight_to_an_on_site_check_when_it_asks()
    {
        var days = Reviewed(new WebsiteFilingScenario { ReviewWorkingDays = 2 });
        var onSite = Reviewed(new WebsiteFilingScenario { OnSiteCheck = true }, 1);

        Assert.Equal((WebsiteFilingStatus.UnderReview, Now.AddDays(2)), (days.Status, days.ReviewDueAt));
        Assert.Equal((WebsiteFilingStatus.OnSiteCheck, WorkingCalendar.WeekdaysOnly.AddWorkingDays(Now, Rules.OnSiteCheckWorkingDays)), (onSite.Status, onSite.ReviewDueAt));
        Assert.Equal(["UNDER_REVIEW", "ON_SITE_CHECK"], onSite.Steps.Select(s => s.Kind).TakeLast(2));
    }

    [Fact]
    public void A_change_takes_the_scenario_of_its_own_call()
    {
        var filing = Reviewed(new WebsiteFilingScenario { RejectReasonCode = "SUBJECT_MISMATCH" });
        filing.Reject(Rules.RejectionReason("SUBJECT_MISMATCH")!, Now);

        filing.Change(Website(), [(ContactRole.ResponsiblePerson, Samples.Leader())], codes, Now.AddDays(1), new WebsiteFilingScenario { Overdue = true });

        Assert.Equal((null, true), (filing.Scenario.RejectReasonCode, filing.Overdue));
        Assert.Equal(["CHANGED", "OVERDUE"], filing.Steps.Select(s => s.Kind).TakeLast(2));
    }
}
