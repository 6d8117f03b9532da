using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static IcpRegulatorSim.EndToEnd.Tests.OrderSteps;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>The "verify filing type" step: what a provider's order for a subject and a domain or app would be.</summary>
public sealed class DetermineFilingTypeTests : ServerTest
{
    [Fact]
    public async Task A_subject_and_domain_nobody_filed_make_an_initial_filing()
    {
        var filing = Samples.Company();
        var answer = await DetermineAsync(Gateway, filing.Subject, filing.Subject.Province, domain: filing.Services[0].Domains[0]);
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.Initial, false), (answer.Verdict, answer.Type, answer.FilingPasswordRequired));
        Assert.Equal("", answer.SubjectNumber);
        Assert.NotEmpty(answer.Message.Zh);
    }

    [Fact]
    public async Task A_filed_subject_with_a_new_domain_makes_an_add_service_order_under_its_number()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var answer = await DetermineAsync(Gateway, filed.Subject, "zhejiang", domain: "brand-new-site.cn");
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddService, filed.SubjectNumber), (answer.Verdict, answer.Type, answer.SubjectNumber));
        Assert.False(answer.FilingPasswordRequired);
        Assert.Equal("", answer.ServiceNumber);
    }

    [Fact]
    public async Task A_domain_filed_through_another_provider_makes_an_add_access_order_that_needs_the_password()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var answer = await DetermineAsync(SecondProvider(), filed.Subject, "zhejiang", domain: filed.Service(0).Domains[0]);
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddAccess), (answer.Verdict, answer.Type));
        Assert.True(answer.FilingPasswordRequired);
        Assert.Equal((filed.SubjectNumber, filed.ServiceNumber(0)), (answer.SubjectNumber, answer.ServiceNumber));
    }

    [Fact]
    public async Task The_providers_own_service_is_already_hosted()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var answer = await DetermineAsync(Gateway, filed.Subject, "zhejiang", domain: filed.Service(0).Domains[0]);
        Assert.Equal((FilingTypeVerdict.AlreadyHosted, FilingType.Unspecified), (answer.Verdict, answer.Type));
        Assert.Equal(filed.ServiceNumber(0), answer.ServiceNumber);
    }

    [Fact]
    public async Task A_domain_of_another_subject_is_filed_under_another_subject_with_code_1005()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var stranger = Samples.Company().Subject;
        foreach (var provider in new[] { Gateway, SecondProvider() })
        {
            var answer = await DetermineAsync(provider, stranger, "zhejiang", domain: filed.Service(0).Domains[0]);
            Assert.Equal((FilingTypeVerdict.FiledUnderAnotherSubject, 1005), (answer.Verdict, answer.NumericCode));
            Assert.Equal(FilingType.Unspecified, answer.Type);
        }
    }

    [Fact]
    public async Task A_domain_only_being_filed_by_another_subject_is_taken_too()
    {
        var filing = Samples.Company();
        await Gateway.SubmitAsync(filing);
        var answer = await DetermineAsync(Gateway, Samples.Company().Subject, "zhejiang", domain: filing.Services[0].Domains[0]);
        Assert.Equal((FilingTypeVerdict.FiledUnderAnotherSubject, 1005), (answer.Verdict, answer.NumericCode));
    }

    [Fact]
    public async Task A_subject_filed_in_another_province_is_a_province_mismatch_with_code_1046()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company("zhejiang"));
        var answer = await DetermineAsync(Gateway, filed.Subject, "beijing", domain: "moving-north.cn");
        Assert.Equal((FilingTypeVerdict.ProvinceMismatch, 1046, filed.SubjectNumber), (answer.Verdict, answer.NumericCode, answer.SubjectNumber));
        Assert.Equal(FilingType.Unspecified, answer.Type);
    }

    [Fact]
    public async Task An_order_in_process_is_named_with_the_type()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var renamed = filed.Subject.Clone();
        renamed.Name = "杭州判定示例科技有限公司";
        var change = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = renamed },
        })).Order;

        var answer = await DetermineAsync(Gateway, filed.Subject, "zhejiang", domain: "another-new-site.cn");
        Assert.Equal((FilingType.AddService, change.OrderId), (answer.Type, answer.OrderInProcess));
    }

    [Fact]
    public async Task An_app_is_determined_by_its_package_name_like_a_domain()
    {
        var filing = Samples.Company();
        filing.Services.Add(App("示例App", "com.example.determine", Samples.Company().Services[0].Administrator));
        var unfiled = await DetermineAsync(Gateway, filing.Subject, "zhejiang", app: "com.example.determine");
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.Initial), (unfiled.Verdict, unfiled.Type));

        var filed = await Gateway.FileInitialAsync(filing);
        var appNumber = filed.ServiceNumber(1);
        var own = await DetermineAsync(Gateway, filed.Subject, "zhejiang", app: "com.example.determine");
        Assert.Equal((FilingTypeVerdict.AlreadyHosted, appNumber), (own.Verdict, own.ServiceNumber));
        var transfer = await DetermineAsync(SecondProvider(), filed.Subject, "zhejiang", app: "com.example.determine");
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddAccess, appNumber, true),
            (transfer.Verdict, transfer.Type, transfer.ServiceNumber, transfer.FilingPasswordRequired));
        var newApp = await DetermineAsync(Gateway, filed.Subject, "zhejiang", app: "com.example.another");
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddService), (newApp.Verdict, newApp.Type));
        var stranger = await DetermineAsync(Gateway, Samples.Company().Subject, "zhejiang", app: "com.example.determine");
        Assert.Equal((FilingTypeVerdict.FiledUnderAnotherSubject, 1005), (stranger.Verdict, stranger.NumericCode));
        // A package name never matches a domain, even one spelled the same.
        var domain = await DetermineAsync(Gateway, Samples.Company().Subject, "zhejiang", domain: "com.example.determine");
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.Initial), (domain.Verdict, domain.Type));
    }

    [Fact]
    public async Task A_question_without_a_known_province_or_a_domain_is_invalid()
    {
        var subject = Samples.Company().Subject;
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            Gateway.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, "atlantis", domain: ""));
        Assert.Equal(["domain", "province"], e.FieldProblems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    private static Task<DetermineFilingTypeResponse> DetermineAsync(
        ProviderGatewayClient provider, Subject subject, string province, string? domain = null, string? app = null) =>
        provider.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, province, domain, app);

    private ProviderGatewayClient SecondProvider() => Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });
}
