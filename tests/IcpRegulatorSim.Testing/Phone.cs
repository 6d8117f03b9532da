using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.Testing;

/// <summary>Reads the simulated phones in the outbox, the way an applicant reads their SMS.</summary>
public static class Phone
{
    public static async Task<IReadOnlyList<OutboxMessage>> InboxAsync(this ProviderGatewayClient gateway, string mobile) =>
        (await gateway.ListMessagesAsync(recipient: mobile, pageSize: 1000)).Messages;

    /// <summary>The latest validation code an SMS brought to <paramref name="mobile"/>; fails when none arrived.</summary>
    public static async Task<string> LatestCodeAsync(this ProviderGatewayClient gateway, string mobile)
    {
        var codes = (await gateway.InboxAsync(mobile)).Select(m => m.VerificationCode()).OfType<string>().ToList();
        return codes.Count > 0 ? codes[^1] : throw new InvalidOperationException($"No code reached {mobile}.");
    }

    /// <summary>A six-digit code that is certainly not <paramref name="code"/>.</summary>
    public static string WrongCode(string code) => code == "000000" ? "111111" : "000000";
}
