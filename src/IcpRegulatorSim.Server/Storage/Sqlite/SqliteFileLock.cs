using System.Globalization;
using System.Text;
using IcpRegulatorSim.Server.Hosting;

namespace IcpRegulatorSim.Server.Storage.Sqlite;

/// <summary>
/// Claims a SQLite file for one server: a lock on <c>FILE.lock</c> beside it, held while the server runs, with the
/// server's process id written in it for the message of the next one. The operating system drops the lock with the
/// process however it ends (kill -9 included), so a lock never outlives its server and never needs clearing. A second
/// server on the same file refuses to start: both would write, and each would fail the other's commands. A SQLite file
/// is one server's; servers that share their data share a PostgreSQL database.
/// </summary>
public sealed class SqliteFileLock : IDisposable
{
    /// <summary>The first bytes of every SQLite database file.</summary>
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Where the lock is taken: past the process id, which the next server reads while the lock is held.</summary>
    private const long LockedByte = 64;

    // The files this process holds: a POSIX lock does not stop the process that holds it (a second server in the same
    // process, as tests start them), and closing any handle of the file would drop it.
    private static readonly HashSet<string> Held = new(StringComparer.Ordinal);

    private readonly string lockPath;
    private readonly FileStream stream;

    private SqliteFileLock(string lockPath, FileStream stream)
    {
        this.lockPath = lockPath;
        this.stream = stream;
    }

    /// <summary>
    /// Locks <paramref name="database"/> (a full path) for this process, after checking that it can be a database: not
    /// a directory, and either new, empty or a SQLite file.
    /// </summary>
    public static SqliteFileLock Acquire(string database)
    {
        if (Directory.Exists(database))
        {
            throw new ServerStartException(
                $"--data {database} is a directory; name a file in it, e.g. --data {Path.Combine(database, "icp-regulator.db")} (make run DATA=).");
        }
        var lockPath = database + ".lock";
        lock (Held)
        {
            if (!Held.Add(lockPath))
            {
                throw InUse(database, Environment.ProcessId);
            }
        }
        FileStream? stream = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(database)!);
            // macOS has no byte-range locks in .NET: there the share mode locks the whole file (and hides the id).
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, OperatingSystem.IsMacOS() ? FileShare.None : FileShare.ReadWrite);
            if (!OperatingSystem.IsMacOS())
            {
                try
                {
                    stream.Lock(LockedByte, 1);
                }
                catch (IOException)
                {
                    throw InUse(database, HolderOf(stream));
                }
            }
            stream.SetLength(0);
            stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
            stream.Flush();
            RefuseIfNotADatabase(database);
            return new SqliteFileLock(lockPath, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Release(lockPath, stream);
            throw e is IOException && OperatingSystem.IsMacOS() && File.Exists(lockPath)
                ? InUse(database, null)
                : new ServerStartException($"--data {database} cannot be used: {e.Message}");
        }
        catch
        {
            Release(lockPath, stream);
            throw;
        }
    }

    public void Dispose() => Release(lockPath, stream);

    private static void Release(string lockPath, FileStream? stream)
    {
        // Closing the file drops the lock; the file stays, for a server that may be opening it right now to lock.
        stream?.Dispose();
        lock (Held)
        {
            Held.Remove(lockPath);
        }
    }

    private static void RefuseIfNotADatabase(string database)
    {
        if (!File.Exists(database))
        {
            return;
        }
        using var file = new FileStream(database, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var start = new byte[Header.Length];
        // An empty file is a new database to SQLite; anything else starts with the header.
        if (file.Length > 0 && (file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length || !start.SequenceEqual(Header)))
        {
            throw new ServerStartException(
                $"--data {database} is not a SQLite database; name the server's own file or a new one, which the server creates (make run DATA=).");
        }
    }

    /// <summary>The process id the holder wrote in the lock file, if it can be read.</summary>
    private static int? HolderOf(FileStream stream)
    {
        try
        {
            stream.Position = 0;
            var text = new StreamReader(stream, Encoding.ASCII, leaveOpen: true).ReadToEnd();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static ServerStartException InUse(string database, int? pid) => new(
        $"the SQLite file {database} is in use by another server{(pid is { } p ? $" (process {p})" : "")}. A SQLite file is one server's: "
        + "give this one a file of its own (make run DATA=, --data), or let servers share a PostgreSQL database (--data postgres://…, see docs/multi-node.md).");
}
