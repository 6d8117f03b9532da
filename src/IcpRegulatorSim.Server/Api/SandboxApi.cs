using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;
using Microsoft.AspNetCore.Authorization;
using D = IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Api;

public sealed class SandboxApi(Callers callers, SandboxDesk desk, SmsDesk phone, RuleBook rules, IHostApplicationLifetime lifetime)
    : SandboxService.SandboxServiceBase
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public override Task<Clock> GetClock(GetClockRequest request, ServerCallContext context)
    {
        var (clock, now) = desk.Clock(callers.Admin(context, request.WorldId));
        return Task.FromResult(ToProto(clock, now));
    }

    public override async Task<AdvanceClockResponse> AdvanceClock(AdvanceClockRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context, request.WorldId);
        Func<DateTimeOffset, DateTimeOffset> target = request.TargetCase switch
        {
            AdvanceClockRequest.TargetOneofCase.By => Forward(Timestamps.ToSpan(request.By, "by")),
            AdvanceClockRequest.TargetOneofCase.To => At(Timestamps.ToInstant(request.To, "to")),
            _ => throw RegulatorErrors.Invalid("target", "REQUIRED", FieldTexts.AdvanceTarget),
        };
        var advance = await desk.AdvanceAsync(world, target, context.CancellationToken);
        return new AdvanceClockResponse { Clock = ToProto(advance.Clock, advance.Now), DeadlinesApplied = advance.DeadlinesApplied };
    }

    // The load-test baseline: no key (AllowAnonymous: the OpenAPI document asks for none).
    [AllowAnonymous]
    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) => Task.FromResult(Pong);

    public override async Task<AnswerCallResponse> AnswerCall(AnswerCallRequest request, ServerCallContext context)
    {
        var reply = new AnswerCallResponse();
        reply.OrderIds.AddRange(await phone.AnswerCallAsync(callers.Admin(context), request.Mobile, context.CancellationToken));
        return reply;
    }

    public override async Task<SeedFilingsResponse> SeedFilings(SeedFilingsRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        var (seeded, skipped) = await desk.SeedAsync(world, request.ProviderId, request.Filings.Select(FilingMapper.ToDomain).ToList(), context.CancellationToken);
        return new SeedFilingsResponse { Seeded = seeded, Skipped = skipped };
    }

    private static readonly PingResponse Pong = new();

    private static Func<DateTimeOffset, DateTimeOffset> At(DateTimeOffset to) => _ => to;

    private static Func<DateTimeOffset, DateTimeOffset> Forward(TimeSpan by) =>
        by >= TimeSpan.Zero && by <= SandboxDesk.MaxAdvance
            ? now => now <= SandboxDesk.LatestClock - by ? now + by : throw SandboxDesk.PastLatestClock("by")
            : throw RegulatorErrors.Invalid("by", "OUT_OF_RANGE", FieldTexts.AdvanceBy(SandboxDesk.MaxAdvance));

    public override Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context, request.WorldId);
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var reply = new ListMessagesResponse();
        reply.Messages.AddRange(desk.Messages(world, TypedIdentifiers.Normalize(request.Recipient), request.OrderId.Trim(), Paging.After(request.AfterSequence), size)
            .Select(ToProto));
        return Task.FromResult(reply);
    }

    public override async Task WatchMessages(WatchMessagesRequest request, IServerStreamWriter<OutboxMessage> responseStream, ServerCallContext context)
    {
        var world = callers.Admin(context, request.WorldId);
        var recipient = TypedIdentifiers.Normalize(request.Recipient);
        await Streams.UntilStoppedAsync((w, after, ct) => desk.WatchMessagesAsync(w, recipient, after, ct), world, Paging.After(request.AfterSequence), context, lifetime,
            m => responseStream.WriteAsync(ToProto(m)));
    }

    public override async Task<Clock> SetClockRate(SetClockRateRequest request, ServerCallContext context)
    {
        var set = await desk.SetClockRateAsync(callers.Admin(context, request.WorldId), request.Rate, context.CancellationToken);
        return ToProto(set.Clock, set.Now);
    }

    public override async Task<World> CreateWorld(CreateWorldRequest request, ServerCallContext context)
    {
        callers.Admin(context);
        var v = new Violations();
        var start = Timestamps.ToInstant(request.ClockStart, "clock_start", v);
        var row = await desk.CreateWorldAsync(request.WorldId, request.Seed, start, request.ClockRate, v, context.CancellationToken);
        return ToProto(row.WorldId, row.Seed, row.Clock);
    }

    public override Task<ListWorldsResponse> ListWorlds(ListWorldsRequest request, ServerCallContext context)
    {
        callers.Admin(context);
        var reply = new ListWorldsResponse();
        reply.Worlds.AddRange(desk.Worlds().Select(w => ToProto(w.WorldId, w.Seed, w.Clock)));
        return Task.FromResult(reply);
    }

    public override async Task<DeleteWorldResponse> DeleteWorld(DeleteWorldRequest request, ServerCallContext context)
    {
        callers.Admin(context);
        await desk.DeleteWorldAsync(Required.Id("world_id", request.WorldId), context.CancellationToken);
        return new DeleteWorldResponse();
    }

    public override async Task<ProviderKey> CreateProviderKey(CreateProviderKeyRequest request, ServerCallContext context)
    {
        var issued = await desk.CreateProviderKeyAsync(callers.Admin(context, request.WorldId), request.ProviderId, request.Name, request.Province, context.CancellationToken);
        return new ProviderKey
        {
            Key = issued.Key,
            WorldId = issued.WorldId,
            ProviderId = issued.ProviderId,
            Name = issued.Name,
            Province = issued.Province ?? "",
        };
    }

    public override async Task<SetFaultsResponse> SetFaults(SetFaultsRequest request, ServerCallContext context)
    {
        var world = callers.Admin(context, request.WorldId);
        var v = new Violations();
        var specs = request.Faults.Select((f, i) => new FaultSpec(
            f.Method.Trim(), (int)f.Kind, f.Probability, Timestamps.ToSpan(f.Delay, $"faults[{i}].delay", v) ?? TimeSpan.Zero)).ToList();
        await desk.SetFaultsAsync(world, specs, v, context.CancellationToken);
        return new SetFaultsResponse();
    }

    private World ToProto(string worldId, long seed, WorldClock clock) =>
        new() { WorldId = worldId, Seed = seed, Clock = ToProto(clock, clock.Now(desk.RealNow)) };

    private static OutboxMessage ToProto(MessageRow m) => new()
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
    };

    public override async Task<ResetResponse> Reset(ResetRequest request, ServerCallContext context)
    {
        await desk.ResetAsync(callers.Admin(context, request.WorldId), context.CancellationToken);
        return new ResetResponse();
    }

    public override async Task<DomainRegistration> RegisterDomain(DomainRegistration request, ServerCallContext context)
    {
        var world = callers.Admin(context);
        var v = new Violations();
        var expires = Timestamps.ToInstant(request.ExpiresAt, "expires_at", v);
        if (request.ExpiresAt is null)
        {
            v.Add("expires_at", "REQUIRED", FieldTexts.ExpiresAt);
        }
        var registered = await desk.RegisterDomainAsync(world, new D.DomainRegistration(
            request.Domain, request.Registrar, request.RegistrantName, request.RegistrantCertificateType, request.RegistrantCertificateNumber,
            request.RealNameVerified, expires ?? default), v, context.CancellationToken);
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
