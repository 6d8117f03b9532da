namespace IcpRegulatorSim.Domain.Filings;

/// <summary>The data a provider files: the subject and its services, as submitted (or as filed).</summary>
public sealed record Filing(Subject Subject, IReadOnlyList<Service> Services)
{
    /// <summary>What the services are known by in the registry: their domains, and their apps' package names.</summary>
    public IEnumerable<string> Identifiers => Services.SelectMany(s => s.Identifiers);
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

    /// <summary>How many of the certificate number's last characters the validation page asks for.</summary>
    public const int SuffixLength = 6;

    /// <summary>What the validation page asks for: the last six characters of the certificate number.</summary>
    public string CertificateSuffix => CertificateNumber.Length <= SuffixLength ? CertificateNumber : CertificateNumber[^SuffixLength..];
}

/// <param name="ServiceNumber">In an order about filed services: the filed service this one is (the new data of).</param>
public sealed record Service(
    ServiceKind Kind,
    string Name,
    IReadOnlyList<string> Domains,
    string HomeUrl,
    IReadOnlyList<int> Languages,
    string ServiceContent,
    Person Administrator,
    AppInfo? App = null,
    string ServiceNumber = "")
{
    /// <summary>Pre-approvals (前置审批) of the content the service carries, e.g. 6 电子公告服务 for an interactive site.</summary>
    public IReadOnlyList<PreApproval> PreApprovals { get; init; } = [];

    /// <summary>The registry keys of the service: one domain belongs to at most one subject, and so does one app.</summary>
    public IEnumerable<string> Identifiers => App is { } app ? [AppInfo.IdentifierOf(app.PackageName)] : Domains;
}

/// <summary>A pre-approval from the competent authority: its type (code table) and document number.</summary>
public sealed record PreApproval(int Type, string Number);

public sealed record AppInfo(string PackageName, AppPlatform Platform, string PublicKey, string SignatureHash)
{
    /// <summary>Apps share the registry's key space with domains; the prefix keeps a package name from ever equalling a domain.</summary>
    public static string IdentifierOf(string packageName) => "app:" + packageName;
}
