using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using D = IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Api;

public sealed class FilingApi(Callers callers, FilingDesk desk) : FilingService.FilingServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override async Task<SubmitFilingResponse> SubmitFiling(SubmitFilingRequest request, ServerCallContext context) =>
        FilingMapper.ToReply(await desk.SubmitAsync(callers.Provider(context), FilingMapper.ToCommand(request), context.CancellationToken));

    public override Task<FilingOrder> GetFiling(GetFilingRequest request, ServerCallContext context) =>
        Task.FromResult(FilingMapper.ToProto(desk.Get(callers.Provider(context), Required.OrderId(request.OrderId))));

    public override Task<ListFilingsResponse> ListFilings(ListFilingsRequest request, ServerCallContext context)
    {
        var caller = callers.Provider(context);
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var page = desk.List(caller, (D.OrderStatus)request.Status, Paging.OrderToken(request.PageToken), size);
        var reply = new ListFilingsResponse { NextPageToken = Paging.NextToken(page, size, o => o.OrderId) };
        reply.Orders.AddRange(page.Select(FilingMapper.ToProto));
        return Task.FromResult(reply);
    }

    public override async Task<FilingOrder> WithdrawFiling(WithdrawFilingRequest request, ServerCallContext context) =>
        FilingMapper.ToProto(await desk.WithdrawAsync(callers.Provider(context), Required.OrderId(request.OrderId), context.CancellationToken));
}
