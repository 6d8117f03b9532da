using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class FilingValidatorTests
{
    private static Filing Normalize(Filing filing) => FilingValidator.Normalize(filing, TestRules.Load(), Samples.Today);

    /// <summary>The (field, reason) pairs the validator refused <paramref name="filing"/> with, in the order it found them.</summary>
    private static IReadOnlyList<(string Field, string Reason)> Violations(Filing filing)
    {
        var error = Assert.Throws<RegulatorException>(() => Normalize(filing));
        Assert.Equal(RegulatorErrorCode.InvalidRequest, error.Code);
        Assert.All(error.FieldViolations, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.En));
            Assert.False(string.IsNullOrWhiteSpace(f.Zh));
        });
        return error.FieldViolations.Select(f => (f.Field, f.Reason)).ToList();
    }

    private static Filing WithWebsite(Service website) => new(Samples.Company(), [website]);

    private static Filing WithLeader(Person leader) => new(Samples.Company() with { Leader = leader }, [Samples.Website()]);

    [Fact]
    public void Valid_filing_passes_unchanged()
    {
        var filing = Samples.InitialFiling();

        var normalized = Normalize(filing);

        Assert.Equal(filing.Subject, normalized.Subject);
        Assert.Equal(filing.Services[0].Domains, normalized.Services[0].Domains);
        Assert.Equal(filing.Services[0].Administrator, normalized.Services[0].Administrator);
    }

    [Fact]
    public void Valid_filing_is_normalized_to_canonical_form()
    {
        var subject = Samples.Company() with
        {
            Name = "  杭州示例科技有限公司 ",
            Province = "浙",
            CertificateNumber = "91330106ma2kexamp4",
            CertificateAddress = Samples.Address("330000"),
            MailingAddress = Samples.Address("浙江"),
        };
        var website = Samples.Website() with
        {
            Domains = [" Example.CN. "],
            HomeUrl = "https://WWW.Example.cn/index.html",
            Administrator = Samples.Administrator() with { CertificateNumber = "11010519491231002x", Mobile = " 13012345678 " },
        };

        var normalized = Normalize(new Filing(subject, [website]));

        Assert.Equal("杭州示例科技有限公司", normalized.Subject.Name);
        Assert.Equal("zhejiang", normalized.Subject.Province);
        Assert.Equal("zhejiang", normalized.Subject.CertificateAddress.Province);
        Assert.Equal("zhejiang", normalized.Subject.MailingAddress.Province);
        Assert.Equal("91330106MA2KEXAMP4", normalized.Subject.CertificateNumber);
        Assert.Equal(["example.cn"], normalized.Services[0].Domains);
        Assert.Equal("11010519491231002X", normalized.Services[0].Administrator.CertificateNumber);
        Assert.Equal("13012345678", normalized.Services[0].Administrator.Mobile);
    }

    [Fact]
    public void Filing_with_several_problems_reports_all_of_them_at_once()
    {
        var subject = Samples.Company() with
        {
            CertificateNumber = "91330106MA2KEXAMP5",
            MailingAddress = Samples.Address("beijing"),
            Leader = Samples.Leader() with { Mobile = "1380013800" },
        };
        var first = Samples.Website() with
        {
            Domains = ["example.cn", "example.hk"],
            HomeUrl = "https://www.other.cn/",
            Languages = [99],
            Administrator = Samples.Administrator() with { Email = "not-an-email" },
        };
        var second = Samples.Website("example.cn", Samples.SecondAdministrator());

        var violations = Violations(new Filing(subject, [first, second]));

        Assert.Equal(
            [
                ("subject.certificate_number", "INVALID_CHECKSUM"),
                ("subject.mailing_address.province", "PROVINCE_MISMATCH"),
                ("subject.leader.mobile", "INVALID_FORMAT"),
                ("services[0].domains[1]", "TLD_NOT_APPROVED"),
                ("services[0].home_url", "NOT_ON_FILED_DOMAIN"),
                ("services[0].languages[0]", "UNKNOWN_CODE"),
                ("services[0].administrator.email", "INVALID_FORMAT"),
                ("services[1].domains[0]", "DUPLICATE"),
            ],
            violations);
    }

    [Fact]
    public void Missing_subject_is_required() =>
        Assert.Equal([("subject", "REQUIRED")], Violations(new Filing(Subject.Empty, [Samples.Website()])));

    [Fact]
    public void Filing_without_services_is_refused() =>
        Assert.Equal([("services", "REQUIRED")], Violations(new Filing(Samples.Company(), [])));

    [Fact]
    public void Blank_fields_are_required_each_by_its_path()
    {
        var subject = Samples.Company() with { Name = "   ", Leader = Samples.Leader() with { Email = "" } };
        var website = Samples.Website() with { HomeUrl = "", Administrator = Person.Empty };

        var violations = Violations(new Filing(subject, [website]));

        Assert.Equal(
            [
                ("subject.name", "REQUIRED"),
                ("subject.leader.email", "REQUIRED"),
                ("services[0].home_url", "REQUIRED"),
                ("services[0].administrator", "REQUIRED"),
            ],
            violations);
    }

    [Fact]
    public void Name_longer_than_100_characters_is_too_long() =>
        Assert.Equal(
            [("subject.name", "TOO_LONG")],
            Violations(new Filing(Samples.Company() with { Name = new string('名', 101) }, [Samples.Website()])));

    [Fact]
    public void Unknown_province_is_refused() =>
        Assert.Equal(
            [("subject.province", "UNKNOWN_PROVINCE")],
            Violations(new Filing(Samples.Company() with { Province = "atlantis" }, [Samples.Website()])));

    [Fact]
    public void Address_in_another_province_is_a_mismatch() =>
        Assert.Equal(
            [("subject.certificate_address.province", "PROVINCE_MISMATCH")],
            Violations(new Filing(Samples.Company() with { CertificateAddress = Samples.Address("京") }, [Samples.Website()])));

    [Fact]
    public void Unknown_subject_nature_is_an_unknown_code() =>
        Assert.Equal(
            [("subject.nature", "UNKNOWN_CODE")],
            Violations(new Filing(Samples.Company() with { Nature = 99 }, [Samples.Website()])));

    [Fact]
    public void Unknown_subject_certificate_type_is_an_unknown_code() =>
        Assert.Equal(
            [("subject.certificate_type", "UNKNOWN_CODE")],
            Violations(new Filing(Samples.Company() with { CertificateType = 99 }, [Samples.Website()])));

    [Fact]
    public void Unknown_leader_certificate_type_is_an_unknown_code() =>
        Assert.Equal(
            [("subject.leader.certificate_type", "UNKNOWN_CODE")],
            Violations(WithLeader(Samples.Leader() with { CertificateType = 99 })));

    [Fact]
    public void Certificate_type_not_issued_to_the_subjects_nature_is_refused()
    {
        // 事业单位法人证书 (type 4) is issued to public institutions, not to enterprises (nature 4).
        var subject = Samples.Company() with { Nature = 4, CertificateType = 4 };

        Assert.Equal([("subject.certificate_type", "NOT_FOR_NATURE")], Violations(new Filing(subject, [Samples.Website()])));
    }

    [Fact]
    public void Resident_id_with_a_wrong_check_character_fails_the_checksum() =>
        Assert.Equal(
            [("subject.leader.certificate_number", "INVALID_CHECKSUM")],
            Violations(WithLeader(Samples.Leader() with { CertificateNumber = "330106198503071239" })));

    [Fact]
    public void Passport_number_outside_its_pattern_is_an_invalid_format() =>
        Assert.Equal(
            [("subject.leader.certificate_number", "INVALID_FORMAT")],
            Violations(WithLeader(Samples.Leader() with { CertificateType = 7, CertificateNumber = "e-1234" })));

    [Fact]
    public void Passport_number_in_lower_case_is_accepted_in_upper_case() =>
        Assert.Equal(
            "E12345678",
            Normalize(WithLeader(Samples.Leader() with { CertificateType = 7, CertificateNumber = "e12345678" })).Subject.Leader.CertificateNumber);

    [Theory]
    [InlineData("330106209901011231")] // born in 2099
    [InlineData("330106202503041230")] // born tomorrow
    [InlineData("330106189901011236")] // born in 1899
    [InlineData("330106194902301231")] // born on 30 February
    public void Resident_id_with_an_implausible_birth_date_is_refused(string number) =>
        Assert.Equal(
            [("subject.leader.certificate_number", "IMPLAUSIBLE_BIRTH_DATE")],
            Violations(WithLeader(Samples.Leader() with { CertificateNumber = number })));

    [Fact]
    public void Individual_is_their_own_entity_leader()
    {
        var leader = Samples.Leader();
        var individual = new Subject(5, leader.Name, 2, leader.CertificateNumber, "zhejiang", Samples.Address(), Samples.Address(), leader);

        var normalized = Normalize(new Filing(individual, [Samples.PersonalWebsite()]));

        Assert.Equal(5, normalized.Subject.Nature);
    }

    [Fact]
    public void Individual_with_someone_else_as_leader_is_a_mismatch()
    {
        var person = Samples.Leader();
        var individual = new Subject(5, person.Name, 2, person.CertificateNumber, "zhejiang", Samples.Address(), Samples.Address(),
            Samples.SecondAdministrator());

        Assert.Equal(
            [
                ("subject.leader.certificate_number", "INDIVIDUAL_MISMATCH"),
                ("subject.leader.name", "INDIVIDUAL_MISMATCH"),
            ],
            Violations(new Filing(individual, [Samples.PersonalWebsite()])));
    }

    [Fact]
    public void Individual_uses_a_leader_certificate_type_not_a_business_one()
    {
        var person = Samples.Leader();
        var individual = new Subject(5, person.Name, 13, person.CertificateNumber, "zhejiang", Samples.Address(), Samples.Address(), person);

        Assert.Equal([("subject.certificate_type", "UNKNOWN_CODE")], Violations(new Filing(individual, [Samples.PersonalWebsite()])));
    }

    [Theory]
    [MemberData(nameof(RuleBookTests.UnfilableTlds), MemberType = typeof(RuleBookTests))]
    public void Domain_under_an_unapproved_TLD_is_refused(string tld) =>
        Assert.Equal([("services[0].domains[0]", "TLD_NOT_APPROVED")], Violations(WithWebsite(Samples.Website($"example.{tld}"))));

    [Theory]
    [InlineData("example.com")]
    [InlineData("example.net")]
    [InlineData("example.org")]
    [InlineData("example.xin")]
    [InlineData("example.top")]
    [InlineData("示例.公司")]
    [InlineData("示例.网络")]
    public void Domain_under_an_approved_TLD_is_accepted(string domain) =>
        Assert.Equal([domain], Normalize(WithWebsite(Samples.Website(domain))).Services[0].Domains);

    [Fact]
    public void Internationalized_domain_is_accepted_in_Unicode_form()
    {
        var website = Samples.Website() with { Domains = ["例子.中国"], HomeUrl = "http://例子.中国/" };

        Assert.Equal(["例子.中国"], Normalize(WithWebsite(website)).Services[0].Domains);
    }

    [Fact]
    public void Punycode_domain_is_stored_in_Unicode_form()
    {
        var website = Samples.Website() with { Domains = ["xn--fsqu00a.xn--fiqs8s"], HomeUrl = "http://www.例子.中国/" };

        Assert.Equal(["例子.中国"], Normalize(WithWebsite(website)).Services[0].Domains);
    }

    [Theory]
    [InlineData("exa mple.cn")]
    [InlineData("localhost")]
    [InlineData("-example.cn")]
    [InlineData("example..cn")]
    public void Malformed_domain_is_an_invalid_format(string domain)
    {
        var website = Samples.Website() with { Domains = [domain] };

        Assert.Contains(("services[0].domains[0]", "INVALID_FORMAT"), Violations(WithWebsite(website)));
    }

    [Fact]
    public void Same_domain_twice_in_one_website_is_a_duplicate()
    {
        var website = Samples.Website() with { Domains = ["example.cn", "EXAMPLE.cn"] };

        Assert.Equal([("services[0].domains[1]", "DUPLICATE")], Violations(WithWebsite(website)));
    }

    [Fact]
    public void Home_url_on_a_subdomain_of_a_filed_domain_is_accepted()
    {
        var website = Samples.Website() with { HomeUrl = "https://blog.example.cn/zh/index.html" };

        Assert.Equal("https://blog.example.cn/zh/index.html", Normalize(WithWebsite(website)).Services[0].HomeUrl);
    }

    [Fact]
    public void Home_url_on_a_name_that_merely_ends_like_the_domain_is_not_on_it()
    {
        var website = Samples.Website() with { HomeUrl = "https://notexample.cn/" };

        Assert.Equal([("services[0].home_url", "NOT_ON_FILED_DOMAIN")], Violations(WithWebsite(website)));
    }

    [Theory]
    [InlineData("ftp://www.example.cn/")]
    [InlineData("www.example.cn")]
    [InlineData("/index.html")]
    public void Home_url_that_is_not_absolute_http_is_an_invalid_format(string url) =>
        Assert.Equal([("services[0].home_url", "INVALID_FORMAT")], Violations(WithWebsite(Samples.Website() with { HomeUrl = url })));

    [Fact]
    public void An_app_with_its_package_name_platform_key_and_signature_is_valid_and_its_hash_lower_cased()
    {
        var app = Assert.Single(Normalize(WithWebsite(Samples.App())).Services).App!;
        Assert.Equal("0123456789abcdef0123456789abcdef", app.SignatureHash);
        Assert.Equal("cn.example.shop", app.PackageName);
    }

    [Fact]
    public void An_app_has_no_domain_or_home_url_and_a_website_has_no_app_data()
    {
        var app = Samples.App() with { Domains = ["example.cn"], HomeUrl = "https://example.cn/" };
        Assert.Equal([("services[0].domains", "NOT_ALLOWED"), ("services[0].home_url", "NOT_ALLOWED")], Violations(WithWebsite(app)));
        var website = Samples.Website() with { App = Samples.App().App };
        Assert.Equal([("services[0].app", "NOT_ALLOWED")], Violations(WithWebsite(website)));
    }

    [Fact]
    public void App_fields_are_checked_each_with_its_own_path()
    {
        var app = Samples.App() with { App = new AppInfo("not a package", AppPlatform.Unspecified, "", "xyz") };
        Assert.Equal(
            [("services[0].app.package_name", "INVALID_FORMAT"), ("services[0].app.platform", "REQUIRED"),
             ("services[0].app.public_key", "REQUIRED"), ("services[0].app.signature_hash", "INVALID_FORMAT")],
            Violations(WithWebsite(app)));
        Assert.Equal([("services[0].app", "REQUIRED")], Violations(WithWebsite(Samples.App() with { App = null })));
    }

    [Fact]
    public void The_same_app_twice_in_one_filing_is_a_duplicate() =>
        Assert.Contains(("services[1].app.package_name", "DUPLICATE"),
            Violations(new Filing(Samples.Company(), [Samples.App(), Samples.App()])));

    [Fact]
    public void Service_of_unspecified_kind_is_required_to_name_one() =>
        Assert.Contains(("services[0].kind", "REQUIRED"), Violations(WithWebsite(Samples.Website() with { Kind = ServiceKind.Unspecified })));
}
