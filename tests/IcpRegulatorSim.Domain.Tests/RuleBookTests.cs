using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>The rules data the server ships, read the way the server reads it.</summary>
public sealed class RuleBookTests
{
    [Theory]
    [InlineData("zhejiang")]
    [InlineData("浙")]
    [InlineData("330000")]
    [InlineData("浙江")]
    [InlineData("Zhejiang")]
    [InlineData(" ZHEJIANG ")]
    public void Province_is_found_by_id_abbreviation_code_or_name(string alias) =>
        Assert.Equal("zhejiang", TestRules.Load().FindProvince(alias)?.Id);

    [Fact]
    public void Unknown_province_is_not_found() =>
        Assert.Null(TestRules.Load().FindProvince("atlantis"));

    [Fact]
    public void Every_province_has_the_abbreviation_ICP_numbers_use()
    {
        // From domain.md; note Sichuan files as 蜀, not 川.
        const string expected = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新";

        var provinces = TestRules.Load().Provinces;

        Assert.Equal(31, provinces.Count);
        Assert.Equal(expected.Select(c => c.ToString()).Order(), provinces.Select(p => p.Abbreviation).Order());
        Assert.Equal("蜀", TestRules.Load().Province("sichuan").Abbreviation);
        Assert.Equal("黔", TestRules.Load().Province("guizhou").Abbreviation);
    }

    [Fact]
    public void Current_profile_validates_by_SMS_in_every_province() =>
        Assert.All(TestRules.Load(TestRules.Current).Provinces, p => Assert.True(p.SmsRequired, p.Id));

    [Fact]
    public void The_2018_pilot_validates_by_SMS_in_its_22_provinces_only()
    {
        var rules = TestRules.Load(TestRules.Pilot2018);

        Assert.Equal(22, rules.Provinces.Count(p => p.SmsRequired));
        Assert.True(rules.Province("zhejiang").SmsRequired);
        Assert.True(rules.Province("tibet").SmsRequired);
        Assert.True(rules.Province("inner-mongolia").SmsRequired);
        Assert.False(rules.Province("beijing").SmsRequired);
        Assert.False(rules.Province("guangdong").SmsRequired);
        Assert.False(rules.Province("shanghai").SmsRequired);
    }

    [Fact]
    public void Hunan_processes_cancellations_on_Fridays() =>
        Assert.Equal(DayOfWeek.Friday, TestRules.Load().Province("hunan").CancellationBatchDay);

    [Theory]
    [InlineData("13800138000", "china-mobile", "106575000130")]
    [InlineData("13401234567", "china-mobile", "106575000130")]
    [InlineData("13491234567", "china-telecom", "106598051001")]
    [InlineData("13012345678", "china-unicom", "10655113")]
    [InlineData("19912345678", "china-telecom", "106598051001")]
    [InlineData("16512345678", "virtual", "12381")]
    public void Carrier_and_sender_follow_the_mobile_prefix(string mobile, string carrier, string sender)
    {
        var rules = TestRules.Load();

        Assert.Equal(carrier, rules.CarrierOf(mobile)?.Id);
        Assert.Equal(sender, rules.SmsSenderFor(mobile));
    }

    [Fact]
    public void Unknown_prefix_gets_the_default_sender()
    {
        var rules = TestRules.Load();

        Assert.Null(rules.CarrierOf("11012345678"));
        Assert.Equal("12381", rules.SmsSenderFor("11012345678"));
    }

    [Fact]
    public void SMS_settings_are_five_minutes_24_hours_two_resends_five_failures()
    {
        var sms = TestRules.Load().Sms;

        Assert.Equal(TimeSpan.FromMinutes(5), sms.SendDelay);
        Assert.Equal(TimeSpan.FromHours(24), sms.Validity);
        Assert.Equal(TimeSpan.Zero, sms.SyncDelay);
        Assert.Equal(2, sms.MaxResends);
        Assert.Equal(5, sms.MaxConsecutiveFailures);
        Assert.Equal("12381", sms.DefaultSender);
    }

    [Theory]
    [InlineData("cn")]
    [InlineData("com")]
    [InlineData("net")]
    [InlineData("org")]
    [InlineData("中国")]
    [InlineData("公司")]
    [InlineData("网络")]
    [InlineData("xin")]
    [InlineData("top")]
    [InlineData("vip")]
    [InlineData("shop")]
    [InlineData("ltd")]
    [InlineData("club")]
    [InlineData("site")]
    public void Filable_TLDs_are_approved(string tld) => Assert.True(TestRules.Load().IsApprovedTld(tld));

    /// <summary>Top-level domains domain.md names as not filable.</summary>
    public static TheoryData<string> UnfilableTlds => new("hk", "tw", "asia", "jp", "co", "so", "me");

    [Theory]
    [MemberData(nameof(UnfilableTlds))]
    public void Unfilable_TLDs_are_not_approved(string tld) => Assert.False(TestRules.Load().IsApprovedTld(tld));

    [Fact]
    public void Personnel_table_falls_back_to_the_any_mix_row()
    {
        var rules = TestRules.Load(TestRules.Current);

        Assert.Equal([PersonRole.EntityLeader], rules.RolesToValidate(FilingType.ChangeSubject, ServiceMix.WebsiteOnly));
        Assert.Equal([PersonRole.EntityLeader], rules.RolesToValidate(FilingType.AddService, ServiceMix.AppOnly));
        Assert.Empty(rules.RolesToValidate(FilingType.Unspecified, ServiceMix.WebsiteOnly));
    }

    [Fact]
    public void Code_tables_hold_the_natures_and_certificate_types_the_checks_use()
    {
        var tables = TestRules.Load().CodeTables;

        Assert.Equal("个人", tables.Nature(CodeTables.IndividualNature)?.Zh);
        Assert.Equal("企业", tables.Nature(4)?.Zh);
        Assert.Equal("resident-id", tables.LeaderCertificateType(2)?.Format);
        Assert.Equal("credit-code", tables.SubjectCertificateType(13)?.Format);
        Assert.Contains(4, tables.SubjectCertificateType(1)!.Natures);
        Assert.True(tables.IsLanguage(1));
        Assert.True(tables.IsLanguage(12));
        Assert.Null(tables.SubjectCertificateType(2));
    }
}
