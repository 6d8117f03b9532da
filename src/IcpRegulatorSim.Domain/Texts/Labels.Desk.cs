using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

// The trainer's desk: its clock buttons, the world it works in, the faults it injects, and what its forms refuse.
public static partial class Labels
{
    public static readonly PageMessage AdvanceFiveMinutes = new("+5 minutes", "+5 分钟");
    public static readonly PageMessage AdvanceOneDay = new("+1 day", "+1 天");
    public static readonly PageMessage AdvanceTwentyWorkingDays = new("+20 working days", "+20 个工作日");

    public static readonly PageMessage DeskWorksIn = new("The desk works in", "当前环境");
    public static readonly PageMessage SwitchWorld = new("Switch", "切换");

    /// <summary>The name of the provider whose key a world created on the desk comes with.</summary>
    public static readonly PageMessage TraineeProvider = new("Trainee's provider", "培训学员接入商");

    public static readonly PageMessage FaultUnavailable = new("UNAVAILABLE (the call fails)", "UNAVAILABLE（调用失败）");
    public static readonly PageMessage FaultDeadlineExceeded = new("DEADLINE_EXCEEDED (the call times out)", "DEADLINE_EXCEEDED（调用超时）");
    public static readonly PageMessage FaultLatency = new("Latency only (the call succeeds late)", "仅延迟（调用成功但变慢）");

    public static readonly PageMessage ResetNotConfirmed = new("Tick the box to confirm the reset.", "请勾选确认后再重置。");
    public static PageMessage NotANumber(string text) => new($"'{text}' is not a number.", $"“{text}”不是数字。");
}
