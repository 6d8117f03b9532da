using System.Security.Cryptography;
using System.Text;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// The store the tests' servers use: SQLite, or — with <c>ICP_TEST_STORE=postgres</c>, as <c>make test</c> runs the
/// end-to-end suite a second time — PostgreSQL: one throwaway server for the test process, and a schema of its own
/// for each simulator a test starts (left there: the server goes with the process).
/// </summary>
public static class TestStore
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync);

    public static bool Postgres => Environment.GetEnvironmentVariable("ICP_TEST_STORE") == "postgres";

    /// <summary>
    /// What a server's <c>--data</c> becomes: unchanged on SQLite; on PostgreSQL, a fresh schema for <c>:memory:</c>
    /// and, for a file, a schema named after its path (a server started again on the file finds what it left).
    /// </summary>
    public static async Task<string> DataAsync(string data)
    {
        if (!Postgres)
        {
            return data;
        }
        var schema = data == ":memory:"
            ? "t_" + Guid.NewGuid().ToString("N")
            : "f_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(data))))[..24].ToLowerInvariant();
        return await SchemaAsync(schema);
    }

    /// <summary>A connection string to the shared throwaway server whose search path is <paramref name="schema"/> (created by the simulator).</summary>
    public static async Task<string> SchemaAsync(string schema) => (await Shared.Value).InSchema(schema);

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
