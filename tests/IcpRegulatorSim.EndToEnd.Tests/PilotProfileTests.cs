using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static IcpRegulatorSim.EndToEnd.Tests.OrderSteps;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// The rule profile 2018-pilot: SMS validation only in the 22 pilot provinces, and the older personnel table
/// (ADD_SERVICE and ADD_ACCESS: website administrator only; cancellations: nobody).
/// </summary>
public sealed class PilotProfileTests : ServerTest
{
    protected override string[] ServerArgs => ["--profile", "2018-pilot"];

    [Fact]
    public async Task The_rules_report_the_pilot_profile_and_which_provinces_require_sms()
    {
        var rules = await Gateway.GetRulesAsync();
        Assert.Equal("2018-pilot", rules.Profile);
        var sms = rules.Provinces.Where(p => p.SmsRequired).Select(p => p.Id).ToHashSet();
        Assert.Equal(22, sms.Count);
        Assert.Contains("zhejiang", sms);
        Assert.Contains("hunan", sms);
        Assert.DoesNotContain("beijing", sms);
        Assert.DoesNotContain("guangdong", sms);
        var addService = Assert.Single(rules.Personnel, p => p.Type == FilingType.AddService);
        Assert.Equal([PersonRole.ServiceAdministrator], addService.Roles);
        Assert.All(rules.Personnel.Where(p => p.Type is FilingType.CancelSubject or FilingType.CancelService or FilingType.CancelAccess),
            p => Assert.Empty(p.Roles));
    }

    [Fact]
    public async Task An_initial_filing_outside_the_pilot_provinces_goes_straight_to_review_without_sms()
    {
        var filing = Samples.Company("beijing");
        var order = (await Gateway.SubmitAsync(filing)).Order;

        Assert.Equal(OrderStatus.UnderReview, order.Status);
        Assert.Empty(order.SmsValidations);
        Assert.Null(order.ValidationDeadline);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(await Gateway.CodeRecipientsAsync(order.OrderId));
        Assert.Single((await Gateway.ListPendingReviewsAsync(province: "beijing")).Reviews);
    }

    [Fact]
    public async Task An_initial_filing_in_a_pilot_province_sends_codes_to_the_leader_and_the_administrator()
    {
        var filing = Samples.Company("zhejiang");
        var order = (await Gateway.SubmitAsync(filing)).Order;

        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        await Gateway.ValidateAsAsync(order, filing.Subject.Leader, filing.Services[0].Administrator);
        Assert.Equal(Mobiles(filing.Subject.Leader, filing.Services[0].Administrator), await Gateway.CodeRecipientsAsync(order.OrderId));
    }

    [Fact]
    public async Task An_add_service_in_a_pilot_province_asks_the_website_administrator_only()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company("zhejiang"));
        var site = Samples.Company("zhejiang").Services[0];

        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = filed.Subject, Services = { site } },
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.ValidateAsAsync(order, site.Administrator)).Status);
        Assert.Equal(Mobiles(site.Administrator), await Gateway.CodeRecipientsAsync(order.OrderId));
        Assert.Equal($"{filed.SubjectNumber}-2", Assert.Single((await Gateway.ApproveAsync(order.OrderId)).ServiceNumbers).Number);
    }

    [Fact]
    public async Task An_add_access_in_a_pilot_province_asks_the_website_administrator_only()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company("zhejiang"));
        var second = Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });

        var order = (await second.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddAccess,
            ServiceNumbers = { filed.ServiceNumber(0) },
            FilingPassword = filed.Password,
        })).Order;
        Assert.Equal(OrderStatus.UnderReview, (await second.ValidateAsAsync(order, filed.Administrator(0))).Status);
        Assert.Equal(Mobiles(filed.Administrator(0)), await Gateway.CodeRecipientsAsync(order.OrderId));
    }

    [Fact]
    public async Task A_cancellation_in_a_pilot_province_asks_nobody()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company("zhejiang"));
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject,
            SubjectNumber = filed.SubjectNumber,
            FilingPassword = filed.Password,
        })).Order;

        Assert.Equal(OrderStatus.UnderReview, order.Status);
        Assert.Empty(order.SmsValidations);
    }
}
