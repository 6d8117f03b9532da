namespace IcpRegulatorSim.Server.Web;

/// <summary>The mobile a subject asks the platform's registration code for.</summary>
public sealed class PsbCodeForm
{
    public string? Mobile { get; set; }
}

/// <summary>What a subject types to register its account: the subject as its certificate shows it, its mobile and that mobile's code.</summary>
public sealed class PsbRegisterForm
{
    public string? Nature { get; set; } = "5";
    public string? Name { get; set; }
    public string? CertificateType { get; set; } = "2";
    public string? CertificateNumber { get; set; }
    public string? Province { get; set; } = "beijing";
    public string? City { get; set; }
    public string? Address { get; set; }
    public string? LeaderName { get; set; }
    public string? LeaderCertificateType { get; set; } = "2";
    public string? LeaderCertificateNumber { get; set; }
    public string? Mobile { get; set; }
    public string? Code { get; set; }
    public string? Email { get; set; }
}

/// <summary>One of a filing's three people.</summary>
public sealed class PsbPersonForm
{
    public string? Name { get; set; }
    public string? CertificateType { get; set; } = "2";
    public string? CertificateNumber { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }
}

/// <summary>A website as its subject files it with the platform, and its three people.</summary>
public sealed class PsbFilingForm
{
    public string? Name { get; set; }
    public string? Domains { get; set; }
    public string? IcpNumber { get; set; }
    public string? OpenedOn { get; set; }
    public string? ServerIp { get; set; }
    public string? ServerLocation { get; set; } = "1";
    public string? AccessProvider { get; set; }
    public string? DomainRegistrar { get; set; }
    public string? ServiceType { get; set; } = "1";
    public bool Forum { get; set; }
    public bool Comments { get; set; }
    public bool LiveStream { get; set; }
    public bool Sharing { get; set; }
    public bool InstantMessaging { get; set; }
    public string? SecurityAssessment { get; set; }
    public string? Language { get; set; } = "1";
    public PsbPersonForm Responsible { get; set; } = new();
    public PsbPersonForm Officer { get; set; } = new();
    public PsbPersonForm Emergency { get; set; } = new();
}

/// <summary>A code one of a filing's people received, typed on the subject's page.</summary>
public sealed class PsbConfirmForm
{
    public string? FilingId { get; set; }
    public string? Mobile { get; set; }
    public string? Code { get; set; }
}

/// <summary>An office's decision on a filing: which, what, and (a rejection) its reason's code.</summary>
public sealed class PsbDecisionForm
{
    public string? FilingId { get; set; }
    public string? Action { get; set; }
    public string? Reason { get; set; }
}
