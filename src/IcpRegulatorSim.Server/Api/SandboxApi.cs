using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Time;

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
            AdvanceClockRequest.TargetOneofCase.By when request.By.Seconds >= 0 && request.By.Nanos >= 0 =>
                now => now + request.By.ToTimeSpan(),
            AdvanceClockRequest.TargetOneofCase.To => _ => request.To.ToDateTimeOffset(),
            AdvanceClockRequest.TargetOneofCase.By => throw RegulatorErrors.Invalid("by", "OUT_OF_RANGE",
                "The clock only moves forward.", "时钟只能向前拨。"),
            _ => throw RegulatorErrors.Invalid("target", "REQUIRED", "Say how far (by) or to when (to).", "请指定拨快的时长（by）或目标时间（to）。"),
        };
        var advance = await desk.AdvanceAsync(world, target, context.CancellationToken);
        return new AdvanceClockResponse { Clock = ToProto(advance.Clock, advance.Now), DeadlinesApplied = advance.DeadlinesApplied };
    }

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

    private Clock ToProto(WorldClock clock, DateTimeOffset now) => new()
    {
        Now = Timestamp.FromDateTimeOffset(now),
        Rate = clock.Rate,
        BeijingTime = now.ToBeijing().ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"),
        WorkingDay = rules.Calendar.IsWorkingDay(BeijingTime.DateOf(now)),
    };
}
