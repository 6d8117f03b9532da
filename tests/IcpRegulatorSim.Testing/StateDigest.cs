using System.Data;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace IcpRegulatorSim.Testing;

/// <summary>A fingerprint of every row of every table: equal before and after, and nothing changed.</summary>
public static class StateDigest
{
    public static string Of(IDbConnection connection) =>
        Hash(string.Join("\n", Tables(connection).Select(t => $"{t.Key}:{t.Value}")));

    /// <summary>Each table's fingerprint, by name, to say which one changed.</summary>
    public static IReadOnlyDictionary<string, string> Tables(IDbConnection connection) =>
        connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").ToDictionary(t => t, t =>
            Hash(string.Join("|", connection.Query($"SELECT * FROM {t}").Select(r => string.Join(",", ((IDictionary<string, object>)r).Values)).Order())));

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
