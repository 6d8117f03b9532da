using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;

namespace IcpRegulatorSim.Server.Api;

public sealed class ReviewApi(Callers callers, ReviewDesk desk, SupervisionDesk supervision, RuleBook rules) : ReviewService.ReviewServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override Task<ListPendingReviewsResponse> ListPendingReviews(ListPendingReviewsRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        var province = request.Province.Trim().Length == 0
            ? ""
            : rules.FindProvince(request.Province)?.Id
              ?? throw RegulatorErrors.Invalid("province", "UNKNOWN_PROVINCE", FieldTexts.UnknownProvince(request.Province));
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

    public override async Task<FiledServiceStanding> RestrictService(RestrictServiceRequest request, ServerCallContext context) =>
        ToProto(await supervision.RestrictAsync(callers.Admin(context), request.ServiceNumber, request.Reason, context.CancellationToken));

    public override async Task<FiledServiceStanding> LiftRestriction(LiftRestrictionRequest request, ServerCallContext context) =>
        ToProto(await supervision.LiftRestrictionAsync(callers.Admin(context), request.ServiceNumber, request.Reason, context.CancellationToken));

    public override async Task<FiledServiceStanding> OpenSpotCheck(OpenSpotCheckRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        var v = new Violations();
        var answerWithin = Timestamps.ToSpan(request.AnswerWithin, "answer_within", v);
        v.ThrowIfAny();
        return ToProto(await supervision.OpenSpotCheckAsync(world, request.ServiceNumber, request.Reason, answerWithin, context.CancellationToken));
    }

    public override async Task<FiledServiceStanding> CloseSpotCheck(CloseSpotCheckRequest request, ServerCallContext context) =>
        ToProto(await supervision.CloseSpotCheckAsync(callers.Admin(context), request.ServiceNumber, request.Reason, context.CancellationToken));

    public override async Task<RevokeFilingResponse> RevokeFiling(RevokeFilingRequest request, ServerCallContext context)
    {
        var revocation = await supervision.RevokeAsync(callers.Admin(context), request.Number, request.Reason, context.CancellationToken);
        var reply = new RevokeFilingResponse { SubjectNumber = revocation.SubjectNumber, SubjectRevoked = revocation.SubjectRevoked };
        reply.ServiceNumbers.AddRange(revocation.ServiceNumbers);
        return reply;
    }

    private static FiledServiceStanding ToProto(StandingView view)
    {
        var restriction = view.Service.Restriction;
        var reply = new FiledServiceStanding
        {
            SubjectNumber = view.SubjectNumber,
            ServiceNumber = view.Service.Number,
            Standing = (ServiceStanding)view.Standing,
            RestrictedSince = restriction is null ? null : Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(restriction.Since),
            ReasonCode = restriction?.Reason.Code ?? "",
            Reason = restriction is null ? null : new LocalizedText { En = restriction.Reason.En, Zh = restriction.Reason.Zh },
            SpotCheckDueAt = view.Service.SpotCheck is { } check ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(check.DueAt) : null,
        };
        reply.AccessProviders.AddRange(view.Service.AccessProviders);
        return reply;
    }
}
