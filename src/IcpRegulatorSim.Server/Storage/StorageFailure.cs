using System.Data.Common;
using System.Net.Sockets;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// The database failed under a call: unreachable, restarting, a connection broken or timed out, a transaction it ended.
/// What the failure struck did not commit, so the call can be retried: a client hears UNAVAILABLE
/// (<c>STORAGE_UNAVAILABLE</c>), whatever the driver threw. The writer fails every command of a batch that did not
/// commit with one of these.
/// </summary>
public sealed class StorageFailure(Exception cause) : Exception($"The storage failed: {cause.Message}", cause)
{
    /// <summary>
    /// Whether <paramref name="e"/> is the database failing, rather than a refusal of the rules or a fault of the server:
    /// the drivers' own exceptions, the socket's and the stream's under them, a timeout; and what Npgsql and
    /// Microsoft.Data.Sqlite throw as <see cref="InvalidOperationException"/> about a connection or transaction that a
    /// failure has already closed ("Transaction is already completed").
    /// </summary>
    public static bool Is(Exception e) => e switch
    {
        StorageFailure or DbException or IOException or TimeoutException or SocketException => true,
        InvalidOperationException => e.Source is "Npgsql" or "Microsoft.Data.Sqlite",
        _ => false,
    };
}
