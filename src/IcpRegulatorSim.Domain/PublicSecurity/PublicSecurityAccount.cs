using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>
/// A subject's account on the public-security platform: registered once with a mobile that received a code, and named
/// on every call by its token, of which only a hash is kept (the token itself is answered once, at registration).
/// </summary>
public sealed class PublicSecurityAccount
{
    [JsonConstructor]
    private PublicSecurityAccount()
    {
    }

    [JsonInclude] public string AccountId { get; private set; } = "";
    [JsonInclude] public Subject Subject { get; private set; } = Subject.Empty;
    [JsonInclude] public string Mobile { get; private set; } = "";
    [JsonInclude] public string Email { get; private set; } = "";
    [JsonInclude] public byte[] TokenHash { get; private set; } = [];
    [JsonInclude] public DateTimeOffset RegisteredAt { get; private set; }

    public static PublicSecurityAccount Register(string accountId, Subject subject, string mobile, string email, string token, DateTimeOffset now) =>
        new()
        {
            AccountId = accountId,
            Subject = subject,
            Mobile = mobile,
            Email = email,
            TokenHash = HashOf(token),
            RegisteredAt = now,
        };

    /// <summary>The hash an account keeps of its token, by which a call's token finds its account.</summary>
    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> is this account's, compared in constant time.</summary>
    public bool Holds(string token) => CryptographicOperations.FixedTimeEquals(HashOf(token), TokenHash);
}
