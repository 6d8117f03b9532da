using IcpRegulatorSim.Domain.PublicSecurity;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class PublicSecurityAccountTests
{
    [Fact]
    public void An_account_keeps_a_hash_of_its_token_and_knows_it_again()
    {
        var account = PublicSecurityAccount.Register("acc-1", Samples.Company(), Samples.Leader().Mobile, "a@example.cn", "psb-token-1", Samples.MondayMorning);

        Assert.DoesNotContain("psb-token-1", System.Text.Encoding.UTF8.GetString(account.TokenHash), StringComparison.Ordinal);
        Assert.Equal(PublicSecurityAccount.HashOf("psb-token-1"), account.TokenHash);
        Assert.True(account.Holds("psb-token-1"));
        Assert.False(account.Holds("psb-token-2"));
        Assert.False(account.Holds(""));
    }
}
