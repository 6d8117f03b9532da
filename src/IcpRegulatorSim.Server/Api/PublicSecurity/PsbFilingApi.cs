using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using IcpRegulatorSim.Server.Security;

namespace IcpRegulatorSim.Server.Api.PublicSecurity;

/// <summary>
/// A subject's filings on the public-security platform, each call with its account's token (authorization: Bearer
/// psb-…); the call that files or changes one may force a scenario on it (x-psb-scenario).
/// </summary>
public sealed class PsbFilingApi(Callers callers, AccountDesk accounts, WebsiteFilingDesk desk, PublicSecurityMapper mapper)
    : PsbFilingService.PsbFilingServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override async Task<FileWebsiteResponse> FileWebsite(FileWebsiteRequest request, ServerCallContext context)
    {
        var (world, account) = Account(context);
        var input = PublicSecurityMapper.ToInput(request.Website, request.ResponsiblePerson, request.SecurityOfficer, request.EmergencyContact,
            context.RequestHeaders.GetValue(WebsiteFilingScenario.Header));
        return new FileWebsiteResponse { Filing = mapper.ToProto(await desk.FileAsync(world, account, input, context.CancellationToken)) };
    }

    public override async Task<ConfirmContactResponse> ConfirmContact(ConfirmContactRequest request, ServerCallContext context)
    {
        var (world, account) = Account(context);
        var filing = await desk.ConfirmAsync(world, account, request.FilingId, request.Mobile, request.Code, context.CancellationToken);
        return new ConfirmContactResponse { Filing = mapper.ToProto(filing) };
    }

    public override Task<GetWebsiteFilingResponse> GetWebsiteFiling(GetWebsiteFilingRequest request, ServerCallContext context)
    {
        var (world, account) = Account(context);
        return Task.FromResult(new GetWebsiteFilingResponse { Filing = mapper.ToProto(desk.Get(world, account, request.FilingId)) });
    }

    public override Task<ListWebsiteFilingsResponse> ListWebsiteFilings(ListWebsiteFilingsRequest request, ServerCallContext context)
    {
        var (world, account) = Account(context);
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var page = desk.List(world, account, Paging.WebsiteFilingToken(request.PageToken), size);
        var reply = new ListWebsiteFilingsResponse { NextPageToken = Paging.NextToken(page, size, f => f.FilingId) };
        reply.Filings.AddRange(page.Select(mapper.ToProto));
        return Task.FromResult(reply);
    }

    public override async Task<ChangeWebsiteFilingResponse> ChangeWebsiteFiling(ChangeWebsiteFilingRequest request, ServerCallContext context)
    {
        var (world, account) = Account(context);
        var input = PublicSecurityMapper.ToInput(request.Website, request.ResponsiblePerson, request.SecurityOfficer, request.EmergencyContact,
            context.RequestHeaders.GetValue(WebsiteFilingScenario.Header));
        return new ChangeWebsiteFilingResponse { Filing = mapper.ToProto(await desk.ChangeAsync(world, account, request.FilingId, input, context.CancellationToken)) };
    }

    public override async Task<CancelWebsiteFilingResponse> CancelWebsiteFiling(CancelWebsiteFilingRequest request, ServerCallContext context)
    {
        var (world, account) = Account(context);
        return new CancelWebsiteFilingResponse { Filing = mapper.ToProto(await desk.CancelAsync(world, account, request.FilingId, context.CancellationToken)) };
    }

    private (string World, PublicSecurityAccount Account) Account(ServerCallContext context)
    {
        var (world, token) = callers.AccountToken(context);
        return (world, accounts.Authenticate(world, token));
    }
}
