namespace IcpRegulatorSim.Domain.Filings;

/// <summary>The data a provider files: the subject and its services, as submitted (or as filed).</summary>
public sealed record Filing(Subject Subject, IReadOnlyList<Service> Services)
{
    public IEnumerable<string> Domains => Services.SelectMany(s => s.Domains);
}

public sealed record Subject(
    int Nature,
    string Name,
    int CertificateType,
    string CertificateNumber,
    string Province,
    Address CertificateAddress,
    Address MailingAddress,
    Person Leader)
{
    public static readonly Subject Empty = new(0, "", 0, "", "", Address.Empty, Address.Empty, Person.Empty);

    /// <summary>A subject is identified by its certificate number, whatever provider files it.</summary>
    public string Key => CertificateNumber;
}

public sealed record Address(string Province, string City, string Detail)
{
    public static readonly Address Empty = new("", "", "");
}

public sealed record Person(string Name, int CertificateType, string CertificateNumber, string Mobile, string Email)
{
    public static readonly Person Empty = new("", 0, "", "", "");

    /// <summary>What the validation page asks for: the last six characters of the certificate number.</summary>
    public string CertificateSuffix => CertificateNumber.Length <= 6 ? CertificateNumber : CertificateNumber[^6..];
}

public sealed record Service(
    ServiceKind Kind,
    string Name,
    IReadOnlyList<string> Domains,
    string HomeUrl,
    IReadOnlyList<int> Languages,
    string ServiceContent,
    Person Administrator);
