using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class SmsPolicyTests
{
    [Fact]
    public void Initial_website_filing_goes_to_the_leader_and_each_website_administrator()
    {
        var filing = new Filing(Samples.Company(), [
            Samples.Website("example.cn", Samples.Administrator()),
            Samples.Website("example.com", Samples.SecondAdministrator()),
        ]);

        var recipients = SmsPolicy.Recipients(FilingType.Initial, filing, TestRules.Load(TestRules.Current));

        Assert.Equal([Samples.ChinaMobile, Samples.ChinaUnicom, Samples.ChinaTelecom], recipients.Select(r => r.Mobile));
        var leader = Assert.Single(recipients[0].People);
        Assert.Equal(new SmsPerson(PersonRole.EntityLeader, null, "张三", "071238"), leader);
        var first = Assert.Single(recipients[1].People);
        Assert.Equal(new SmsPerson(PersonRole.ServiceAdministrator, 0, "李四", "31002X"), first);
        var second = Assert.Single(recipients[2].People);
        Assert.Equal(new SmsPerson(PersonRole.ServiceAdministrator, 1, "王五", "074514"), second);
    }

    [Fact]
    public void Leader_and_administrator_sharing_a_mobile_get_one_code_covering_both()
    {
        // A small company's leader often administers its website too: one phone, one SMS.
        var filing = new Filing(Samples.Company(), [Samples.Website(administrator: Samples.Leader())]);

        var recipients = SmsPolicy.Recipients(FilingType.Initial, filing, TestRules.Load(TestRules.Current));

        var recipient = Assert.Single(recipients);
        Assert.Equal(Samples.ChinaMobile, recipient.Mobile);
        Assert.Equal([PersonRole.EntityLeader, PersonRole.ServiceAdministrator], recipient.People.Select(p => p.Role));
    }

    [Fact]
    public void Two_administrators_sharing_a_mobile_get_one_code()
    {
        var sharedMobile = Samples.SecondAdministrator() with { Mobile = Samples.ChinaUnicom };
        var filing = new Filing(Samples.Company(), [
            Samples.Website("example.cn", Samples.Administrator()),
            Samples.Website("example.com", sharedMobile),
        ]);

        var recipients = SmsPolicy.Recipients(FilingType.Initial, filing, TestRules.Load(TestRules.Current));

        Assert.Equal(2, recipients.Count);
        Assert.Equal(Samples.ChinaUnicom, recipients[1].Mobile);
        Assert.Equal([0, 1], recipients[1].People.Select(p => p.ServiceIndex));
    }

    [Fact]
    public void Initial_filing_with_website_and_app_goes_to_the_leader_only()
    {
        var filing = new Filing(Samples.Company(), [Samples.Website(), Samples.App(Samples.SecondAdministrator())]);

        var recipients = SmsPolicy.Recipients(FilingType.Initial, filing, TestRules.Load(TestRules.Current));

        var recipient = Assert.Single(recipients);
        Assert.Equal(Samples.ChinaMobile, recipient.Mobile);
        Assert.Equal(PersonRole.EntityLeader, Assert.Single(recipient.People).Role);
    }

    [Fact]
    public void Province_without_SMS_validation_under_the_2018_pilot_needs_no_one()
    {
        var rules = TestRules.Load(TestRules.Pilot2018);

        var recipients = SmsPolicy.Recipients(FilingType.Initial, Samples.InitialFiling("beijing"), rules);

        Assert.Empty(recipients);
    }

    [Fact]
    public void Pilot_province_under_the_2018_pilot_validates_by_SMS()
    {
        var rules = TestRules.Load(TestRules.Pilot2018);

        var recipients = SmsPolicy.Recipients(FilingType.Initial, Samples.InitialFiling("zhejiang"), rules);

        Assert.Equal([Samples.ChinaMobile, Samples.ChinaUnicom], recipients.Select(r => r.Mobile));
    }

    [Fact]
    public void Every_province_validates_by_SMS_under_the_current_profile() =>
        Assert.Equal(2, SmsPolicy.Recipients(FilingType.Initial, Samples.InitialFiling("beijing"), TestRules.Load(TestRules.Current)).Count);

    [Theory]
    [InlineData(TestRules.Current, FilingType.AddService, new[] { PersonRole.EntityLeader, PersonRole.ServiceAdministrator })]
    [InlineData(TestRules.Pilot2018, FilingType.AddService, new[] { PersonRole.ServiceAdministrator })]
    [InlineData(TestRules.Current, FilingType.AddAccess, new[] { PersonRole.EntityLeader, PersonRole.ServiceAdministrator })]
    [InlineData(TestRules.Pilot2018, FilingType.AddAccess, new[] { PersonRole.ServiceAdministrator })]
    [InlineData(TestRules.Current, FilingType.ChangeSubject, new[] { PersonRole.EntityLeader })]
    [InlineData(TestRules.Current, FilingType.ChangeService, new[] { PersonRole.ServiceAdministrator })]
    [InlineData(TestRules.Current, FilingType.ChangeBoth, new[] { PersonRole.EntityLeader, PersonRole.ServiceAdministrator })]
    [InlineData(TestRules.Current, FilingType.CancelSubject, new[] { PersonRole.EntityLeader })]
    [InlineData(TestRules.Pilot2018, FilingType.CancelSubject, new PersonRole[0])]
    [InlineData(TestRules.Current, FilingType.CancelService, new[] { PersonRole.ServiceAdministrator })]
    [InlineData(TestRules.Pilot2018, FilingType.CancelService, new PersonRole[0])]
    [InlineData(TestRules.Current, FilingType.CancelAccess, new PersonRole[0])]
    public void Website_only_order_is_validated_by_the_people_the_profile_names(string profile, FilingType type, PersonRole[] roles)
    {
        // Zhejiang validates by SMS under both profiles, so only the personnel table decides.
        var recipients = SmsPolicy.Recipients(type, Samples.InitialFiling("zhejiang"), TestRules.Load(profile));

        Assert.Equal(roles, recipients.SelectMany(r => r.People).Select(p => p.Role));
    }

    [Fact]
    public void Mix_of_websites_only_is_website_only() =>
        Assert.Equal(ServiceMix.WebsiteOnly, SmsPolicy.MixOf([Samples.Website(), Samples.Website("example.com")]));

    [Fact]
    public void Mix_of_apps_only_is_app_only() =>
        Assert.Equal(ServiceMix.AppOnly, SmsPolicy.MixOf([Samples.App()]));

    [Fact]
    public void Mix_of_a_website_and_an_app_is_website_and_app() =>
        Assert.Equal(ServiceMix.WebsiteAndApp, SmsPolicy.MixOf([Samples.App(), Samples.Website()]));

    [Fact]
    public void Mix_of_no_services_is_any() =>
        Assert.Equal(ServiceMix.Any, SmsPolicy.MixOf([]));
}
