using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Chinese input methods type full-width digits and letters. An identifier typed full-width at submission, and typed
/// again later in either width, is the same identifier everywhere: on the validation and resend pages, in the password
/// retrieval, the public query and the filing-type check.
/// </summary>
public sealed class FullWidthTests : ServerTest
{
    [Fact]
    public async Task A_leader_whose_permit_and_mobile_were_typed_full_width_validates_in_either_width_and_is_found_afterwards()
    {
        var filing = Samples.Company();
        var leader = filing.Subject.Leader;
        var mobile = leader.Mobile;
        // A Mainland Travel Permit for Hong Kong and Macao residents, and the mobile, as a Chinese keyboard types them.
        leader.CertificateType = 14;
        leader.CertificateNumber = FullWidth("H12345678");
        leader.Mobile = FullWidth(mobile);

        var order = (await Gateway.SubmitAsync(filing)).Order;
        Assert.Equal("H12345678", order.Filing.Subject.Leader.CertificateNumber);
        Assert.Equal(mobile, order.Filing.Subject.Leader.Mobile);

        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(ResendOutcome.Resent, (await Gateway.ResendCodeAsync(FullWidth(mobile), FullWidth("345678"))).Outcome);
        var code = await Gateway.LatestCodeAsync(mobile);
        Assert.Equal(ValidateOutcome.WaitingForOthers, (await Gateway.ValidateCodeAsync(FullWidth(mobile), FullWidth("345678"), FullWidth(code))).Outcome);
        var admin = filing.Services[0].Administrator;
        Assert.Equal(ValidateOutcome.Complete,
            (await Gateway.ValidateCodeAsync(admin.Mobile, admin.Suffix(), await Gateway.LatestCodeAsync(admin.Mobile))).Outcome);

        var approved = await Gateway.ApproveAsync(order.OrderId);
        Assert.Equal(OrderStatus.Approved, approved.Status);
        Assert.Single((await Gateway.QueryByDomainAsync(FullWidth(filing.Services[0].Domains[0]))).Filings);
        Assert.Single((await Gateway.QueryByIcpNumberAsync(FullWidth(approved.ServiceNumbers[0].Number))).Filings);
        Assert.NotEmpty((await Gateway.RetrievePasswordAsync(FullWidth(approved.SubjectNumber), FullWidth("h12345678"))).SentToMobile);
        var type = await Gateway.DetermineFilingTypeAsync(13, FullWidth(filing.Subject.CertificateNumber.ToLowerInvariant()), "zhejiang", "new-site.cn");
        Assert.Equal(FilingType.AddService, type.Type);
    }

    [Fact]
    public async Task Digits_that_no_one_types_again_the_same_way_are_refused_not_stored()
    {
        var filing = Samples.Company();
        filing.Subject.Leader.CertificateType = 11;
        // Arabic-Indic digits are digits to Unicode but have no ASCII form: the last six could never be typed back.
        filing.Subject.Leader.CertificateNumber = "١٢٣٤٥٦٧٨";

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));
        Assert.Equal(("filing.subject.leader.certificate_number", "INVALID_FORMAT"), (e.FieldProblems.Single().Field, e.FieldProblems.Single().Reason));
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    /// <summary>The text as a full-width keyboard types it: ASCII letters and digits shifted to U+FF01…U+FF5E.</summary>
    private static string FullWidth(string text) =>
        string.Concat(text.Select(c => c is >= '!' and <= '~' && char.IsAsciiLetterOrDigit(c) ? (char)(c - '!' + '！') : c));
}
