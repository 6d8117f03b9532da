using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Time;
using D = IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Api;

public sealed class SandboxApi(Callers callers, SandboxDesk desk, RuleBook rules) : SandboxService.SandboxServiceBase
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public override Task<Clock> GetClock(GetClockRequest request, ServerCallContext context)
    {
        var (clock, now) = desk.Clock(callers.Admin(context));
        return Task.FromResult(ToProto(clock, now));
    }

    public override async Task<AdvanceClockResponse> AdvanceClock(AdvanceClockRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        Func<DateTimeOffset, DateTimeOffset> target = request.TargetCase switch
        {
            AdvanceClockRequest.TargetOneofCase.By => Forward(Timestamps.ToSpan(request.By, "by")),
            AdvanceClockRequest.TargetOneofCase.To => At(Timestamps.ToInstant(request.To, "to")),
            _ => throw RegulatorErrors.Invalid("target", "REQUIRED", "Say how far (by) or to when (to).", "请指定拨快的时长（by）或目标时间（to）。"),
        };
        var advance = await desk.AdvanceAsync(world, target, context.CancellationToken);
        return new AdvanceClockResponse { Clock = ToProto(advance.Clock, advance.Now), DeadlinesApplied = advance.DeadlinesApplied };
    }

    private static Func<DateTimeOffset, DateTimeOffset> At(DateTimeOffset to) => _ => to;

    private static Func<DateTimeOffset, DateTimeOffset> Forward(TimeSpan by) =>
        by >= TimeSpan.Zero && by <= SandboxDesk.MaxAdvance
            ? now => now + by
            : throw RegulatorErrors.Invalid("by", "OUT_OF_RANGE",
                $"The clock moves forward, by at most {SandboxDesk.MaxAdvance.TotalDays:0} days at a time.",
                $"时钟只能向前拨，每次最多{SandboxDesk.MaxAdvance.TotalDays:0}天。");

    public override Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        if (request.AfterSequence < 0)
        {
            throw RegulatorErrors.Invalid("after_sequence", "OUT_OF_RANGE", "Cannot be negative.", "不能为负数。");
        }
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var reply = new ListMessagesResponse();
        reply.Messages.AddRange(desk.Messages(world, request.Recipient.Trim(), request.OrderId.Trim(), request.AfterSequence, size)
            .Select(m => new OutboxMessage
            {
                Sequence = m.MessageSeq,
                Channel = (MessageChannel)m.Channel,
                Recipient = m.Recipient,
                Sender = m.Sender,
                Carrier = m.Carrier,
                Subject = m.Subject,
                Body = m.Body,
                OrderId = m.OrderId,
                SentAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(m.SentAtMs)),
            }));
        return Task.FromResult(reply);
    }

    public override async Task<ResetResponse> Reset(ResetRequest request, ServerCallContext context)
    {
        await desk.ResetAsync(callers.Admin(context), context.CancellationToken);
        return new ResetResponse();
    }

    public override async Task<DomainRegistration> RegisterDomain(DomainRegistration request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        if (request.ExpiresAt is null)
        {
            throw RegulatorErrors.Invalid("expires_at", "REQUIRED", "When the registration expires.", "请填写域名到期时间。");
        }
        var registered = await desk.RegisterDomainAsync(world, new D.DomainRegistration(
            request.Domain, request.Registrar, request.RegistrantName, request.RegistrantCertificateType, request.RegistrantCertificateNumber,
            request.RealNameVerified, Timestamps.ToInstant(request.ExpiresAt, "expires_at")), context.CancellationToken);
        return new DomainRegistration
        {
            Domain = registered.Domain,
            Registrar = registered.Registrar,
            RegistrantName = registered.RegistrantName,
            RegistrantCertificateType = registered.RegistrantCertificateType,
            RegistrantCertificateNumber = registered.RegistrantCertificateNumber,
            RealNameVerified = registered.RealNameVerified,
            ExpiresAt = Timestamp.FromDateTimeOffset(registered.ExpiresAt),
        };
    }

    public override async Task<UpdateBlacklistResponse> UpdateBlacklist(UpdateBlacklistRequest request, ServerCallContext context)
    {
        await desk.UpdateBlacklistAsync(callers.Admin(context), request.Domains, request.CertificateNumbers, request.Remove, context.CancellationToken);
        return new UpdateBlacklistResponse();
    }

    private Clock ToProto(WorldClock clock, DateTimeOffset now) => new()
    {
        Now = Timestamp.FromDateTimeOffset(now),
        Rate = clock.Rate,
        BeijingTime = now.ToBeijing().ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"),
        WorkingDay = rules.Calendar.IsWorkingDay(BeijingTime.DateOf(now)),
    };
}
