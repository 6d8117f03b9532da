using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Server.Security;

/// <summary>
/// Six-digit codes from the system's random source (codes are the one random choice not derived from the world's
/// seed), kept only as HMAC-SHA256 hashes under a server key that survives restarts.
/// </summary>
public sealed class SmsCodes(byte[] key) : ISmsCodes
{
    public string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");

    public byte[] Hash(string orderId, int index, string code) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{orderId}:{index}:{code}"));
}
