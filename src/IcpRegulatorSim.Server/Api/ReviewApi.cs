using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;

namespace IcpRegulatorSim.Server.Api;

public sealed class ReviewApi(Callers callers, ReviewDesk desk, RuleBook rules) : ReviewService.ReviewServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override Task<ListPendingReviewsResponse> ListPendingReviews(ListPendingReviewsRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        var province = request.Province.Trim().Length == 0
            ? ""
            : rules.FindProvince(request.Province)?.Id
              ?? throw RegulatorErrors.Invalid("province", "UNKNOWN_PROVINCE", $"Unknown province '{request.Province}'.", $"未知的省份“{request.Province}”。");
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var page = desk.Pending(world, province, Paging.OrderToken(request.PageToken), size);
        var reply = new ListPendingReviewsResponse { NextPageToken = Paging.NextToken(page, size, o => o.OrderId) };
        reply.Reviews.AddRange(page.Select(o => new PendingReview { Order = FilingMapper.ToProto(o), DueAt = FilingMapper.Stamp(o.ReviewDueAt) }));
        return Task.FromResult(reply);
    }

    public override async Task<FilingOrder> ApproveFiling(ApproveFilingRequest request, ServerCallContext context) =>
        FilingMapper.ToProto(await desk.ApproveAsync(callers.Admin(context), request.OrderId, request.Reviewer, request.Opinion, context.CancellationToken));

    public override async Task<FilingOrder> RejectFiling(RejectFilingRequest request, ServerCallContext context) =>
        FilingMapper.ToProto(await desk.RejectAsync(callers.Admin(context), request.OrderId, request.Reviewer, request.Reason, context.CancellationToken));
}
