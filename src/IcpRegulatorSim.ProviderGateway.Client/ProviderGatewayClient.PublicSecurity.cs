using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using Subject = IcpRegulatorSim.Contracts.V1.Subject;

namespace IcpRegulatorSim.ProviderGateway.Client;

/// <summary>
/// The public-security platform (公安联网备案), as a hosting provider walks its customer through it: the subject's
/// account (a code to its mobile, then its token), its websites filed and followed with that token, the office's side
/// with the admin key, and the public query.
/// </summary>
public sealed partial class ProviderGatewayClient
{
    /// <summary>The header that forces a path on a public-security filing (psb-reject, psb-onsite…; see ListScenarios).</summary>
    public const string PsbScenarioHeader = "x-psb-scenario";

    private PsbAccountService.PsbAccountServiceClient PsbAccounts => new(channel);

    private PsbFilingService.PsbFilingServiceClient PsbFilings => new(channel);

    private PsbOfficeService.PsbOfficeServiceClient PsbOffice => new(channel);

    private PsbPublicQueryService.PsbPublicQueryServiceClient PsbQuery => new(channel);

    public Task<SendRegistrationCodeResponse> PsbSendRegistrationCodeAsync(string mobile, CancellationToken cancellationToken = default) =>
        CallAsync(o => PsbAccounts.SendRegistrationCodeAsync(new SendRegistrationCodeRequest { Mobile = mobile }, o), Public, Retry.Never, cancellationToken);

    /// <summary>Registers the subject's account with the code its mobile received; the reply's token is answered once.</summary>
    public Task<RegisterAccountResponse> PsbRegisterAsync(Subject subject, string mobile, string code, string email = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => PsbAccounts.RegisterAccountAsync(new RegisterAccountRequest { Subject = subject, Mobile = mobile, Code = code, Email = email }, o),
            Public, Retry.Never, cancellationToken);

    /// <param name="scenario">A sandbox path to force on the filing (e.g. "psb-reject:SUBJECT_MISMATCH").</param>
    public Task<FileWebsiteResponse> PsbFileWebsiteAsync(string token, FileWebsiteRequest request, string? scenario = null, CancellationToken cancellationToken = default)
    {
        var headers = Headers(token);
        if (scenario is { Length: > 0 })
        {
            headers.Add(PsbScenarioHeader, scenario);
        }
        return CallAsync(o => PsbFilings.FileWebsiteAsync(request, o), headers, Retry.Never, cancellationToken);
    }

    public Task<ConfirmContactResponse> PsbConfirmContactAsync(string token, string filingId, string mobile, string code, CancellationToken cancellationToken = default) =>
        CallAsync(o => PsbFilings.ConfirmContactAsync(new ConfirmContactRequest { FilingId = filingId, Mobile = mobile, Code = code }, o),
            Headers(token), Retry.Never, cancellationToken);

    public async Task<WebsiteFiling> PsbGetFilingAsync(string token, string filingId, CancellationToken cancellationToken = default) =>
        (await CallAsync(o => PsbFilings.GetWebsiteFilingAsync(new GetWebsiteFilingRequest { FilingId = filingId }, o), Headers(token), Retry.Safe, cancellationToken)).Filing;

    public Task<ListWebsiteFilingsResponse> PsbListFilingsAsync(string token, int pageSize = 0, string pageToken = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => PsbFilings.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest { PageSize = pageSize, PageToken = pageToken }, o),
            Headers(token), Retry.Safe, cancellationToken);

    public Task<ListPendingWebsiteFilingsResponse> PsbListPendingAsync(
        string province = "", string officeCode = "", bool overdueOnly = false, CancellationToken cancellationToken = default) =>
        CallAsync(o => PsbOffice.ListPendingWebsiteFilingsAsync(
            new ListPendingWebsiteFilingsRequest { Province = province, OfficeCode = officeCode, OverdueOnly = overdueOnly }, o), Admin, Retry.Safe, cancellationToken);

    public async Task<WebsiteFiling> PsbApproveAsync(string filingId, CancellationToken cancellationToken = default) =>
        (await CallAsync(o => PsbOffice.ApproveWebsiteFilingAsync(new ApproveWebsiteFilingRequest { FilingId = filingId }, o), Admin, Retry.Never, cancellationToken)).Filing;

    public async Task<WebsiteFiling> PsbRejectAsync(string filingId, string reasonCode, CancellationToken cancellationToken = default) =>
        (await CallAsync(o => PsbOffice.RejectWebsiteFilingAsync(new RejectWebsiteFilingRequest { FilingId = filingId, ReasonCode = reasonCode }, o),
            Admin, Retry.Never, cancellationToken)).Filing;

    public async Task<IReadOnlyList<PsbPublicFiling>> PsbQueryByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        (await CallAsync(o => PsbQuery.QueryFilingByNumberAsync(new QueryFilingByNumberRequest { Number = number }, o), Public, Retry.Safe, cancellationToken)).Filings;

    public async Task<IReadOnlyList<PsbPublicFiling>> PsbQueryByDomainAsync(string domain, CancellationToken cancellationToken = default) =>
        (await CallAsync(o => PsbQuery.QueryFilingsByDomainAsync(new QueryFilingsByDomainRequest { Domain = domain }, o), Public, Retry.Safe, cancellationToken)).Filings;

    public async Task<IReadOnlyList<PsbPublicFiling>> PsbQueryByWebsiteNameAsync(string name, CancellationToken cancellationToken = default) =>
        (await CallAsync(o => PsbQuery.QueryFilingsByWebsiteNameAsync(new QueryFilingsByWebsiteNameRequest { WebsiteName = name }, o),
            Public, Retry.Safe, cancellationToken)).Filings;
}
