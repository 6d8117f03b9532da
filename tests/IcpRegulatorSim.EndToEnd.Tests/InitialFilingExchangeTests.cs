using Google.Protobuf;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>The whole two-party exchange of an initial website filing, driven only through the gateway.</summary>
public sealed class InitialFilingExchangeTests : ServerTest
{
    [Fact]
    public async Task A_company_filing_goes_from_submission_to_the_public_query()
    {
        var filing = Samples.Company("zhejiang");
        var leader = filing.Subject.Leader;
        var admin = filing.Services[0].Administrator;

        var order = (await Gateway.SubmitAsync(filing)).Order;
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        Assert.Equal(FilingType.Initial, order.Type);
        Assert.Empty(await Gateway.InboxAsync(leader.Mobile));

        // Codes go out five simulated minutes after the order reaches the regulator.
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var leaderSms = Assert.Single(await Gateway.InboxAsync(leader.Mobile));
        Assert.Equal("106575000130", leaderSms.Sender);
        Assert.Contains("模拟", leaderSms.Body);
        Assert.Contains("SIMULATED", leaderSms.Body);
        var adminCode = await Gateway.LatestCodeAsync(admin.Mobile);
        Assert.Equal("106598051001", Assert.Single(await Gateway.InboxAsync(admin.Mobile)).Sender);

        var failed = await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), Phone.WrongCode(leaderSms.VerificationCode()!));
        Assert.Equal(ValidateOutcome.Failed, failed.Outcome);
        Assert.Equal("尊敬的ICP用户：您的短信核验失败，请重试。", failed.Message.Zh);

        var resent = await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix());
        Assert.Equal(ResendOutcome.Resent, resent.Outcome);
        Assert.Equal(2, (await Gateway.InboxAsync(leader.Mobile)).Count);
        var leaderCode = await Gateway.LatestCodeAsync(leader.Mobile);

        var first = await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), leaderCode);
        Assert.Equal(ValidateOutcome.WaitingForOthers, first.Outcome);
        Assert.StartsWith("Dear ICP user: Your text message validation is complete. Please wait", first.Message.En);
        var second = await Gateway.ValidateCodeAsync(admin.Mobile, admin.Suffix(), adminCode);
        Assert.Equal(ValidateOutcome.Complete, second.Outcome);
        Assert.Equal("尊敬的ICP用户：您的短信核验已完成，该申请将提交至通信管理局审核。", second.Message.Zh);
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);

        // At most 20 working days of review: 30 calendar days is always enough.
        var advanced = await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30));
        Assert.True(advanced.DeadlinesApplied >= 1);
        var approved = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Approved, approved.Status);
        Assert.Matches(@"^浙ICP备\d{10}号$", approved.SubjectNumber);
        Assert.Matches(@"^.ICP备\d{10}号-1$", Assert.Single(approved.ServiceNumbers).Number);
        Assert.Equal("浙江省通信管理局", approved.Decision.Reviewer);
        Assert.Equal(1001, approved.Decision.NumericCode);

        // The filing password goes to the entity leader, and nowhere else.
        var password = (await Gateway.InboxAsync(leader.Mobile)).Select(m => m.FilingPassword()).OfType<string>().Single();
        Assert.DoesNotContain(password, approved.ToString());

        var found = Assert.Single((await Gateway.QueryByDomainAsync(filing.Services[0].Domains[0])).Filings);
        Assert.Equal(approved.ServiceNumbers[0].Number, found.ServiceNumber);
        Assert.Equal(approved.SubjectNumber, found.SubjectNumber);
        Assert.Equal(filing.Subject.Name, found.SubjectName);
        Assert.Equal("企业", found.SubjectNatureName.Zh);
        var publicText = JsonFormatter.Default.Format(found);
        foreach (var secret in new[] { leader.Mobile, admin.Mobile, leader.CertificateNumber, admin.CertificateNumber,
                     filing.Subject.CertificateNumber, leader.Email, admin.Email, password })
        {
            Assert.DoesNotContain(secret, publicText);
        }
    }

    [Fact]
    public async Task An_individual_who_is_also_the_administrator_gets_one_code_that_completes_the_validation()
    {
        var filing = Samples.Individual("beijing");
        var person = filing.Subject.Leader;

        var order = (await Gateway.SubmitAsync(filing)).Order;
        var validation = Assert.Single(order.SmsValidations);
        Assert.Equal([PersonRole.EntityLeader, PersonRole.ServiceAdministrator], validation.Roles);

        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var code = await Gateway.LatestCodeAsync(person.Mobile);
        Assert.Single(await Gateway.InboxAsync(person.Mobile));
        var reply = await Gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), code);
        Assert.Equal(ValidateOutcome.Complete, reply.Outcome);
    }

    [Fact]
    public async Task The_public_query_finds_a_filing_by_number_and_by_subject_name_and_never_before_approval()
    {
        var filing = Samples.Company("guangdong");
        var order = (await Gateway.SubmitAsync(filing)).Order;
        Assert.Empty((await Gateway.QueryByDomainAsync(filing.Services[0].Domains[0])).Filings);
        await Gateway.ValidateAllAsync(order, filing);
        Assert.Empty((await Gateway.QueryByDomainAsync(filing.Services[0].Domains[0])).Filings);

        var approved = await Gateway.ApproveAsync(order.OrderId, opinion: "资料齐全");

        var bySubject = Assert.Single((await Gateway.QueryByIcpNumberAsync(approved.SubjectNumber)).Filings);
        var byService = Assert.Single((await Gateway.QueryByIcpNumberAsync(approved.ServiceNumbers[0].Number)).Filings);
        var byName = Assert.Single((await Gateway.QueryBySubjectNameAsync(filing.Subject.Name)).Filings);
        Assert.All(new[] { bySubject, byService, byName }, f => Assert.Equal(approved.ServiceNumbers[0].Number, f.ServiceNumber));
        Assert.StartsWith("粤ICP备2026", approved.SubjectNumber);
        Assert.Equal("2026-03-02", byName.ApprovedOn);
    }
}
