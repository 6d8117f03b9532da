using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Testing;

/// <summary>The single writer, held by a test (see <see cref="RegulatorServer.HoldWriterAsync"/>); disposing it lets the writer go on.</summary>
public sealed class WriterHold(Writer writer, ManualResetEventSlim release, Task held) : IAsyncDisposable
{
    /// <summary>
    /// Waits until <paramref name="count"/> commands wait behind the hold, or <paramref name="calls"/> has ended (a call
    /// refused before it reached the writer: the test's own assertions then say what happened).
    /// </summary>
    public async Task UntilQueuedAsync(int count, Task calls)
    {
        while (writer.Pending < count && !calls.IsCompleted)
        {
            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        release.Set();
        await held;
        release.Dispose();
    }
}
