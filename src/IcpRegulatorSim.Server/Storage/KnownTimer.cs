namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// An owner's timer as read together with the owner itself (its row names it): saving the owner then needs no read of
/// its own to find the timer it replaces. <see cref="Row"/> is null when the owner has none.
/// </summary>
public sealed record KnownTimer(TimerRow? Row);
