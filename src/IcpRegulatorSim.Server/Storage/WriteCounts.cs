namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// What the writer asked of its database since the last batch was counted: statements run, round trips to a database
/// in another process (none for SQLite, a library in this one), and rows the statements changed. The writer adds them
/// to its metrics after each batch, so that the cost of a call can be read from outside (the bench prints it per call).
/// </summary>
public sealed class WriteCounts(bool roundTrips)
{
    public long Statements { get; private set; }
    public long RoundTrips { get; private set; }
    public long Rows { get; private set; }

    /// <summary>Counts <paramref name="statements"/> sent together, which changed <paramref name="rows"/> rows (negative: none).</summary>
    internal void Ran(int statements, long rows)
    {
        Statements += statements;
        Rows += Math.Max(0, rows);
        if (roundTrips)
        {
            RoundTrips++;
        }
    }

    internal void Clear() => (Statements, RoundTrips, Rows) = (0, 0, 0);
}
