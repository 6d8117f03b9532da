using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using D = IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Server.Api;

public sealed class FilingApi(Callers callers, FilingDesk desk, IHostApplicationLifetime lifetime) : FilingService.FilingServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override async Task<SubmitFilingResponse> SubmitFiling(SubmitFilingRequest request, ServerCallContext context) =>
        FilingMapper.ToReply(await desk.SubmitAsync(callers.Provider(context),
            FilingMapper.ToCommand(request, context.RequestHeaders.GetValue(FilingMapper.ScenarioHeader)), context.CancellationToken));

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

    public override async Task WatchFilings(WatchFilingsRequest request, IServerStreamWriter<OrderEvent> responseStream, ServerCallContext context)
    {
        var caller = callers.Provider(context);
        await Streams.UntilStoppedAsync(desk.WatchAsync, caller, Paging.After(request.AfterSequence), context, lifetime,
            row => responseStream.WriteAsync(ToProto(row)));
    }

    private static OrderEvent ToProto(Storage.EventRow row)
    {
        var detail = row.ReadDetail();
        var e = new OrderEvent
        {
            Sequence = row.Seq,
            OrderId = row.OrderId,
            Kind = (OrderEventKind)row.Kind,
            Status = (OrderStatus)row.Status,
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(row.AtMs)),
            Mobile = row.Mobile ?? "",
            SubjectNumber = detail?.SubjectNumber ?? "",
            ReasonCode = detail?.ReasonCode ?? "",
            Reason = detail?.ReasonEn is null ? null : new LocalizedText { En = detail.ReasonEn, Zh = detail.ReasonZh ?? "" },
            NumericCode = detail?.NumericCode ?? 0,
        };
        e.ServiceNumbers.AddRange(detail?.ServiceNumbers ?? []);
        return e;
    }

    public override Task<DetermineFilingTypeResponse> DetermineFilingType(DetermineFilingTypeRequest request, ServerCallContext context)
    {
        var d = desk.Determine(callers.Provider(context), new TypeQuestion(
            request.CertificateType, request.CertificateNumber, request.Province,
            request.ServiceCase == DetermineFilingTypeRequest.ServiceOneofCase.Domain ? request.Domain : null,
            request.ServiceCase == DetermineFilingTypeRequest.ServiceOneofCase.AppPackageName ? request.AppPackageName : null));
        var (en, zh) = VerdictTexts.Explain(d.Verdict, d.Type, d.SubjectNumber, d.ServiceNumber);
        return Task.FromResult(new DetermineFilingTypeResponse
        {
            Verdict = (FilingTypeVerdict)d.Verdict,
            Type = (FilingType)d.Type,
            SubjectNumber = d.SubjectNumber ?? "",
            ServiceNumber = d.ServiceNumber ?? "",
            FilingPasswordRequired = d.PasswordRequired,
            OrderInProcess = d.OrderInProcess ?? "",
            NumericCode = d.NumericCode ?? 0,
            Message = new LocalizedText { En = en, Zh = zh },
        });
    }

    public override async Task<FilingOrder> WithdrawFiling(WithdrawFilingRequest request, ServerCallContext context) =>
        FilingMapper.ToProto(await desk.WithdrawAsync(callers.Provider(context), Required.OrderId(request.OrderId), context.CancellationToken));

    public override async Task<FilingOrder> UpdateValidationMobile(UpdateValidationMobileRequest request, ServerCallContext context) =>
        FilingMapper.ToProto(await desk.UpdateValidationMobileAsync(callers.Provider(context), request.OrderId, request.Mobile, request.NewMobile,
            context.CancellationToken));
}
