using System.CommandLine;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>
/// <c>icp-gateway psb …</c>: the public-security filing (公安联网备案) after an ICP approval, as a hosting provider walks
/// its customer through it: the subject's account, a website filed with its ICP number and its people's codes, the
/// filing followed, the office's side (admin key) and the public query.
/// </summary>
public sealed partial class GatewayCli
{
    private Command PublicSecurity(TextWriter output, TextWriter error)
    {
        var token = Global("--token", "ICP_PSB_TOKEN", "", "The subject's account token (psb-…), as psb register printed it.");
        var mobile = new Option<string>("--mobile") { Description = "The mobile that received the code.", Required = true };
        var code = new Option<string>("--code") { Description = "The six-digit code the mobile received.", Required = true };
        var email = new Option<string>("--email") { Description = "The account's email (default: the subject's leader's)." };
        var file = new Argument<string>("file") { Description = "The ICP filing in JSON (see samples/): its subject, website and people." };
        var icpNumber = new Option<string>("--icp-number") { Description = "The website's ICP number (浙ICP备…号-1); empty for a site hosted outside mainland China." };
        var service = new Option<int>("--service") { Description = "Which of the file's services is the website (default 0)." };
        var openedOn = new Option<string>("--opened-on") { Description = "The website's opening date, yyyy-MM-dd (Beijing).", Required = true };
        var serverIp = new Option<string>("--server-ip") { Description = "The website's server address.", DefaultValueFactory = _ => "203.0.113.10" };
        var offshore = new Option<bool>("--outside-mainland") { Description = "The server is outside mainland China (no ICP number needed)." };
        var scenario = new Option<string>("--scenario") { Description = "Force a sandbox path on the filing, e.g. psb-reject:SUBJECT_MISMATCH, psb-review-days:3 (see: icp-gateway scenarios)." };
        var filingId = new Argument<string>("filing-id") { Description = "The public-security filing's id (psf-…)." };
        var pageSize = new Option<int>("--page-size") { Description = "Items per page." };
        var pageToken = new Option<string>("--page-token") { Description = "The token a previous page printed." };
        var province = new Option<string>("--province") { Description = "Only this province's filings." };
        var overdueOnly = new Option<bool>("--overdue-only") { Description = "Only filings past the 30 days." };
        var reason = new Option<string>("--reason") { Description = "A reason code of the platform's table (e.g. SUBJECT_MISMATCH).", Required = true };
        var value = new Argument<string>("value");

        return new Command("psb", "The public-security filing (公安联网备案) after an ICP approval.")
        {
            Options = { token },
            Subcommands =
            {
                Make("send-code", "Send a registration code to the subject's mobile.", [], [mobile], output, error, async (r, g, p, ct) =>
                {
                    var m = r.GetValue(mobile)!;
                    p.PsbCodeSent(m, await g.PsbSendRegistrationCodeAsync(m, ct));
                }),
                Make("register", "Register the file's subject's account with the code its mobile received; prints the token.", [file], [mobile, code, email], output, error,
                    async (r, g, p, ct) =>
                    {
                        var subject = FilingFiles.Read(r.GetValue(file)!).Filing?.Subject ?? throw new CliUsageException("The file has no filing.subject.");
                        p.PsbAccount(await g.PsbRegisterAsync(subject, r.GetValue(mobile)!, r.GetValue(code)!, r.GetValue(email) ?? subject.Leader?.Email ?? "", ct));
                    }),
                Make("file", "File one of the file's websites with the account (its leader responsible, its administrator the other two roles).",
                    [file], [icpNumber, service, openedOn, serverIp, offshore, scenario], output, error, async (r, g, p, ct) =>
                    {
                        var request = WebsiteFilingOf(FilingFiles.Read(r.GetValue(file)!).Filing, r.GetValue(service), r.GetValue(icpNumber) ?? "",
                            r.GetValue(openedOn)!, r.GetValue(serverIp)!, r.GetValue(offshore));
                        p.PsbFiling((await g.PsbFileWebsiteAsync(Token(r, token), request, r.GetValue(scenario), ct)).Filing);
                    }),
                Make("confirm", "Enter the code a person's mobile received for the filing.", [filingId], [mobile, code], output, error, async (r, g, p, ct) =>
                    p.PsbFiling((await g.PsbConfirmContactAsync(Token(r, token), r.GetValue(filingId)!, r.GetValue(mobile)!, r.GetValue(code)!, ct)).Filing)),
                Make("status", "Show one of the account's filings, its number and badge once approved.", [filingId], [], output, error, async (r, g, p, ct) =>
                    p.PsbFiling(await g.PsbGetFilingAsync(Token(r, token), r.GetValue(filingId)!, ct))),
                Make("list", "List the account's filings.", [], [pageSize, pageToken], output, error, async (r, g, p, ct) =>
                    p.PsbFilings(await g.PsbListFilingsAsync(Token(r, token), r.GetValue(pageSize), r.GetValue(pageToken) ?? "", ct))),
                Make("pending", "The office's filings under review (admin key).", [], [province, overdueOnly], output, error, async (r, g, p, ct) =>
                    p.PsbPending(await g.PsbListPendingAsync(r.GetValue(province) ?? "", "", r.GetValue(overdueOnly), ct))),
                Make("approve", "The office approves a filing: its number and badge (admin key).", [filingId], [], output, error, async (r, g, p, ct) =>
                    p.PsbFiling(await g.PsbApproveAsync(r.GetValue(filingId)!, ct))),
                Make("reject", "The office rejects a filing with a reason of its table (admin key).", [filingId], [reason], output, error, async (r, g, p, ct) =>
                    p.PsbFiling(await g.PsbRejectAsync(r.GetValue(filingId)!, r.GetValue(reason)!, ct))),
                new Command("query", "The platform's public query: by number, domain or website name.")
                {
                    Subcommands =
                    {
                        Make("number", "Look up a public-security number.", [value], [], output, error, async (r, g, p, ct) =>
                            p.PsbPublic(new QueryFilingByNumberResponse { Filings = { await g.PsbQueryByNumberAsync(r.GetValue(value)!, ct) } })),
                        Make("domain", "Look up a domain.", [value], [], output, error, async (r, g, p, ct) =>
                            p.PsbPublic(new QueryFilingsByDomainResponse { Filings = { await g.PsbQueryByDomainAsync(r.GetValue(value)!, ct) } })),
                        Make("name", "Look up a website's name.", [value], [], output, error, async (r, g, p, ct) =>
                            p.PsbPublic(new QueryFilingsByWebsiteNameResponse { Filings = { await g.PsbQueryByWebsiteNameAsync(r.GetValue(value)!, ct) } })),
                    },
                },
            },
        };
    }

