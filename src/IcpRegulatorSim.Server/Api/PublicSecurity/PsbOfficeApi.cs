using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using IcpRegulatorSim.Server.Security;

namespace IcpRegulatorSim.Server.Api.PublicSecurity;

/// <summary>The local offices' side of the platform: the admin key, as MIIT's review.</summary>
public sealed class PsbOfficeApi(Callers callers, OfficeDesk desk, PublicSecurityMapper mapper) : PsbOfficeService.PsbOfficeServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override Task<ListPendingWebsiteFilingsResponse> ListPendingWebsiteFilings(ListPendingWebsiteFilingsRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var page = desk.Pending(world, request.Province, request.OfficeCode, request.OverdueOnly, Paging.WebsiteFilingToken(request.PageToken), size);
        var reply = new ListPendingWebsiteFilingsResponse { NextPageToken = Paging.NextToken(page, size, f => f.FilingId) };
        reply.Filings.AddRange(page.Select(mapper.ToProto));
        return Task.FromResult(reply);
    }

    public override async Task<ApproveWebsiteFilingResponse> ApproveWebsiteFiling(ApproveWebsiteFilingRequest request, ServerCallContext context) =>
        new() { Filing = mapper.ToProto(await desk.ApproveAsync(callers.Admin(context), request.FilingId, context.CancellationToken)) };

    public override async Task<RejectWebsiteFilingResponse> RejectWebsiteFiling(RejectWebsiteFilingRequest request, ServerCallContext context) =>
        new() { Filing = mapper.ToProto(await desk.RejectAsync(callers.Admin(context), request.FilingId, request.ReasonCode, context.CancellationToken)) };

    public override async Task<RequestOnSiteCheckResponse> RequestOnSiteCheck(RequestOnSiteCheckRequest request, ServerCallContext context) =>
        new() { Filing = mapper.ToProto(await desk.RequestOnSiteCheckAsync(callers.Admin(context), request.FilingId, context.CancellationToken)) };
}
