using IcpRegulatorSim.Contracts.PublicSecurity.V1;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>The public-security platform's replies, as text or the contract's JSON.</summary>
public sealed partial class Printer
{
    public void PsbCodeSent(string mobile, SendRegistrationCodeResponse reply) => Reply(reply, () =>
        output.WriteLine($"Registration code sent to {mobile} (注册验证码已发送); another may be asked after {reply.ResendAfterSeconds}s."));

    public void PsbAccount(RegisterAccountResponse reply) => Reply(reply, () =>
    {
        output.WriteLine($"Account {reply.AccountId} registered (账号已注册)");
        output.WriteLine($"  token  {reply.Token}   (shown once; pass it as --token or ICP_PSB_TOKEN)");
    });

    public void PsbFiling(WebsiteFiling f) => Reply(f, () =>
    {
        output.WriteLine($"Filing {f.FilingId}  {CliValues.Name(f.Status)}{(f.Overdue ? "  OVERDUE (逾期)" : "")}");
        output.WriteLine($"  website   {f.Website.Name}  {string.Join(", ", f.Website.Domains)}  ICP {(f.Website.IcpNumber.Length > 0 ? f.Website.IcpNumber : "-")}");
        output.WriteLine($"  office    {f.Office.Code} {f.Office.Name.Zh}   due on {f.DueOn}");
        foreach (var c in f.Contacts)
        {
            output.WriteLine($"  contact   {CliValues.Name(c.Role),-18} {c.Person.Mobile}  {(c.Confirmed ? "confirmed" : "awaiting code")}");
        }
        if (f.Number.Length > 0)
        {
            output.WriteLine($"  number    {f.Number}");
            output.WriteLine($"  badge     {f.BadgeHtml}");
        }
        if (f.RejectionCode.Length > 0)
        {
            output.WriteLine($"  rejected  {f.RejectionCode}: {f.RejectionReason.Zh}");
        }
        output.WriteLine($"  history   {string.Join(" → ", f.History.Select(h => h.Kind))}");
    });

    public void PsbFilings(ListWebsiteFilingsResponse reply) => Reply(reply, () => PsbLines(reply.Filings, reply.NextPageToken));

    public void PsbPending(ListPendingWebsiteFilingsResponse reply) => Reply(reply, () => PsbLines(reply.Filings, reply.NextPageToken));

    public void PsbPublic(QueryFilingByNumberResponse reply) => Reply(reply, () => PsbPublicLines(reply.Filings));

    public void PsbPublic(QueryFilingsByDomainResponse reply) => Reply(reply, () => PsbPublicLines(reply.Filings));

    public void PsbPublic(QueryFilingsByWebsiteNameResponse reply) => Reply(reply, () => PsbPublicLines(reply.Filings));

    private void PsbLines(IEnumerable<WebsiteFiling> filings, string nextPageToken)
    {
        var any = false;
        foreach (var f in filings)
        {
            any = true;
            output.WriteLine($"{f.FilingId}  {CliValues.Name(f.Status),-20} {f.Office.Code}  {(f.Number.Length > 0 ? f.Number : "-")}  {f.Website.Name}{(f.Overdue ? "  OVERDUE" : "")}");
        }
        if (!any)
        {
            output.WriteLine("No public-security filing. (暂无公安联网备案)");
        }
        if (nextPageToken.Length > 0)
        {
            output.WriteLine($"next page: --page-token {nextPageToken}");
        }
    }

    private void PsbPublicLines(IReadOnlyCollection<PsbPublicFiling> filings)
    {
        if (filings.Count == 0)
        {
            output.WriteLine("No filing found. (未查询到备案信息)");
        }
        foreach (var f in filings)
        {
            output.WriteLine($"{f.Number}  {f.WebsiteName}  {string.Join(", ", f.Domains)}");
            output.WriteLine($"  subject   {f.SubjectName}  {f.SubjectNatureName.Zh}   ICP {f.IcpNumber}");
            output.WriteLine($"  office    {f.Office.Zh}   filed on {f.FiledOn}");
        }
    }
}
