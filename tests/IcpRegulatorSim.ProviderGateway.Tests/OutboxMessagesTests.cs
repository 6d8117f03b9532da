using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>Reading codes and passwords out of the regulator's messages, as worded by the simulator.</summary>
public sealed class OutboxMessagesTests
{
    [Fact]
    public void A_code_sms_yields_its_six_digit_code_and_no_password()
    {
        var sms = Message("【ICP备案·模拟】您的ICP备案短信核验码为482913，请于2026-03-03 09:05（北京时间）前……\n"
            + "[ICP filing · SIMULATED] Your ICP filing validation code is 482913. Enter it with your mobile number …");

        Assert.Equal("482913", sms.VerificationCode());
        Assert.Null(sms.FilingPassword());
    }

    [Fact]
    public void An_approval_yields_the_filing_password_and_no_code()
    {
        var sms = Message("[ICP filing · SIMULATED] Your ICP filing order ord-00000001 was approved. Subject number: 浙ICP备2026000001号; "
            + "service numbers: 浙ICP备2026000001号-1. ICP filing password: Q7pX2mKa (keep it safe).");

        Assert.Equal("Q7pX2mKa", sms.FilingPassword());
        Assert.Null(sms.VerificationCode());
    }

    [Fact]
    public void A_password_reset_yields_the_new_password()
    {
        var sms = Message("[ICP filing · SIMULATED] The ICP filing password of 浙ICP备2026000001号 was reset to: n3wPassw0rd (keep it safe).");

        Assert.Equal("n3wPassw0rd", sms.FilingPassword());
    }

    [Fact]
    public void A_message_without_either_yields_nothing()
    {
        var sms = Message("[ICP filing · SIMULATED] Your ICP filing order ord-00000001 was returned.");

        Assert.Null(sms.VerificationCode());
        Assert.Null(sms.FilingPassword());
    }

    private static OutboxMessage Message(string body) => new() { Channel = MessageChannel.Sms, Recipient = "13800138000", Body = body };
}
