using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

// The trainer's desk: the world it works in.
public static partial class Labels
{
    public static readonly PageMessage DeskWorksIn = new("The desk works in", "当前环境");
    public static readonly PageMessage SwitchWorld = new("Switch", "切换");

    /// <summary>The name of the provider whose key a world created on the desk comes with.</summary>
    public static readonly PageMessage TraineeProvider = new("Trainee's provider", "培训学员接入商");
}
