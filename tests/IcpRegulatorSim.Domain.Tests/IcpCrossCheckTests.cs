using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class IcpCrossCheckTests
{
    private const string SubjectNumber = "浙ICP备2025000001号";

    // A subject with two websites (example.cn, -1; shop.example.cn, -2) and an app (-3A); the second website revoked.
    private static FiledSubject Registry()
    {
        var subject = FiledSubject.Create(SubjectNumber, Samples.Company(), "hash-1", Samples.MondayMorning);
        subject.AddService(Samples.Website(), "p", Samples.MondayMorning);
        subject.AddService(Samples.Website("shop.example.cn"), "p", Samples.MondayMorning);
        subject.AddService(Samples.App(), "p", Samples.MondayMorning);
        subject.Revoke($"{SubjectNumber}-2", Samples.MondayMorning);
        return subject;
    }

    private static (IReadOnlyList<FiledService> Services, IReadOnlyList<FieldViolation> Violations) Check(
        string icpNumber, string[] domains, bool mainland = true, string? certificate = null)
    {
        var registry = Registry();
        var violations = new Violations();
        var services = IcpCrossCheck.Check(violations.Under("website"), icpNumber, domains, mainland, certificate ?? Samples.Company().CertificateNumber,
            number => number == SubjectNumber ? registry : null);
        return (services, violations.Items);
    }

    private static void Refused(string field, string reason, (IReadOnlyList<FiledService> Services, IReadOnlyList<FieldViolation> Violations) result)
    {
        var violation = Assert.Single(result.Violations);
        Assert.Equal((field, reason), (violation.Field, violation.Reason));
        Assert.NotEmpty(violation.En);
        Assert.NotEmpty(violation.Zh);
        Assert.Empty(result.Services);
    }

    [Fact]
    public void A_websites_number_in_force_of_the_same_subject_covering_its_domain_passes()
    {
        var (services, violations) = Check($"{SubjectNumber}-1", ["example.cn"]);

        Assert.Empty(violations);
        Assert.Equal($"{SubjectNumber}-1", Assert.Single(services).Number);
    }

    [Fact]
    public void A_subjects_number_covers_the_domains_of_its_websites_in_force()
    {
        var (services, violations) = Check(SubjectNumber, ["EXAMPLE.cn"]);

        Assert.Empty(violations);
        Assert.Equal([$"{SubjectNumber}-1"], services.Select(s => s.Number));
    }

    [Fact]
    public void The_certificate_matches_however_it_is_typed()
    {
        var certificate = Samples.Company().CertificateNumber.ToLowerInvariant();

        Assert.Empty(Check($"{SubjectNumber}-1", ["example.cn"], certificate: $" {certificate} ").Violations);
    }

    [Fact]
    public void A_mainland_website_without_a_number_is_refused_and_one_hosted_outside_files_without()
    {
        Refused("website.icp_number", "REQUIRED", Check("", ["example.cn"]));
        Assert.Empty(Check("  ", ["example.cn"], mainland: false).Violations);
    }

    [Fact]
    public void Text_that_is_no_number_is_refused() => Refused("website.icp_number", "INVALID_FORMAT", Check("浙ICP备123号", ["example.cn"]));

    [Fact]
    public void An_apps_number_is_refused() => Refused("website.icp_number", "APP_NUMBER", Check($"{SubjectNumber}-3A", ["example.cn"]));

    [Fact]
    public void A_number_not_in_the_registry_is_refused()
    {
        Refused("website.icp_number", "ICP_NUMBER_NOT_FOUND", Check("浙ICP备2025000002号-1", ["example.cn"]));
        Refused("website.icp_number", "ICP_NUMBER_NOT_FOUND", Check($"{SubjectNumber}-9", ["example.cn"]));
    }

    [Fact]
    public void A_revoked_websites_number_is_not_in_force() =>
        Refused("website.icp_number", "ICP_NUMBER_NOT_IN_FORCE", Check($"{SubjectNumber}-2", ["shop.example.cn"]));

    [Fact]
    public void Another_subjects_certificate_is_refused() =>
        Refused("website.icp_number", "ICP_SUBJECT_MISMATCH", Check($"{SubjectNumber}-1", ["example.cn"], certificate: Samples.Leader().CertificateNumber));

    [Fact]
    public void Each_domain_the_number_does_not_cover_is_named()
    {
        var (services, violations) = Check($"{SubjectNumber}-1", ["example.cn", "other.cn", "shop.example.cn"]);

        Assert.Equal([("website.domains[1]", "ICP_DOMAIN_NOT_COVERED"), ("website.domains[2]", "ICP_DOMAIN_NOT_COVERED")],
            violations.Select(v => (v.Field, v.Reason)));
        Assert.Single(services);
    }
}
