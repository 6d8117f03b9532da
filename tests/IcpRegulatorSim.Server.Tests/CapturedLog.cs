using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>A server process's log, captured in a <see cref="StringWriter"/> that the process's output threads write to.</summary>
internal static class CapturedLog
{
    /// <summary>Waits, within the tests' patience, until the log holds <paramref name="text"/>.</summary>
    public static async Task UntilAsync(StringWriter log, string text)
    {
        using var stop = Patience.Token();
        while (!Text(log).Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(50, stop.Token);
        }
    }

    /// <summary>The log so far, read under the lock its writers take.</summary>
    public static string Text(StringWriter log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
