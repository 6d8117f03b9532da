using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>The code tables and the rule profile in force, served so that clients need not hard-code them (domain.md).</summary>
public sealed class ReferenceTests : ServerTest
{
    [Fact]
    public async Task The_code_tables_are_the_ones_of_the_provincial_forms()
    {
        var tables = await Gateway.GetCodeTablesAsync();

        Assert.Equal(
            [
                (1, "国防机构"), (2, "政府机关"), (3, "事业单位"), (4, "企业"), (5, "个人"), (6, "社会团体"), (9, "民办非企业单位"),
                (10, "基金会"), (11, "律师执业机构"), (12, "外国在华文化中心"), (13, "群众性团体组织"), (14, "司法鉴定机构"), (15, "宗教团体"),
                (16, "境外机构"), (17, "医疗机构"), (18, "公证机构"), (19, "集体经济"), (20, "仲裁机构"),
            ],
            tables.SubjectNatures.Select(e => (e.Code, e.Name.Zh)));
        Assert.Equal(
            [(2, "居民身份证"), (7, "护照"), (11, "台湾居民来往大陆通行证"), (14, "港澳居民来往内地通行证"), (30, "外国人永久居留身份证"), (41, "港澳居民居住证"), (42, "台湾居民居住证")],
            tables.LeaderCertificateTypes.Select(e => (e.Code, e.Name.Zh)));
        var subjectTypes = tables.SubjectCertificateTypes.ToDictionary(e => e.Code);
        Assert.Equal(
            [(1, "营业执照"), (4, "事业单位法人证书"), (6, "社会团体法人登记证书"), (13, "统一社会信用代码证书"), (17, "民办非企业单位登记证书"), (19, "基金会法人登记证书")],
            subjectTypes.Values.Select(e => (e.Code, e.Name.Zh)));
        Assert.Equal("credit-code", subjectTypes[13].Format);
        Assert.Contains(4, subjectTypes[13].Natures);
        Assert.Equal("resident-id", tables.LeaderCertificateTypes.Single(e => e.Code == 2).Format);
        Assert.Equal(
            [(1, "新闻"), (2, "出版"), (3, "教育"), (4, "医疗保健"), (5, "药品和医疗器械"), (6, "电子公告服务"), (9, "文化"), (10, "广播电影电视节目"), (11, "网络预约车"), (13, "互联网金融"), (14, "校外培训")],
            tables.PreApprovalTypes.Select(e => (e.Code, e.Name.Zh)));
        var languages = tables.Languages.ToDictionary(e => e.Code, e => e.Name.Zh);
        Assert.Equal(("中文简体", "中文繁体", "英语"), (languages[1], languages[2], languages[12]));
        Assert.Equal(["专线", "主机托管", "虚拟主机", "云接入", "其他"], tables.AccessMethods.Select(e => e.Name.Zh));
    }

    [Fact]
    public async Task The_thirty_one_provinces_carry_the_abbreviations_of_their_icp_numbers()
    {
        var provinces = (await Gateway.GetCodeTablesAsync()).Provinces;

        // In domain.md's order, which is the order of the GB/T 2260 codes.
        Assert.Equal(
            [
                ("beijing", "京"), ("tianjin", "津"), ("hebei", "冀"), ("shanxi", "晋"), ("inner-mongolia", "蒙"), ("liaoning", "辽"),
                ("jilin", "吉"), ("heilongjiang", "黑"), ("shanghai", "沪"), ("jiangsu", "苏"), ("zhejiang", "浙"), ("anhui", "皖"),
                ("fujian", "闽"), ("jiangxi", "赣"), ("shandong", "鲁"), ("henan", "豫"), ("hubei", "鄂"), ("hunan", "湘"),
                ("guangdong", "粤"), ("guangxi", "桂"), ("hainan", "琼"), ("chongqing", "渝"), ("sichuan", "蜀"), ("guizhou", "黔"),
                ("yunnan", "滇"), ("tibet", "藏"), ("shaanxi", "陕"), ("gansu", "陇"), ("qinghai", "青"), ("ningxia", "宁"), ("xinjiang", "新"),
            ],
            provinces.Select(p => (p.Id, p.Abbreviation)));
        var zhejiang = provinces.Single(p => p.Id == "zhejiang");
        Assert.Equal(("浙江", "330000", true, true), (zhejiang.Name.Zh, zhejiang.GbCode, zhejiang.SmsRequired, zhejiang.ChangesAllowed));
        Assert.NotEmpty(zhejiang.Administration);
    }

    [Fact]
    public async Task The_rules_in_force_are_the_current_profile()
    {
        var rules = await Gateway.GetRulesAsync();

        Assert.Equal("current", rules.Profile);
        Assert.All(rules.Provinces, p => Assert.True(p.SmsRequired));
        Assert.Equal(31, rules.Provinces.Count);
        Assert.Equal(
            (TimeSpan.FromMinutes(5), TimeSpan.FromHours(24), TimeSpan.Zero, 2, 5),
            (rules.SmsSendDelay.ToTimeSpan(), rules.SmsValidity.ToTimeSpan(), rules.SmsSyncDelay.ToTimeSpan(), rules.MaxResends, rules.MaxConsecutiveFailures));
        Assert.Equal((3, 20, 5), (rules.ReviewMinWorkingDays, rules.ReviewMaxWorkingDays, rules.MaxFailedPasswordChecks));
        Assert.Equal((false, false), (rules.OwnProvinceOnly, rules.EmptyShellAllowed));
        Assert.Equal((TimeSpan.FromDays(15), TimeSpan.FromDays(30)), (rules.SpotCheckAnswerTime.ToTimeSpan(), rules.EmptyShellGrace.ToTimeSpan()));
        Assert.Contains("cn", rules.ApprovedTlds.Select(t => t.TrimStart('.')));
        Assert.DoesNotContain("hk", rules.ApprovedTlds.Select(t => t.TrimStart('.')));

        // The personnel table of domain.md, profile current.
        PersonRole[] leader = [PersonRole.EntityLeader];
        PersonRole[] admin = [PersonRole.ServiceAdministrator];
        PersonRole[] both = [PersonRole.EntityLeader, PersonRole.ServiceAdministrator];
        var table = rules.Personnel.ToDictionary(p => (p.Type, p.Mix), p => p.Roles.ToArray());
        Assert.Equal(both, table[(FilingType.Initial, ServiceMix.WebsiteOnly)]);
        Assert.Equal(leader, table[(FilingType.Initial, ServiceMix.WebsiteAndApp)]);
        Assert.Equal(leader, table[(FilingType.Initial, ServiceMix.AppOnly)]);
        Assert.Equal(both, table[(FilingType.AddService, ServiceMix.WebsiteOnly)]);
        Assert.Equal(leader, table[(FilingType.AddService, ServiceMix.WebsiteAndApp)]);
        Assert.Equal(leader, table[(FilingType.AddService, ServiceMix.AppOnly)]);
        Assert.Equal(both, table[(FilingType.AddAccess, ServiceMix.Any)]);
        Assert.Equal(leader, table[(FilingType.ChangeSubject, ServiceMix.Any)]);
        Assert.Equal(admin, table[(FilingType.ChangeService, ServiceMix.Any)]);
        Assert.Equal(both, table[(FilingType.ChangeBoth, ServiceMix.Any)]);
        Assert.Equal(leader, table[(FilingType.CancelSubject, ServiceMix.Any)]);
        Assert.Equal(admin, table[(FilingType.CancelService, ServiceMix.Any)]);
        Assert.Empty(table[(FilingType.CancelAccess, ServiceMix.Any)]);
    }
}
