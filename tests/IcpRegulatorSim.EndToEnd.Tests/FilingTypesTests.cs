using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static IcpRegulatorSim.EndToEnd.Tests.OrderSteps;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Each of the nine filing types of domain.md, end to end through the gateway: the state set up by earlier orders,
/// exactly the people the personnel table (profile current) sends codes to, approval, and what the registry then
/// shows through the public query and the provider's own view of the order.
/// </summary>
public sealed class FilingTypesTests : ServerTest
{
    [Fact]
    public async Task Initial_filing_asks_the_leader_and_the_website_administrator_and_issues_the_subject_and_its_first_service_number()
    {
        var filing = Samples.Company("zhejiang");
        var leader = filing.Subject.Leader;
        var admin = filing.Services[0].Administrator;

        var order = (await Gateway.SubmitAsync(filing, FilingType.Initial)).Order;
        Assert.Equal(Mobiles(leader, admin), order.SmsValidations.Select(v => v.Mobile).Order(StringComparer.Ordinal));
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, leader, admin)).Status);
        Assert.Equal(Mobiles(leader, admin), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        var approved = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Approved, approved.Status);
        Assert.Matches(@"^浙ICP备2026\d{6}号$", approved.SubjectNumber);
        Assert.Equal($"{approved.SubjectNumber}-1", Assert.Single(approved.ServiceNumbers).Number);
        var shown = Assert.Single((await Gateway.QueryByDomainAsync(filing.Services[0].Domains[0])).Filings);
        Assert.Equal((filing.Subject.Name, approved.SubjectNumber, $"{approved.SubjectNumber}-1"), (shown.SubjectName, shown.SubjectNumber, shown.ServiceNumber));
        // The first approval issues the subject's filing password (10 characters, settings.json) to the entity leader.
        Assert.Equal(10, (await Gateway.LatestPasswordAsync(leader.Mobile)).Length);
    }

    [Fact]
    public async Task Add_service_asks_the_leader_and_the_new_websites_administrator_and_numbers_it_after_the_filed_ones()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var site = NewWebsite();

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = filed.Subject, Services = { site } },
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filed.Leader, site.Administrator)).Status);
        Assert.Equal(Mobiles(filed.Leader, site.Administrator), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        var approved = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal((OrderStatus.Approved, FilingType.AddService, filed.SubjectNumber), (approved.Status, approved.Type, approved.SubjectNumber));
        Assert.Equal($"{filed.SubjectNumber}-2", Assert.Single(approved.ServiceNumbers).Number);
        Assert.Equal([$"{filed.SubjectNumber}-1", $"{filed.SubjectNumber}-2"],
            (await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings.Select(f => f.ServiceNumber));
        var shown = Assert.Single((await Gateway.QueryByDomainAsync(site.Domains[0])).Filings);
        Assert.Equal((filed.SubjectNumber, $"{filed.SubjectNumber}-2", site.Name), (shown.SubjectNumber, shown.ServiceNumber, shown.ServiceName));
    }

    [Fact]
    public async Task Add_service_through_another_provider_leaves_the_new_website_with_that_provider_alone()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var second = SecondProvider();
        var site = NewWebsite();

        var added = await second.FileOrderAsync(
            new SubmitFilingRequest { Type = FilingType.AddService, Filing = new Filing { Subject = filed.Subject, Services = { site } } },
            filed.Leader, site.Administrator);
        Assert.Equal((OrderStatus.Approved, filed.SubjectNumber), (added.Status, added.SubjectNumber));
        Assert.Equal($"{filed.SubjectNumber}-2", Assert.Single(added.ServiceNumbers).Number);

        var forSecond = await second.DetermineFilingTypeAsync(filed.Subject.CertificateType, filed.Subject.CertificateNumber, "zhejiang", domain: site.Domains[0]);
        Assert.Equal(FilingTypeVerdict.AlreadyHosted, forSecond.Verdict);
        var forFirst = await Gateway.DetermineFilingTypeAsync(filed.Subject.CertificateType, filed.Subject.CertificateNumber, "zhejiang", domain: site.Domains[0]);
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddAccess, $"{filed.SubjectNumber}-2"), (forFirst.Verdict, forFirst.Type, forFirst.ServiceNumber));
    }

    [Fact]
    public async Task Add_access_for_an_individual_who_administers_their_own_website_sends_one_code()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Individual("beijing"));
        var order = (await SecondProvider().SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddAccess,
            ServiceNumbers = { filed.ServiceNumber(0) },
            FilingPassword = filed.Password,
        })).Order;

        // Entity leader and administrator are one person with one mobile: one SMS, one validation for both roles.
        var validation = Assert.Single(order.SmsValidations);
        Assert.Equal([PersonRole.EntityLeader, PersonRole.ServiceAdministrator], validation.Roles.Order());
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Single((await Gateway.ListMessagesAsync(orderId: order.OrderId)).Messages, m => m.VerificationCode() is not null);
    }

    [Fact]
    public async Task Add_access_asks_the_leader_and_the_administrator_and_adds_the_second_provider_beside_the_first()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var second = SecondProvider();
        var number = filed.ServiceNumber(0);

        var order = (await second.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddAccess,
            ServiceNumbers = { number },
            FilingPassword = filed.Password,
        })).Order;
        // The order carries the data as filed: an ADD_ACCESS cannot modify it.
        Assert.Equal(filed.Subject, order.Filing.Subject);
        Assert.Equal(number, Assert.Single(order.Filing.Services).ServiceNumber);
        Assert.Equal(OrderStatus.UnderReview, (await second.ValidateAsAsync(order, filed.Leader, filed.Administrator(0))).Status);
        Assert.Equal(Mobiles(filed.Leader, filed.Administrator(0)), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        var approved = await second.GetFilingAsync(order.OrderId);
        Assert.Equal((OrderStatus.Approved, FilingType.AddAccess, "sandbox-provider-2"), (approved.Status, approved.Type, approved.ProviderId));
        Assert.Equal(number, Assert.Single(approved.ServiceNumbers).Number);
        // Both providers host it now, so each of them may file changes and cancellations for it.
        foreach (var provider in new[] { Gateway, second })
        {
            var verdict = await provider.DetermineFilingTypeAsync(filed.Subject.CertificateType, filed.Subject.CertificateNumber, "zhejiang", domain: filed.Service(0).Domains[0]);
            Assert.Equal(FilingTypeVerdict.AlreadyHosted, verdict.Verdict);
        }
        var change = (await second.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Services = { filed.Service(0).Numbered(number) } },
        })).Order;
        Assert.Equal(OrderStatus.AwaitingSmsValidation, change.Status);
        await second.WithdrawAsync(change.OrderId);
        var cancel = (await Gateway.SubmitAsync(new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { number } })).Order;
        Assert.Equal(OrderStatus.UnderReview, cancel.Status);
        // The public query shows one filing still, under the same number.
        Assert.Equal(number, Assert.Single((await Gateway.QueryByDomainAsync(filed.Service(0).Domains[0])).Filings).ServiceNumber);
    }

    [Fact]
    public async Task Change_subject_asks_the_leader_only_and_replaces_the_subjects_data_under_the_same_number()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var renamed = filed.Subject.Clone();
        renamed.Name = "杭州更名后示例科技有限公司";
        renamed.MailingAddress.Detail = "新址路1号";

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = renamed },
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filed.Leader)).Status);
        Assert.Equal(Mobiles(filed.Leader), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        Assert.Equal(OrderStatus.Approved, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        var shown = Assert.Single((await Gateway.QueryBySubjectNameAsync(renamed.Name)).Filings);
        Assert.Equal((filed.SubjectNumber, filed.ServiceNumber(0)), (shown.SubjectNumber, shown.ServiceNumber));
        Assert.Empty((await Gateway.QueryBySubjectNameAsync(filed.Subject.Name)).Filings);
        Assert.Equal(renamed.Name, Assert.Single((await Gateway.QueryByDomainAsync(filed.Service(0).Domains[0])).Filings).SubjectName);
    }

    [Fact]
    public async Task Change_service_asks_the_website_administrator_only_and_a_removed_domain_stops_being_filed()
    {
        var filing = Samples.Company();
        var kept = filing.Services[0].Domains[0];
        var dropped = "alt-" + kept;
        filing.Services[0].Domains.Add(dropped);
        var filed = await Gateway.FileInitialAsync(filing);
        Assert.Single((await Gateway.QueryByDomainAsync(dropped)).Filings);
        var changed = filed.Service(0).Numbered(filed.ServiceNumber(0));
        changed.Domains.Remove(dropped);
        changed.Name = "示例新版官网";

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Services = { changed } },
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filed.Administrator(0))).Status);
        Assert.Equal(Mobiles(filed.Administrator(0)), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        Assert.Equal(OrderStatus.Approved, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        Assert.Empty((await Gateway.QueryByDomainAsync(dropped)).Filings);
        var shown = Assert.Single((await Gateway.QueryByDomainAsync(kept)).Filings);
        Assert.Equal((filed.ServiceNumber(0), "示例新版官网"), (shown.ServiceNumber, shown.ServiceName));
        Assert.Equal([kept], shown.Domains);
        // The removed domain is free: another subject may file it.
        var other = Samples.Company();
        other.Services[0].Domains.Add(dropped);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(other)).Order.Status);
    }

    [Fact]
    public async Task Change_both_asks_the_leader_and_the_website_administrator_and_replaces_subject_and_service_data()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var renamed = filed.Subject.Clone();
        renamed.Name = "杭州双变更示例科技有限公司";
        var changed = filed.Service(0).Numbered(filed.ServiceNumber(0));
        changed.Name = "双变更示例官网";

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeBoth,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = renamed, Services = { changed } },
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filed.Leader, filed.Administrator(0))).Status);
        Assert.Equal(Mobiles(filed.Leader, filed.Administrator(0)), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        Assert.Equal(OrderStatus.Approved, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        var shown = Assert.Single((await Gateway.QueryByDomainAsync(filed.Service(0).Domains[0])).Filings);
        Assert.Equal((renamed.Name, "双变更示例官网", filed.SubjectNumber), (shown.SubjectName, shown.ServiceName, shown.SubjectNumber));
        Assert.Empty((await Gateway.QueryBySubjectNameAsync(filed.Subject.Name)).Filings);
    }

    [Fact]
    public async Task Cancel_subject_asks_the_leader_only_removes_every_service_and_a_new_filing_gets_a_new_subject_number()
    {
        var filing = Samples.Company();
        filing.Services.Add(NewWebsite());
        var filed = await Gateway.FileInitialAsync(filing);

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject,
            SubjectNumber = filed.SubjectNumber,
            FilingPassword = filed.Password,
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filed.Leader)).Status);
        Assert.Equal(Mobiles(filed.Leader), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        Assert.Equal(OrderStatus.Approved, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings);
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
        Assert.Empty((await Gateway.QueryBySubjectNameAsync(filed.Subject.Name)).Filings);
        foreach (var service in filing.Services)
        {
            Assert.Empty((await Gateway.QueryByDomainAsync(service.Domains[0])).Filings);
        }

        // Filing again is an INITIAL filing, and subject numbers are never reused.
        var again = await Gateway.FileInitialAsync(filing);
        Assert.NotEqual(filed.SubjectNumber, again.SubjectNumber);
        Assert.Equal([again.ServiceNumber(0), again.ServiceNumber(1)], (await Gateway.QueryBySubjectNameAsync(filed.Subject.Name)).Filings.Select(f => f.ServiceNumber));
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings);
    }

    [Fact]
    public async Task Cancel_service_asks_that_services_administrator_only_and_its_number_is_never_issued_again()
    {
        var filing = Samples.Company();
        filing.Services.Add(NewWebsite());
        var filed = await Gateway.FileInitialAsync(filing);

        var order = (await Gateway.SubmitAsync(filed.CancelService(1))).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filed.Administrator(1))).Status);
        Assert.Equal(Mobiles(filed.Administrator(1)), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        Assert.Equal(OrderStatus.Approved, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        Assert.Empty((await Gateway.QueryByDomainAsync(filed.Service(1).Domains[0])).Filings);
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
        Assert.Equal([filed.ServiceNumber(0)], (await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings.Select(f => f.ServiceNumber));

        // The next service gets -3: the number of the cancelled one stays retired.
        var site = NewWebsite();
        var added = await Gateway.FileOrderAsync(
            new SubmitFilingRequest { Type = FilingType.AddService, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Subject = filed.Subject, Services = { site } } },
            filed.Leader, site.Administrator);
        Assert.Equal($"{filed.SubjectNumber}-3", Assert.Single(added.ServiceNumbers).Number);
    }

    [Fact]
    public async Task Cancel_access_asks_nobody_goes_straight_to_review_and_leaves_the_service_with_the_other_provider()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var second = SecondProvider();
        await second.AddAccessAsync(filed, 0);

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { filed.ServiceNumber(0) } })).Order;
        Assert.Equal(OrderStatus.UnderReview, order.Status);
        Assert.Empty(order.SmsValidations);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        Assert.Equal(OrderStatus.Approved, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        var domain = filed.Service(0).Domains[0];
        Assert.Equal(filed.ServiceNumber(0), Assert.Single((await Gateway.QueryByDomainAsync(domain)).Filings).ServiceNumber);
        // The second provider still hosts it; the first would have to add access again.
        var forSecond = await second.DetermineFilingTypeAsync(filed.Subject.CertificateType, filed.Subject.CertificateNumber, "zhejiang", domain: domain);
        Assert.Equal(FilingTypeVerdict.AlreadyHosted, forSecond.Verdict);
        var forFirst = await Gateway.DetermineFilingTypeAsync(filed.Subject.CertificateType, filed.Subject.CertificateNumber, "zhejiang", domain: domain);
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddAccess), (forFirst.Verdict, forFirst.Type));
    }

    private Service NewWebsite() => Samples.Company().Services[0];

    private ProviderGatewayClient SecondProvider() => Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });
}