    private static string Token(ParseResult result, Option<string> token) =>
        result.GetValue(token) is { Length: > 0 } t ? t : throw new CliUsageException("The account's token is needed: --token psb-… or ICP_PSB_TOKEN (psb register prints it).");

    /// <summary>The website the file's <paramref name="index"/>th service is, with the file's leader and its administrator as its three people.</summary>
    private static FileWebsiteRequest WebsiteFilingOf(Filing? filing, int index, string icpNumber, string openedOn, string serverIp, bool offshore)
    {
        if (filing is null || index < 0 || index >= filing.Services.Count)
        {
            throw new CliUsageException($"The file has no service {index}.");
        }
        var service = filing.Services[index];
        var website = new Website
        {
            Name = service.Name,
            IcpNumber = icpNumber,
            OpenedOn = openedOn,
            ServerIp = serverIp,
            ServerLocation = offshore ? ServerLocation.OutsideMainland : ServerLocation.Mainland,
            AccessProvider = "Sandbox Cloud",
            DomainRegistrar = "Sandbox Registrar",
            ServiceType = 1,
        };
        website.Domains.AddRange(service.Domains);
        var administrator = service.Administrator ?? filing.Subject.Leader;
        return new FileWebsiteRequest
        {
            Website = website,
            ResponsiblePerson = filing.Subject.Leader,
            SecurityOfficer = administrator,
            EmergencyContact = administrator,
        };
    }
}
