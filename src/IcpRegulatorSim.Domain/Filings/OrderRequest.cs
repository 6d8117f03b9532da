namespace IcpRegulatorSim.Domain.Filings;

/// <summary>
/// A provider's order as submitted: its type (or unspecified), the data it carries, and the filed subject and
/// services it is about. Which parts each type needs, and may not carry, is the validator's business.
/// </summary>
public sealed record OrderRequest(
    FilingType Type,
    Subject? Subject,
    IReadOnlyList<Service> Services,
    string SubjectNumber,
    IReadOnlyList<string> ServiceNumbers,
    string FilingPassword)
{
    /// <summary>Where the subject and the services sit in the request (SubmitFilingRequest.filing): their fields are named under it.</summary>
    public const string FilingPath = "filing";

    public IEnumerable<string> Identifiers => Services.SelectMany(s => s.Identifiers);
}
