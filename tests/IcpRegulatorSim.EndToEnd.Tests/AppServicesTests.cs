using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static IcpRegulatorSim.EndToEnd.Tests.OrderSteps;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>Apps (filed since 2023): numbered with the suffix A in the subject's one sequence, validated per the apps' personnel table.</summary>
public sealed class AppServicesTests : ServerTest
{
    [Fact]
    public async Task An_initial_filing_with_a_website_and_an_app_numbers_them_1_and_2A_and_asks_the_leader_only()
    {
        var filing = Samples.Company();
        var appAdmin = Samples.Company().Services[0].Administrator;
        filing.Services.Add(App("示例购物App", "com.example.shop", appAdmin));

        var order = (await Gateway.SubmitAsync(filing, FilingType.Initial)).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filing.Subject.Leader)).Status);
        // Website + app: the entity leader validates for the whole order; neither administrator is asked.
        Assert.Equal(Mobiles(filing.Subject.Leader), await Gateway.CodeRecipientsAsync(order.OrderId));
        var approved = await Gateway.ApproveAsync(order.OrderId);

        var subject = approved.SubjectNumber;
        Assert.Equal([$"{subject}-1", $"{subject}-2A"], approved.ServiceNumbers.OrderBy(n => n.ServiceIndex).Select(n => n.Number));
        var app = Assert.Single((await Gateway.QueryByIcpNumberAsync($"{subject}-2A")).Filings);
        Assert.Equal((ServiceKind.App, "示例购物App", ""), (app.ServiceKind, app.ServiceName, app.HomeUrl));
        Assert.Empty(app.Domains);
        Assert.Equal(ServiceKind.Website, Assert.Single((await Gateway.QueryByDomainAsync(filing.Services[0].Domains[0])).Filings).ServiceKind);
    }

    [Fact]
    public async Task An_app_only_add_service_continues_the_subjects_sequence_and_asks_the_leader_only()
    {
        var filing = Samples.Company();
        filing.Services.Add(App("示例购物App", "com.example.shop", Samples.Company().Services[0].Administrator));
        var filed = await Gateway.FileInitialAsync(filing);
        var newApp = App("示例会员App", "com.example.members", Samples.Company().Services[0].Administrator);

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = filed.Subject, Services = { newApp } },
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, filed.Leader)).Status);
        Assert.Equal(Mobiles(filed.Leader), await Gateway.CodeRecipientsAsync(order.OrderId));
        var approved = await Gateway.ApproveAsync(order.OrderId);

        Assert.Equal($"{filed.SubjectNumber}-3A", Assert.Single(approved.ServiceNumbers).Number);
        Assert.Equal([$"{filed.SubjectNumber}-1", $"{filed.SubjectNumber}-2A", $"{filed.SubjectNumber}-3A"],
            (await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings.Select(f => f.ServiceNumber));

        // A website added after the apps takes the next number, without the suffix, and asks its administrator too.
        var site = Samples.Company().Services[0];
        var website = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = filed.Subject, Services = { site } },
        })).Order;
        await Gateway.ValidateAsAsync(website, filed.Leader, site.Administrator);
        Assert.Equal(Mobiles(filed.Leader, site.Administrator), await Gateway.CodeRecipientsAsync(website.OrderId));
        Assert.Equal($"{filed.SubjectNumber}-4", Assert.Single((await Gateway.ApproveAsync(website.OrderId)).ServiceNumbers).Number);
    }

    [Fact]
    public async Task An_app_only_initial_filing_asks_the_leader_only()
    {
        var filing = Samples.Company();
        var appAdmin = filing.Services[0].Administrator;
        filing.Services.Clear();
        filing.Services.Add(App("示例工具App", "com.example.tools", appAdmin));

        var order = (await Gateway.SubmitAsync(filing)).Order;
        await Gateway.ValidateAsAsync(order, filing.Subject.Leader);
        Assert.Equal(Mobiles(filing.Subject.Leader), await Gateway.CodeRecipientsAsync(order.OrderId));
        var approved = await Gateway.ApproveAsync(order.OrderId);
        Assert.Equal($"{approved.SubjectNumber}-1A", Assert.Single(approved.ServiceNumbers).Number);
    }

    [Fact]
    public async Task Cancelling_an_app_asks_its_administrator_and_removes_it_from_the_public_query()
    {
        var filing = Samples.Company();
        var appAdmin = Samples.Company().Services[0].Administrator;
        filing.Services.Add(App("示例购物App", "com.example.shop", appAdmin));
        var filed = await Gateway.FileInitialAsync(filing);

        var order = (await Gateway.SubmitAsync(filed.CancelService(1))).Order;
        await Gateway.ValidateAsAsync(order, appAdmin);
        Assert.Equal(Mobiles(appAdmin), await Gateway.CodeRecipientsAsync(order.OrderId));
        await Gateway.ApproveAsync(order.OrderId);

        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
        Assert.Equal([filed.ServiceNumber(0)], (await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings.Select(f => f.ServiceNumber));
    }

    [Fact]
    public async Task An_app_carries_no_domain_and_needs_its_signing_data()
    {
        var filing = Samples.Company();
        var app = App("示例App", "com.example.bad", filing.Services[0].Administrator);
        app.Domains.Add("app-domain.cn");
        app.App.SignatureHash = "not-a-digest";
        filing.Services.Add(app);

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));
        var problems = e.FieldProblems.ToDictionary(p => p.Field, p => p.Reason);
        Assert.Equal("NOT_ALLOWED", problems["filing.services[1].domains"]);
        Assert.Equal("INVALID_FORMAT", problems["filing.services[1].app.signature_hash"]);
    }
}
