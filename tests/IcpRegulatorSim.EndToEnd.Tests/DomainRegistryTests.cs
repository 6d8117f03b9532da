using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// The administration's checks of a filing's domains against the domain registry (registered, unexpired, approved
/// registrar, real-name verified, registered to the subject itself) and of its domains and subject against the
/// blacklist. The server trusts no domain it has no registration for, as the real registry would.
/// </summary>
public sealed class DomainRegistryTests : ServerTest
{
    private const string SecondDomain = "filing.services[0].domains[1]";

    protected override string[] ServerArgs => ["--Regulator:TrustUnknownDomains=false"];

    /// <summary>Ways a registration can fail the administration's checks, each with the problem it must report.</summary>
    private static readonly Dictionary<string, (Func<DomainRegistration, DomainRegistration?> Registration, string Problem)> Unsupported = new()
    {
        ["registrant name differs"] = (r => With(r, x => x.RegistrantName = "上海别家示例有限公司"), "REGISTRANT_MISMATCH"),
        ["registrant certificate type differs"] = (r => With(r, x => x.RegistrantCertificateType = 1), "REGISTRANT_MISMATCH"),
        ["registrant certificate number differs"] = (r => With(r, x => x.RegistrantCertificateNumber = SampleFilings.CreditCode("31", 99)), "REGISTRANT_MISMATCH"),
        ["registration expired yesterday"] = (r => With(r, x => x.ExpiresAt = Timestamp.FromDateTimeOffset(RegulatorServer.Start.AddDays(-1))), "DOMAIN_EXPIRED"),
        ["registration expires at this very instant"] = (r => With(r, x => x.ExpiresAt = Timestamp.FromDateTimeOffset(RegulatorServer.Start)), "DOMAIN_EXPIRED"),
        ["not in the registry"] = (_ => null, "DOMAIN_NOT_REGISTERED"),
        ["registered through GoDaddy"] = (r => With(r, x => x.Registrar = "godaddy"), "REGISTRAR_NOT_APPROVED"),
        ["registered through a registrar the rules do not know"] = (r => With(r, x => x.Registrar = "registrar-of-nowhere"), "REGISTRAR_NOT_APPROVED"),
        ["registrant not real-name verified"] = (r => With(r, x => x.RealNameVerified = false), "REAL_NAME_NOT_VERIFIED"),
    };

    public static TheoryData<string> UnsupportedRegistrations => new(Unsupported.Keys);

    /// <summary>Registrations the sandbox must refuse to load, with the field and reason it must name.</summary>
    private static readonly Dictionary<string, (Action<DomainRegistration> Break, string Field, string Reason)> BadRegistrations = new()
    {
        ["domain that is not a domain name"] = (r => r.Domain = "not a domain", "domain", "INVALID_FORMAT"),
        ["unknown certificate type 99"] = (r => r.RegistrantCertificateType = 99, "registrant_certificate_type", "UNKNOWN_CODE"),
        ["no expiry"] = (r => r.ExpiresAt = null, "expires_at", "REQUIRED"),
        ["no registrar"] = (r => r.Registrar = " ", "registrar", "REQUIRED"),
        ["no registrant name"] = (r => r.RegistrantName = "", "registrant_name", "REQUIRED"),
        ["no registrant certificate number"] = (r => r.RegistrantCertificateNumber = "", "registrant_certificate_number", "REQUIRED"),
    };

    public static TheoryData<string> RefusedRegistrations => new(BadRegistrations.Keys);

