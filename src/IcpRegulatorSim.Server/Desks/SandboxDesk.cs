using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Desks;

public sealed record ClockAdvance(WorldClock Clock, DateTimeOffset Now, int DeadlinesApplied);

/// <summary>The sandbox operator's controls: the clock, the outbox, reset.</summary>
public sealed class SandboxDesk(Writer writer, Database database, WorldClocks clocks)
{
    public (WorldClock Clock, DateTimeOffset Now) Clock(string world) => (clocks.Get(world), clocks.Now(world));

    /// <summary>Moves the world's clock forward; <paramref name="target"/> picks the instant from the current one.</summary>
    public Task<ClockAdvance> AdvanceAsync(string world, Func<DateTimeOffset, DateTimeOffset> target, CancellationToken cancellationToken) =>
        writer.RunAsync(world, s =>
        {
            var to = target(s.Now);
            if (to < s.Now)
            {
                throw new RegulatorException(RegulatorErrors.InvalidRequest,
                    [new FieldViolation("target", "CLOCK_BACKWARDS", $"The clock does not go back (it reads {s.Now:O}).", $"时钟不能倒退（当前为 {s.Now:O}）。")]);
            }
            var applied = s.AdvanceClockTo(to);
            return new ClockAdvance(s.Clock, s.Now, applied);
        }, cancellationToken);

    public IReadOnlyList<MessageRow> Messages(string world, string recipient, string orderId, long after, int limit)
    {
        using var connection = database.OpenReader();
        return OutboxStore.List(new DbSession(connection, null), world, recipient, orderId, after, limit);
    }

    public Task ResetAsync(string world, CancellationToken cancellationToken) =>
        writer.RunAsync(world, s =>
        {
            s.ResetWorld();
            return 0;
        }, cancellationToken);
}
