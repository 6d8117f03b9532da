using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>Predictable SMS codes (100001, 100002, …) with a plain SHA-256 in place of the server's keyed hash.</summary>
public sealed class FakeSmsCodes : ISmsCodes
{
    private readonly List<string> issued = [];

    public IReadOnlyList<string> Issued => issued;

    public string Last => issued[^1];

    public string NewCode()
    {
        var code = (100001 + issued.Count).ToString("D6");
        issued.Add(code);
        return code;
    }

    public byte[] Hash(string orderId, int index, string code) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{orderId}:{index}:{code}"));

    /// <summary>A six-digit code this fake has never issued.</summary>
    public static string NeverIssued => "999999";
}
