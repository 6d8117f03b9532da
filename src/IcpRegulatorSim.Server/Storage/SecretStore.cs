using System.Security.Cryptography;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>Server secrets that must survive a restart (a code hashed before it must verify after).</summary>
internal static class SecretStore
{
    private const string Select = "SELECT value FROM secrets WHERE name = @Name";
    private const string Insert = "INSERT INTO secrets (name, value) VALUES (@Name, @Value) ON CONFLICT (name) DO NOTHING";

    public static byte[] GetOrCreate(DbSession db, string name, int length)
    {
        db.Execute(Insert, new { Name = name, Value = RandomNumberGenerator.GetBytes(length) });
        return db.ExecuteScalar<byte[]>(Select, new { Name = name })!;
    }
}
