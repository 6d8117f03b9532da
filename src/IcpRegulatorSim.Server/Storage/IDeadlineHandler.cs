namespace IcpRegulatorSim.Server.Storage;

/// <summary>Applies the due deadlines of one kind of timer owner; implemented by the desks that own its rules.</summary>
public interface IDeadlineHandler
{
    /// <summary>The kind of owner whose timers this applies (one handler per kind).</summary>
    TimerOwnerKind Owner { get; }

    /// <summary>Applies what is due on the timer's owner by the timer's instant; returns how many deadlines that was.</summary>
    int Apply(WriteSession session, TimerRow timer);
}
