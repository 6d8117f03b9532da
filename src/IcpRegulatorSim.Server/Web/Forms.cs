namespace IcpRegulatorSim.Server.Web;

/// <summary>What the applicant types on the validation and resend pages.</summary>
public sealed class PersonForm
{
    public string? Mobile { get; set; }
    public string? CertificateSuffix { get; set; }
    public string? Code { get; set; }
}

public sealed class PasswordForm
{
    public string? SubjectNumber { get; set; }
    public string? LeaderCertificateNumber { get; set; }
}

public sealed class KeyForm
{
    public string? Key { get; set; }
}

public sealed class CreateWorldForm
{
    public string? WorldId { get; set; }
    public string? ClockStart { get; set; }
    public string? Rate { get; set; }
}

/// <summary>One of the desk's clock buttons (<c>5m</c>, <c>1d</c>, <c>20wd</c>), or an instant, or a rate.</summary>
public sealed class ClockForm
{
    public string? Step { get; set; }
    public string? To { get; set; }
    public string? Rate { get; set; }
}

public sealed class SampleForm
{
    public string? Kind { get; set; } = "individual";
    public string? Province { get; set; } = "beijing";
    public string? LeaderMobile { get; set; } = "13800138000";
    public string? AdministratorMobile { get; set; }
    public string? Scenario { get; set; }
}

public sealed class FaultForm
{
    public string? Method { get; set; }
    public string? Kind { get; set; } = "1";
    public string? Probability { get; set; } = "1";
    public string? DelayMs { get; set; } = "0";
    public string? Clear { get; set; }
}

public sealed class ConfirmForm
{
    public bool Confirm { get; set; }
}

/// <summary>One of the administration's actions on a filed service: which number, why, and (a spot check) within how many days.</summary>
public sealed class SupervisionForm
{
    public string? Number { get; set; }
    public string? Reason { get; set; }
    public string? Days { get; set; }
}

public sealed class DecisionForm
{
    public string? Reviewer { get; set; }
    public string? Text { get; set; }
}
