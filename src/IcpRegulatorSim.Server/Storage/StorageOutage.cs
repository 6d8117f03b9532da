namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// Whether this node's database is failing, as the node last found it, so that an outage is logged once, not by every
/// call and every pass of a worker that meets it: its first failure in full, and its end, with how long it lasted and
/// how many failures it caused. The workers that meet it retry after <see cref="Backoff"/>, on the real time the clocks
/// read (a test's fake one included).
/// </summary>
public sealed class StorageOutage(TimeProvider time, ILogger<StorageOutage> logger)
{
    /// <summary>The first retry of a worker after a failure; each one after waits twice as long, up to <see cref="LongestRetry"/>.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a worker waits between two attempts: how late at most it notices that the database is back.</summary>
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private volatile bool down;
    private DateTimeOffset since;
    private long failures;
    private int count;

    /// <summary>Whether the last use of the database failed.</summary>
    public bool Down => down;

    /// <summary>How many outages have begun: a connection opened before the last one began may have died in it.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>How long a worker waits before its attempt number <paramref name="attempt"/> (0: the first retry).</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(attempt, 30)));

    /// <summary>Notes a failure of the database met by <paramref name="where"/>: the first of an outage is logged.</summary>
    public void Failed(Exception e, string where)
    {
        lock (gate)
        {
            failures++;
            if (down)
            {
                logger.LogDebug("{Where}: the database still fails ({Error})", where, e.Message);
                return;
            }
            down = true;
            since = time.GetUtcNow();
            failures = 1;
            count++;
        }
        logger.LogError(e, "The database failed ({Where}); calls that need it answer UNAVAILABLE, and the node retries, until it is back", where);
    }

    /// <summary>
    /// Notes a use of the database that succeeded, which began when <see cref="Count"/> read <paramref name="begunAt"/>:
    /// the end of an outage, if one was under way, is logged. A use that began before the outage did proves nothing
    /// about it (a batch that committed as the database went away, reported after another use failed).
    /// </summary>
    public void Succeeded(int begunAt)
    {
        if (!down)
        {
            return;
        }
        TimeSpan lasted;
        long failed;
        lock (gate)
        {
            if (!down || count != begunAt)
            {
                return;
            }
            down = false;
            lasted = time.GetUtcNow() - since;
            failed = failures;
        }
        logger.LogWarning("The database is back after {Seconds:0.0} s; {Failures} calls and attempts failed meanwhile", lasted.TotalSeconds, failed);
    }
}