    [Fact]
    public async Task A_company_whose_domains_are_registered_to_it_passes_the_registry_checks()
    {
        var filing = TwoDomainCompany();
        await RegisterAsync(filing);

        var order = (await Gateway.SubmitAsync(filing)).Order;

        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    [Fact]
    public async Task An_individual_whose_domain_is_registered_to_them_passes_the_registry_checks()
    {
        var filing = Samples.Individual();
        await RegisterAsync(filing);

        var order = (await Gateway.SubmitAsync(filing)).Order;

        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    [Fact]
    public async Task Registry_fixtures_loaded_with_the_cli_are_what_the_administration_checks()
    {
        var registered = TwoDomainCompany();
        var unverified = Samples.Company();
        var fixtures = Registrations(registered).Append(With(Registration(unverified, unverified.Services[0].Domains[0]), r => r.RealNameVerified = false));
        var scratch = Directory.CreateTempSubdirectory("icp-registry-");
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            var path = Path.Combine(scratch.FullName, "fixtures.json");
            await File.WriteAllTextAsync(path, "[" + string.Join(",", fixtures.Select(f => JsonFormatter.Default.Format(f))) + "]");
            var exit = await GatewayCli.RunAsync(["--address", Server.Address.ToString(), "registry", "load", path], output, error);
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                $"registered {registered.Services[0].Domains[0]} to {registered.Subject.Name} via alibaba-cloud",
                $"registered {registered.Services[0].Domains[1]} to {registered.Subject.Name} via alibaba-cloud",
                $"registered {unverified.Services[0].Domains[0]} to {unverified.Subject.Name} via alibaba-cloud (not real-name verified)",
            ],
            lines);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(registered)).Order.Status);
        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(unverified));
        Assert.Equal(("REAL_NAME_NOT_VERIFIED", "filing.services[0].domains[0]"), Single(e));
    }

    [Theory]
    [MemberData(nameof(UnsupportedRegistrations))]
    public async Task A_domain_the_registry_does_not_support_is_refused_naming_the_problem_and_the_field_and_changes_nothing(string registration)
    {
        var filing = TwoDomainCompany();
        var second = filing.Services[0].Domains[1];
        await Gateway.RegisterDomainAsync(Registration(filing, filing.Services[0].Domains[0]));
        if (Unsupported[registration].Registration(Registration(filing, second)) is { } unsupported)
        {
            await Gateway.RegisterDomainAsync(unsupported);
        }
        var request = new SubmitFilingRequest { IdempotencyKey = "registry-refusal", Filing = filing };

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("DOMAIN_CHECKS_FAILED", e.Reason);
        Assert.Null(e.NumericCode);
        Assert.NotEmpty(e.MessageZh);
        Assert.Empty(e.FieldProblems);
        Assert.Equal((Unsupported[registration].Problem, SecondDomain), Single(e));
        Assert.Contains(second, e.PreconditionProblems[0].Description);
        await AssertNothingChangedAsync();

        // Once the registry supports the domain, the very same request (same idempotency key) is accepted as new.
        await Gateway.RegisterDomainAsync(Registration(filing, second));
        var accepted = await Gateway.SubmitAsync(request);
        Assert.False(accepted.Replayed);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, accepted.Order.Status);
    }

    [Fact]
    public async Task A_domain_under_an_unapproved_tld_is_refused_by_the_validator_as_invalid_even_when_registered()
    {
        var filing = TwoDomainCompany();
        filing.Services[0].Domains[1] = "yunqi-example.hk";
        await RegisterAsync(filing);

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var problem = Assert.Single(e.FieldProblems);
        Assert.Equal((SecondDomain, "TLD_NOT_APPROVED"), (problem.Field, problem.Reason));
        Assert.NotEmpty(problem.DescriptionZh);
        Assert.Empty(e.PreconditionProblems);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Every_registry_problem_of_a_filing_is_reported_at_once_each_at_its_field()
    {
        var filing = TwoDomainCompany();
        var shop = filing.Services[0].Clone();
        shop.Name = "示例商城";
        shop.Domains[0] = "shop-" + filing.Services[0].Domains[0];
        shop.Domains[1] = "shop-" + filing.Services[0].Domains[1];
        shop.HomeUrl = $"https://{shop.Domains[0]}/";
        filing.Services.Add(shop);
        var website = filing.Services[0];
        await Gateway.RegisterDomainAsync(With(Registration(filing, website.Domains[0]), r => r.ExpiresAt = Timestamp.FromDateTimeOffset(RegulatorServer.Start.AddYears(-1))));
        await Gateway.RegisterDomainAsync(With(Registration(filing, website.Domains[1]), r =>
        {
            r.ExpiresAt = Timestamp.FromDateTimeOffset(RegulatorServer.Start.AddDays(-30));
            r.Registrar = "godaddy";
            r.RealNameVerified = false;
            r.RegistrantName = "别人";
        }));
        // shop.Domains[0] is not in the registry at all.
        await Gateway.RegisterDomainAsync(With(Registration(filing, shop.Domains[1]), r => r.RegistrantCertificateType = 1));

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal("DOMAIN_CHECKS_FAILED", e.Reason);
        Assert.Equal(
            [
                ("DOMAIN_EXPIRED", "filing.services[0].domains[0]"),
                ("DOMAIN_EXPIRED", "filing.services[0].domains[1]"),
                ("REGISTRAR_NOT_APPROVED", "filing.services[0].domains[1]"),
                ("REAL_NAME_NOT_VERIFIED", "filing.services[0].domains[1]"),
                ("REGISTRANT_MISMATCH", "filing.services[0].domains[1]"),
                ("DOMAIN_NOT_REGISTERED", "filing.services[1].domains[0]"),
                ("REGISTRANT_MISMATCH", "filing.services[1].domains[1]"),
            ],
            e.PreconditionProblems.Select(p => (p.Type, p.Subject)));
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("www")]
    [InlineData("shop")]
    public async Task A_subdomain_passes_on_its_parents_registration(string label)
    {
        var filing = Samples.Company();
        var parent = filing.Services[0].Domains[0];
        await Gateway.RegisterDomainAsync(Registration(filing, parent));
        filing.Services[0].Domains[0] = $"{label}.{parent}";
        filing.Services[0].HomeUrl = $"https://{label}.{parent}/";

        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(filing)).Order.Status);
    }

    [Fact]
    public async Task A_subdomain_is_refused_for_what_is_wrong_with_its_parents_registration()
    {
        var filing = TwoDomainCompany();
        var parent = filing.Services[0].Domains[1];
        await Gateway.RegisterDomainAsync(Registration(filing, filing.Services[0].Domains[0]));
        await Gateway.RegisterDomainAsync(With(Registration(filing, parent), r =>
        {
            r.RegistrantName = "上海别家示例有限公司";
            r.ExpiresAt = Timestamp.FromDateTimeOffset(RegulatorServer.Start.AddDays(-1));
        }));
        filing.Services[0].Domains[1] = "shop." + parent;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal(
            [("DOMAIN_EXPIRED", SecondDomain), ("REGISTRANT_MISMATCH", SecondDomain)],
            e.PreconditionProblems.Select(p => (p.Type, p.Subject)));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_subdomain_whose_parent_is_not_registered_is_refused_as_not_registered()
    {
        var filing = TwoDomainCompany();
        await Gateway.RegisterDomainAsync(Registration(filing, filing.Services[0].Domains[0]));
        filing.Services[0].Domains[1] = "www." + filing.Services[0].Domains[1];

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal(("DOMAIN_NOT_REGISTERED", SecondDomain), Single(e));
    }

    [Fact]
    public async Task A_blacklisted_domain_is_refused_with_code_1064_until_it_is_taken_off_the_blacklist()
    {
        var filing = TwoDomainCompany();
        await RegisterAsync(filing);
        var second = filing.Services[0].Domains[1];
        // The blacklist keys domains as the registry does: the entry in capitals catches the domain in lower case.
        await Gateway.UpdateBlacklistAsync(domains: [second.ToUpperInvariant()]);
        var request = new SubmitFilingRequest { IdempotencyKey = "blacklisted-domain", Filing = filing };

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("DOMAIN_BLACKLISTED", e.Reason);
        Assert.Equal(1064, e.NumericCode);
        Assert.Equal(("DOMAIN_BLACKLISTED", SecondDomain), Single(e));
        await AssertNothingChangedAsync();

        await Gateway.UpdateBlacklistAsync(domains: [second], remove: true);
        var accepted = await Gateway.SubmitAsync(request);
        Assert.False(accepted.Replayed);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, accepted.Order.Status);
    }

    [Fact]
    public async Task A_blacklisted_subject_with_blacklisted_and_unregistered_domains_hears_of_every_problem_each_with_its_field()
    {
        var filing = TwoDomainCompany();
        await RegisterAsync(filing);
        var domains = filing.Services[0].Domains;
        domains.Add("third-" + domains[0]);
        await Gateway.UpdateBlacklistAsync(domains: [domains[0], domains[1]], certificateNumbers: [filing.Subject.CertificateNumber]);

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal(("SUBJECT_BLACKLISTED", 1065), (e.Reason, e.NumericCode));
        Assert.Equal(
            [
                ("SUBJECT_BLACKLISTED", "filing.subject.certificate_number"),
                ("DOMAIN_BLACKLISTED", "filing.services[0].domains[0]"),
                ("DOMAIN_BLACKLISTED", "filing.services[0].domains[1]"),
                ("DOMAIN_NOT_REGISTERED", "filing.services[0].domains[2]"),
            ],
            e.PreconditionProblems.Select(p => (p.Type, p.Subject)));
        Assert.Contains(filing.Subject.CertificateNumber, e.PreconditionProblems[0].Description);
        Assert.Contains(domains[1], e.PreconditionProblems[2].Description);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_registration_with_several_problems_hears_of_all_of_them_at_once()
    {
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.RegisterDomainAsync(new DomainRegistration { Domain = "not a domain" }));
        Assert.Equal(
            ["expires_at REQUIRED", "domain INVALID_FORMAT", "registrar REQUIRED", "registrant_name REQUIRED", "registrant_certificate_type UNKNOWN_CODE",
             "registrant_certificate_number REQUIRED"],
            e.FieldProblems.Select(p => $"{p.Field} {p.Reason}"));
    }

    [Fact]
    public async Task A_subdomain_of_a_blacklisted_domain_is_refused_with_code_1064()
    {
        // A subdomain is checked against its parent's registration; the blacklist must not be dodged by filing www. of it.
        var filing = Samples.Company();
        var parent = filing.Services[0].Domains[0];
        await Gateway.RegisterDomainAsync(Registration(filing, parent));
        await Gateway.UpdateBlacklistAsync(domains: [parent]);
        filing.Services[0].Domains[0] = "www." + parent;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal("DOMAIN_BLACKLISTED", e.Reason);
        Assert.Equal(1064, e.NumericCode);
        Assert.Equal(("DOMAIN_BLACKLISTED", "filing.services[0].domains[0]"), Single(e));
        Assert.Contains("www." + parent, e.PreconditionProblems[0].Description);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_blacklisted_subject_is_refused_with_code_1065_until_it_is_taken_off_the_blacklist()
    {
        var filing = TwoDomainCompany();
        await RegisterAsync(filing);
        var certificate = filing.Subject.CertificateNumber;
        await Gateway.UpdateBlacklistAsync(certificateNumbers: [certificate.ToLowerInvariant()]);
        var request = new SubmitFilingRequest { IdempotencyKey = "blacklisted-subject", Filing = filing };

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("SUBJECT_BLACKLISTED", e.Reason);
        Assert.Equal(1065, e.NumericCode);
        Assert.Equal(("SUBJECT_BLACKLISTED", "filing.subject.certificate_number"), Single(e));
        await AssertNothingChangedAsync();

        await Gateway.UpdateBlacklistAsync(certificateNumbers: [certificate], remove: true);
        var accepted = await Gateway.SubmitAsync(request);
        Assert.False(accepted.Replayed);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, accepted.Order.Status);
    }

    [Fact]
    public async Task A_new_website_of_a_filed_subject_is_checked_against_the_filed_subject()
    {
        var filed = Samples.Company();
        await RegisterAsync(filed);
        await Gateway.FileAsync(filed);
        var other = Samples.Company();
        var site = other.Services[0];
        // Registered to another company: the filed subject is not its registrant.
        await Gateway.RegisterDomainAsync(Registration(other, site.Domains[0]));
        var before = (await Gateway.ListFilingsAsync()).Orders.Count;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(
            new SubmitFilingRequest { Type = FilingType.AddService, Filing = new Filing { Subject = filed.Subject, Services = { site } } }));

        Assert.Equal(("REGISTRANT_MISMATCH", "filing.services[0].domains[0]"), Single(e));
        Assert.Equal(before, (await Gateway.ListFilingsAsync()).Orders.Count);
    }

    [Fact]
    public async Task Trusting_unknown_domains_lets_an_unregistered_domain_pass_but_still_checks_registered_ones()
    {
        await using var server = await RegulatorServer.StartAsync();
        var gateway = server.Gateway();
        var unregistered = TwoDomainCompany();
        var mismatched = TwoDomainCompany();
        await gateway.RegisterDomainAsync(With(Registration(mismatched, mismatched.Services[0].Domains[0]), r => r.RegistrantName = "别人"));

        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.SubmitAsync(unregistered)).Order.Status);
        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => gateway.SubmitAsync(mismatched));
        // The second domain has no registration, which this server trusts: only the first is reported.
        Assert.Equal(("REGISTRANT_MISMATCH", "filing.services[0].domains[0]"), Single(e));
    }

    [Theory]
    [MemberData(nameof(RefusedRegistrations))]
    public async Task A_registration_the_sandbox_cannot_load_is_refused_naming_the_field_and_stores_nothing(string registration)
    {
        var filing = Samples.Company();
        var domain = filing.Services[0].Domains[0];
        var (breakIt, field, reason) = BadRegistrations[registration];

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.RegisterDomainAsync(With(Registration(filing, domain), breakIt)));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var problem = Assert.Single(e.FieldProblems);
        Assert.Equal((field, reason), (problem.Field, problem.Reason));
        Assert.NotEmpty(problem.DescriptionZh);
        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filing));
        Assert.Equal(("DOMAIN_NOT_REGISTERED", "filing.services[0].domains[0]"), Single(refused));
    }

    private Filing TwoDomainCompany()
    {
        var filing = Samples.Company();
        var website = filing.Services[0];
        website.Domains.Add("second-" + website.Domains[0]);
        return filing;
    }

    private async Task RegisterAsync(Filing filing)
    {
        foreach (var registration in Registrations(filing))
        {
            await Gateway.RegisterDomainAsync(registration);
        }
    }

    private static IEnumerable<DomainRegistration> Registrations(Filing filing) =>
        filing.Services.SelectMany(s => s.Domains).Select(d => Registration(filing, d));

    /// <summary>A registration that passes every check: to the subject itself, verified, through an approved registrar, for a year.</summary>
    private static DomainRegistration Registration(Filing filing, string domain) =>
        SampleFilings.Registration(filing, domain, RegulatorServer.Start.AddYears(1));

    private static DomainRegistration With(DomainRegistration registration, Action<DomainRegistration> change)
    {
        var copy = registration.Clone();
        change(copy);
        return copy;
    }

    private static (string Type, string Subject) Single(RegulatorCallException e)
    {
        var problem = Assert.Single(e.PreconditionProblems);
        return (problem.Type, problem.Subject);
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        Assert.Empty((await Gateway.ListMessagesAsync()).Messages);
    }
}
