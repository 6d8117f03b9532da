using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>What the administration does by itself when a filed subject's deadline comes (see <see cref="Supervisor"/>).</summary>
public sealed class SubjectDeadlines(Supervisor supervisor) : IDeadlineHandler
{
    public TimerOwnerKind Owner => TimerOwnerKind.Subject;

    public int Apply(WriteSession session, TimerRow timer) => supervisor.ApplyDeadlines(session, timer.OwnerId);
}
