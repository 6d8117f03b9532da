using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>The ICP filing password: issued on first approval, checked with a limit, retrieved by the applicant.</summary>
public sealed class FilingPasswordTests : ServerTest
{
    [Fact]
    public async Task The_password_sent_on_approval_verifies_and_a_wrong_one_does_not()
    {
        var (approved, password, _) = await FileAsync();
        var ok = await Gateway.VerifyPasswordAsync(approved.SubjectNumber, password);
        Assert.True(ok.Valid);
        Assert.Equal(5, ok.RemainingAttempts);
        var wrong = await Gateway.VerifyPasswordAsync(approved.SubjectNumber, password + "x");
        Assert.False(wrong.Valid);
        Assert.Equal(4, wrong.RemainingAttempts);
    }

    [Fact]
    public async Task Five_failed_checks_lock_checks_until_the_next_beijing_day()
    {
        var (approved, password, _) = await FileAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.False((await Gateway.VerifyPasswordAsync(approved.SubjectNumber, "wrong")).Valid);
        }
        var locked = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.VerifyPasswordAsync(approved.SubjectNumber, password));
        Assert.Equal(StatusCode.ResourceExhausted, locked.StatusCode);
        Assert.Equal("PASSWORD_CHECKS_EXHAUSTED", locked.Reason);

        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(1));
        Assert.True((await Gateway.VerifyPasswordAsync(approved.SubjectNumber, password)).Valid);
    }

    [Fact]
    public async Task Retrieving_the_password_sends_a_new_one_to_the_entity_leader_and_the_old_one_stops_working()
    {
        var (approved, oldPassword, filing) = await FileAsync();
        var leader = filing.Subject.Leader;

        var sent = await Gateway.RetrievePasswordAsync(approved.SubjectNumber, leader.CertificateNumber.ToLowerInvariant());
        Assert.Equal($"{leader.Mobile[..3]}****{leader.Mobile[7..]}", sent.SentToMobile);
        var newPassword = (await Gateway.InboxAsync(leader.Mobile)).Select(m => m.FilingPassword()).OfType<string>().Last();
        Assert.NotEqual(oldPassword, newPassword);
        Assert.Contains(await Gateway.InboxAsync(leader.Email), m => m.FilingPassword() == newPassword);
        Assert.False((await Gateway.VerifyPasswordAsync(approved.SubjectNumber, oldPassword)).Valid);
        Assert.True((await Gateway.VerifyPasswordAsync(approved.SubjectNumber, newPassword)).Valid);
    }

    [Fact]
    public async Task Retrieval_needs_the_entity_leaders_certificate_and_a_filed_subject()
    {
        var (approved, _, filing) = await FileAsync();
        var admin = filing.Services[0].Administrator;
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => Gateway.RetrievePasswordAsync(approved.SubjectNumber, admin.CertificateNumber));
        Assert.Equal("IDENTITY_MISMATCH", e.Reason);
        await Assert.ThrowsAsync<NotFoundException>(() => Gateway.RetrievePasswordAsync("京ICP备10046444号", admin.CertificateNumber));
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.VerifyPasswordAsync(approved.SubjectNumber + "-1", "x"));
        Assert.Equal("subject_number", Assert.Single(invalid.FieldProblems).Field);
    }

    private async Task<(FilingOrder Approved, string Password, Filing Filing)> FileAsync()
    {
        var filing = Samples.Company();
        var approved = await Gateway.FileAsync(filing);
        var password = (await Gateway.InboxAsync(filing.Subject.Leader.Mobile)).Select(m => m.FilingPassword()).OfType<string>().Single();
        return (approved, password, filing);
    }
}
