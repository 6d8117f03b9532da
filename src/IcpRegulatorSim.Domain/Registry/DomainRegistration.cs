namespace IcpRegulatorSim.Domain.Registry;

/// <summary>What the domain registry knows of a domain: who registered it, through whom, until when, verified or not.</summary>
public sealed record DomainRegistration(
    string Domain,
    string Registrar,
    string RegistrantName,
    int RegistrantCertificateType,
    string RegistrantCertificateNumber,
    bool RealNameVerified,
    DateTimeOffset ExpiresAt);
