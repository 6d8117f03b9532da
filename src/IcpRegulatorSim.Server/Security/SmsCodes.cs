using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Server.Security;

/// <summary>
/// Codes of random digits from the system's random source (codes are the one random choice not derived from the
/// world's seed), kept only as HMAC-SHA256 hashes under a server key that survives restarts.
/// </summary>
public sealed class SmsCodes(byte[] key) : ISmsCodes
{
    public string NewCode() => RandomNumberGenerator.GetString("0123456789", SmsValidation.CodeLength);

    public byte[] Hash(string orderId, int index, string code) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{orderId}:{index}:{code}"));
}
