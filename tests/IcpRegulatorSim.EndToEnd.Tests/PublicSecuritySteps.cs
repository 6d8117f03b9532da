using Grpc.Core;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// The public-security platform as its subject and its office call it, over gRPC: an account registered with the
/// code on the phone, a website filed for an approved ICP filing with its people's codes confirmed, the office's side
/// with the admin key, and the public query.
/// </summary>
public sealed class PublicSecuritySteps(GrpcChannel channel, ProviderGatewayClient gateway, string? world = null)
{
    public PublicSecuritySteps(RegulatorServer server, ProviderGatewayClient gateway, string? world = null)
        : this(server.Channel(), gateway, world)
    {
    }

    public PsbAccountService.PsbAccountServiceClient Accounts { get; } = new(channel);
    public PsbFilingService.PsbFilingServiceClient Filings { get; } = new(channel);
    public PsbOfficeService.PsbOfficeServiceClient Office { get; } = new(channel);
    public PsbPublicQueryService.PsbPublicQueryServiceClient Query { get; } = new(channel);

    /// <summary>The headers of a call: the world, and the account's token or the admin key.</summary>
    public Metadata Headers(string? bearer = null)
    {
        var headers = new Metadata();
        if (bearer is not null)
        {
            headers.Add("authorization", $"Bearer {bearer}");
        }
        if (world is not null)
        {
            headers.Add("x-icp-world", world);
        }
        return headers;
    }

    public Metadata AdminHeaders => Headers(GatewayOptions.SandboxAdminKey);

    /// <summary>Registers the ICP-filed subject's account with the code its mobile receives; returns the account's token.</summary>
    public async Task<string> RegisterAsync(Subject subject, string mobile)
    {
        await Accounts.SendRegistrationCodeAsync(new SendRegistrationCodeRequest { Mobile = mobile }, Headers());
        var code = Codes(await gateway.InboxAsync(mobile), OutboxMessages.PublicSecurityRegistrationCode).Last();
        var registered = await Accounts.RegisterAccountAsync(
            new RegisterAccountRequest { Subject = subject, Mobile = mobile, Code = code, Email = subject.Leader.Email }, Headers());
        return registered.Token;
    }

    /// <summary>The website an approved ICP filing's service is, as its subject files it with the platform.</summary>
    public static Website WebsiteOf(Filed filed, int service, string openedOn)
    {
        var website = new Website
        {
            Name = filed.Service(service).Name,
            IcpNumber = filed.ServiceNumber(service),
            OpenedOn = openedOn,
            ServerIp = "203.0.113.10",
            ServerLocation = ServerLocation.Mainland,
            AccessProvider = "Sandbox Cloud",
            DomainRegistrar = "Sandbox Registrar",
            ServiceType = 1,
        };
        website.Domains.AddRange(filed.Service(service).Domains);
        return website;
    }

    /// <summary>A filing of the website by its subject's leader (responsible person) and its administrator (the other two roles).</summary>
    public static FileWebsiteRequest FilingOf(Filed filed, Website website) => new()
    {
        Website = website,
        ResponsiblePerson = filed.Leader,
        SecurityOfficer = filed.Administrator(0),
        EmergencyContact = filed.Administrator(0),
    };

    public async Task<WebsiteFiling> FileAsync(string token, FileWebsiteRequest request) =>
        (await Filings.FileWebsiteAsync(request, Headers(token))).Filing;

    /// <summary>Each of the filing's people enters every code their phone received for it; returns the filing then.</summary>
    public async Task<WebsiteFiling> ConfirmAllAsync(string token, WebsiteFiling filing)
    {
        foreach (var mobile in filing.Contacts.Select(c => c.Person.Mobile).Distinct())
        {
            var codes = Codes((await gateway.InboxAsync(mobile)).Where(m => m.Body.Contains(filing.FilingId, StringComparison.Ordinal)), OutboxMessages.PublicSecurityContactCode);
            foreach (var code in codes.TakeLast(filing.Contacts.Count(c => c.Person.Mobile == mobile)))
            {
                filing = (await Filings.ConfirmContactAsync(
                    new ConfirmContactRequest { FilingId = filing.FilingId, Mobile = mobile, Code = code }, Headers(token))).Filing;
            }
        }
        return filing;
    }

    public async Task<WebsiteFiling> GetAsync(string token, string filingId) =>
        (await Filings.GetWebsiteFilingAsync(new GetWebsiteFilingRequest { FilingId = filingId }, Headers(token))).Filing;

    /// <summary>The INVALID_ARGUMENT (or other refusal) a call ends in, read as the gateway reads it.</summary>
    public static async Task<RegulatorCallException> RefusedAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        return RegulatorCallException.From(e);
    }

    private static List<string> Codes(IEnumerable<OutboxMessage> messages, Func<OutboxMessage, string?> code) =>
        messages.Select(code).OfType<string>().ToList();
}
