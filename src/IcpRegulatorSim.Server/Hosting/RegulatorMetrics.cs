using System.Diagnostics.Metrics;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// The regulator's own metrics (meter <c>IcpRegulatorSim</c>, served on /metrics with ASP.NET Core's and gRPC's):
/// what was filed and decided, what was sent, how validation went, and how the single writer keeps up. Everything is
/// counted after the commit that holds it.
/// </summary>
public sealed class RegulatorMetrics
{
    public const string MeterName = "IcpRegulatorSim";

    private readonly Meter meter;
    private readonly Counter<long> submitted;
    private readonly Counter<long> decided;
    private readonly Counter<long> sent;
    private readonly Counter<long> validations;
    private readonly Counter<long> resends;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> commitDuration;
    private readonly Histogram<double> deadlineLag;
    private readonly Counter<long> statements;
    private readonly Counter<long> roundTrips;
    private readonly Counter<long> rows;
    private readonly Counter<long> pages;

    /// <param name="meters">The host's factory: each server in a process (tests start several) counts for itself.</param>
    public RegulatorMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        submitted = meter.CreateCounter<long>("icp.orders.submitted", "{order}", "Orders accepted, by type.");
        decided = meter.CreateCounter<long>("icp.orders.decided", "{order}", "Orders that ended, by type and outcome.");
        sent = meter.CreateCounter<long>("icp.messages.sent", "{message}", "SMS and emails put in the outbox, by channel.");
        validations = meter.CreateCounter<long>("icp.sms.validations", "{attempt}", "Validation page answers, by outcome.");
        resends = meter.CreateCounter<long>("icp.sms.resends", "{attempt}", "Resend page answers, by outcome.");
        batchSize = meter.CreateHistogram("icp.writer.batch.size", "{command}", "Commands the writer committed together.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        commitDuration = meter.CreateHistogram("icp.writer.commit.duration", "s", "How long a batch took, from its first command to its commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1] });
        deadlineLag = meter.CreateHistogram("icp.deadlines.lag", "s",
            "How far the world's clock had passed a deadline when it was applied (simulated seconds; 0 when an advance applied it at its instant).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.1, 1, 10, 60, 300, 3600] });
        statements = meter.CreateCounter<long>("icp.writer.statements", "{statement}", "SQL statements the writer ran.");
        roundTrips = meter.CreateCounter<long>("icp.writer.round_trips", "{round trip}",
            "Round trips of the writer to its database server (none on SQLite, a library in the process).");
        rows = meter.CreateCounter<long>("icp.writer.rows", "{row}", "Rows the writer's statements inserted, updated or deleted.");
        pages = meter.CreateCounter<long>("icp.writer.pages", "{page}", "Database pages the writer's commits wrote to the WAL (SQLite).");
    }

    /// <summary>The writer's queue, read when metrics are collected.</summary>
    public void ObserveQueue(Func<int> depth) =>
        meter.CreateObservableGauge("icp.writer.queue.depth", depth, "{command}", "Commands waiting for the writer.");

    public void OrderEvents(FilingType type, IEnumerable<OrderEventKind> kinds)
    {
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case OrderEventKind.Submitted:
                    submitted.Add(1, new KeyValuePair<string, object?>("type", Name(type)));
                    break;
                case OrderEventKind.Approved or OrderEventKind.Rejected or OrderEventKind.Returned or OrderEventKind.Withdrawn:
                    decided.Add(1, new KeyValuePair<string, object?>("type", Name(type)), new KeyValuePair<string, object?>("outcome", Name(kind)));
                    break;
            }
        }
    }

    public void Sent(MessageChannel channel, int count)
    {
        if (count > 0)
        {
            sent.Add(count, new KeyValuePair<string, object?>("channel", Name(channel)));
        }
    }

    public void Validated(ValidateOutcome outcome) => validations.Add(1, new KeyValuePair<string, object?>("outcome", Name(outcome)));

    public void Resent(ResendOutcome outcome) => resends.Add(1, new KeyValuePair<string, object?>("outcome", Name(outcome)));

    public void Batch(int commands, TimeSpan took)
    {
        batchSize.Record(commands);
        commitDuration.Record(took.TotalSeconds);
    }

    /// <summary>What one batch asked of the database: statements, round trips, rows changed, pages written.</summary>
    public void WriterWork(long statementCount, long roundTripCount, long rowCount, long pageCount)
    {
        statements.Add(statementCount);
        roundTrips.Add(roundTripCount);
        rows.Add(rowCount);
        pages.Add(pageCount);
    }

    public void DeadlineApplied(TimeSpan lag) => deadlineLag.Record(Math.Max(0, lag.TotalSeconds));

    private static string Name(Enum value) => RegulatorError.ToScreamingSnake(value.ToString()).ToLowerInvariant();
}
