using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Client;

/// <summary>
/// The access provider's side of the exchange, over gRPC only: typed calls with deadlines, retries that reuse a
/// submission's idempotency key, and the regulator's refusals as typed exceptions. It also speaks for the applicant
/// (validation page, password retrieval, public query) and, with an admin key, drives the sandbox.
/// </summary>
public sealed partial class ProviderGatewayClient : IDisposable
{
    public const string WorldHeader = "x-icp-world";

    private readonly GatewayOptions options;
    private readonly GrpcChannel? ownedChannel;
    private readonly TimeProvider time;
    private readonly ChannelBase channel;
    private readonly FilingService.FilingServiceClient filings;
    private readonly SmsValidationService.SmsValidationServiceClient sms;
    private readonly FilingPasswordService.FilingPasswordServiceClient passwords;
    private readonly PublicQueryService.PublicQueryServiceClient query;
    private readonly ReviewService.ReviewServiceClient review;
    private readonly SandboxService.SandboxServiceClient sandbox;
    private readonly ReferenceService.ReferenceServiceClient reference;

    public ProviderGatewayClient(GatewayOptions options)
        : this(GrpcChannel.ForAddress(options.Address), options, TimeProvider.System, ownsChannel: true)
    {
    }

    public ProviderGatewayClient(ChannelBase channel, GatewayOptions options, TimeProvider? time = null)
        : this(channel, options, time ?? TimeProvider.System, ownsChannel: false)
    {
    }

    private ProviderGatewayClient(ChannelBase channel, GatewayOptions options, TimeProvider time, bool ownsChannel)
    {
        this.options = options;
        this.time = time;
        this.channel = channel;
        ownedChannel = ownsChannel ? (GrpcChannel)channel : null;
        filings = new(channel);
        sms = new(channel);
        passwords = new(channel);
        query = new(channel);
        review = new(channel);
        sandbox = new(channel);
        reference = new(channel);
    }

    public GatewayOptions Options => options;

    // ---- The access provider ----

    /// <summary>
    /// Submits a filing. Without an idempotency key one is made here, once: every retry of this call carries the
    /// same key, so a retry after a lost reply cannot file twice.
    /// </summary>
    /// <param name="scenario">A sandbox scenario to force on the order (e.g. "review-reject", "sms-late:2h"; see ListScenarios).</param>
    public Task<SubmitFilingResponse> SubmitAsync(SubmitFilingRequest request, CancellationToken cancellationToken = default, string? scenario = null)
    {
        if (request.IdempotencyKey.Length == 0)
        {
            request = request.Clone();
            request.IdempotencyKey = Guid.NewGuid().ToString("N");
        }
        var headers = Provider;
        if (scenario is { Length: > 0 })
        {
            headers.Add(ScenarioHeader, scenario);
        }
        return CallAsync(o => filings.SubmitFilingAsync(request, o), headers, Retry.Safe, cancellationToken);
    }

    public const string ScenarioHeader = "x-icp-scenario";

    public Task<SubmitFilingResponse> SubmitAsync(
        Filing filing, FilingType type = FilingType.Unspecified, string filingPassword = "", CancellationToken cancellationToken = default) =>
        SubmitAsync(new SubmitFilingRequest { Filing = filing, Type = type, FilingPassword = filingPassword }, cancellationToken);

    public Task<FilingOrder> GetFilingAsync(string orderId, CancellationToken cancellationToken = default) =>
        CallAsync(o => filings.GetFilingAsync(new GetFilingRequest { OrderId = orderId }, o), Provider, Retry.Safe, cancellationToken);

    public Task<ListFilingsResponse> ListFilingsAsync(
        OrderStatus status = OrderStatus.Unspecified, int pageSize = 0, string pageToken = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => filings.ListFilingsAsync(new ListFilingsRequest { Status = status, PageSize = pageSize, PageToken = pageToken }, o),
            Provider, Retry.Safe, cancellationToken);

    public Task<FilingOrder> WithdrawAsync(string orderId, CancellationToken cancellationToken = default) =>
        CallAsync(o => filings.WithdrawFilingAsync(new WithdrawFilingRequest { OrderId = orderId }, o), Provider, Retry.Never, cancellationToken);

    /// <summary>
    /// During a cancellation, sends the code of the validation person on <paramref name="mobile"/> to
    /// <paramref name="newMobile"/> instead; refused (MOBILE_UPDATE_NOT_ALLOWED) for any other order type.
    /// </summary>
    public Task<FilingOrder> UpdateValidationMobileAsync(string orderId, string mobile, string newMobile, CancellationToken cancellationToken = default) =>
        CallAsync(o => filings.UpdateValidationMobileAsync(
                new UpdateValidationMobileRequest { OrderId = orderId, Mobile = mobile, NewMobile = newMobile }, o),
            Provider, Retry.Never, cancellationToken);

    /// <summary>The "verify filing type" step for a subject's certificate and a domain (or, with <paramref name="appPackageName"/>, an app).</summary>
    public Task<DetermineFilingTypeResponse> DetermineFilingTypeAsync(
        int certificateType, string certificateNumber, string province, string? domain = null, string? appPackageName = null,
        CancellationToken cancellationToken = default)
    {
        var request = new DetermineFilingTypeRequest { CertificateType = certificateType, CertificateNumber = certificateNumber, Province = province };
        if (appPackageName is not null)
        {
            request.AppPackageName = appPackageName;
        }
        else
        {
            request.Domain = domain ?? "";
        }
        return CallAsync(o => filings.DetermineFilingTypeAsync(request, o), Provider, Retry.Safe, cancellationToken);
    }

    /// <summary>
    /// This provider's order events after <paramref name="afterSequence"/>, then new ones as they happen. A broken
    /// connection (a server restart, a network fault) is reopened from the last event received, so nothing is missed
    /// or seen twice; the stream ends only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public IAsyncEnumerable<OrderEvent> WatchFilingsAsync(long afterSequence = 0, CancellationToken cancellationToken = default) =>
        WatchFilingsAsync(afterSequence, null, cancellationToken);

    /// <summary>The provider's order events, as <see cref="WatchFilingsAsync(long, CancellationToken)"/>; <paramref name="changed"/> hears when the stream is lost and when it is open again.</summary>
    public IAsyncEnumerable<OrderEvent> WatchFilingsAsync(long afterSequence, Action<StreamState>? changed, CancellationToken cancellationToken = default) =>
        Resumable(after => filings.WatchFilings(new WatchFilingsRequest { AfterSequence = after }, StreamOptions(Provider, cancellationToken)),
            e => e.Sequence, afterSequence, changed, cancellationToken);

    public Task<VerifyPasswordResponse> VerifyPasswordAsync(string subjectNumber, string password, CancellationToken cancellationToken = default) =>
        CallAsync(o => passwords.VerifyPasswordAsync(new VerifyPasswordRequest { SubjectNumber = subjectNumber, Password = password }, o),
            Provider, Retry.Never, cancellationToken);

    // ---- The applicant, on the regulator's public pages ----

    public Task<ValidateCodeResponse> ValidateCodeAsync(string mobile, string certificateSuffix, string code, CancellationToken cancellationToken = default) =>
        CallAsync(o => sms.ValidateCodeAsync(new ValidateCodeRequest { Mobile = mobile, CertificateSuffix = certificateSuffix, Code = code }, o),
            Public, Retry.Never, cancellationToken);

    public Task<ResendCodeResponse> ResendCodeAsync(string mobile, string certificateSuffix, CancellationToken cancellationToken = default) =>
        CallAsync(o => sms.ResendCodeAsync(new ResendCodeRequest { Mobile = mobile, CertificateSuffix = certificateSuffix }, o),
            Public, Retry.Never, cancellationToken);

    public Task<RetrievePasswordResponse> RetrievePasswordAsync(
        string subjectNumber, string leaderCertificateNumber, CancellationToken cancellationToken = default) =>
        CallAsync(o => passwords.RetrievePasswordAsync(
                new RetrievePasswordRequest { SubjectNumber = subjectNumber, LeaderCertificateNumber = leaderCertificateNumber }, o),
            Public, Retry.Never, cancellationToken);

    public Task<PublicQueryResponse> QueryByDomainAsync(string domain, CancellationToken cancellationToken = default) =>
        CallAsync(o => query.QueryByDomainAsync(new QueryByDomainRequest { Domain = domain }, o), Public, Retry.Safe, cancellationToken);

    public Task<PublicQueryResponse> QueryByIcpNumberAsync(string icpNumber, CancellationToken cancellationToken = default) =>
        CallAsync(o => query.QueryByIcpNumberAsync(new QueryByIcpNumberRequest { IcpNumber = icpNumber }, o), Public, Retry.Safe, cancellationToken);

    public Task<PublicQueryResponse> QueryBySubjectNameAsync(string subjectName, CancellationToken cancellationToken = default) =>
        CallAsync(o => query.QueryBySubjectNameAsync(new QueryBySubjectNameRequest { SubjectName = subjectName }, o),
            Public, Retry.Safe, cancellationToken);

    public Task<CodeTables> GetCodeTablesAsync(CancellationToken cancellationToken = default) =>
        CallAsync(o => reference.GetCodeTablesAsync(new GetCodeTablesRequest(), o), Public, Retry.Safe, cancellationToken);

    public Task<ListScenariosResponse> ListScenariosAsync(CancellationToken cancellationToken = default) =>
        CallAsync(o => reference.ListScenariosAsync(new ListScenariosRequest(), o), Public, Retry.Safe, cancellationToken);

    public Task<Rules> GetRulesAsync(CancellationToken cancellationToken = default) =>
        CallAsync(o => reference.GetRulesAsync(new GetRulesRequest(), o), Public, Retry.Safe, cancellationToken);

    // ---- The administration and the sandbox (admin key) ----

    public Task<ListPendingReviewsResponse> ListPendingReviewsAsync(
        string province = "", int pageSize = 0, string pageToken = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => review.ListPendingReviewsAsync(
                new ListPendingReviewsRequest { Province = province, PageSize = pageSize, PageToken = pageToken }, o),
            Admin, Retry.Safe, cancellationToken);

    public Task<FilingOrder> ApproveAsync(string orderId, string reviewer = "", string opinion = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => review.ApproveFilingAsync(new ApproveFilingRequest { OrderId = orderId, Reviewer = reviewer, Opinion = opinion }, o),
            Admin, Retry.Never, cancellationToken);

    public Task<FilingOrder> RejectAsync(string orderId, string reason, string reviewer = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => review.RejectFilingAsync(new RejectFilingRequest { OrderId = orderId, Reason = reason, Reviewer = reviewer }, o),
            Admin, Retry.Never, cancellationToken);

    /// <summary>Restricts access to a filed service (限制接入); <paramref name="reason"/> is a code of the administrative reasons table or free text.</summary>
    public Task<FiledServiceStanding> RestrictServiceAsync(string serviceNumber, string reason, CancellationToken cancellationToken = default) =>
        CallAsync(o => review.RestrictServiceAsync(new RestrictServiceRequest { ServiceNumber = serviceNumber, Reason = reason }, o),
            Admin, Retry.Never, cancellationToken);

    public Task<FiledServiceStanding> LiftRestrictionAsync(string serviceNumber, string reason, CancellationToken cancellationToken = default) =>
        CallAsync(o => review.LiftRestrictionAsync(new LiftRestrictionRequest { ServiceNumber = serviceNumber, Reason = reason }, o),
            Admin, Retry.Never, cancellationToken);

    /// <summary>Opens a spot check on a filed service, answered within <paramref name="answerWithin"/> (the rules' time when null).</summary>
    public Task<FiledServiceStanding> OpenSpotCheckAsync(
        string serviceNumber, string reason, TimeSpan? answerWithin = null, CancellationToken cancellationToken = default) =>
        CallAsync(o => review.OpenSpotCheckAsync(new OpenSpotCheckRequest
        {
            ServiceNumber = serviceNumber,
            Reason = reason,
            AnswerWithin = answerWithin is { } within ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(within) : null,
        }, o),
            Admin, Retry.Never, cancellationToken);

    public Task<FiledServiceStanding> CloseSpotCheckAsync(string serviceNumber, string reason = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => review.CloseSpotCheckAsync(new CloseSpotCheckRequest { ServiceNumber = serviceNumber, Reason = reason }, o),
            Admin, Retry.Never, cancellationToken);

    /// <summary>Revokes a filing (撤销备案): a service's, or given a subject number, the subject's with all its services.</summary>
    public Task<RevokeFilingResponse> RevokeFilingAsync(string number, string reason, CancellationToken cancellationToken = default) =>
        CallAsync(o => review.RevokeFilingAsync(new RevokeFilingRequest { Number = number, Reason = reason }, o),
            Admin, Retry.Never, cancellationToken);

    public Task<Clock> GetClockAsync(CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.GetClockAsync(new GetClockRequest(), o), Admin, Retry.Safe, cancellationToken);

    public Task<AdvanceClockResponse> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.AdvanceClockAsync(new AdvanceClockRequest { By = Duration.FromTimeSpan(by) }, o), Admin, Retry.Never, cancellationToken);

    public Task<AdvanceClockResponse> AdvanceClockToAsync(DateTimeOffset to, CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.AdvanceClockAsync(new AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(to) }, o), Admin, Retry.Never, cancellationToken);

    public Task<ListMessagesResponse> ListMessagesAsync(
        string recipient = "", string orderId = "", long afterSequence = 0, int pageSize = 0, CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.ListMessagesAsync(
                new ListMessagesRequest { Recipient = recipient, OrderId = orderId, AfterSequence = afterSequence, PageSize = pageSize }, o),
            Admin, Retry.Safe, cancellationToken);

    /// <summary>Every message in the outbox after <paramref name="afterSequence"/>, as it stands now, read page by page.</summary>
    public async IAsyncEnumerable<OutboxMessage> AllMessagesAsync(
        long afterSequence = 0, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var after = afterSequence; ;)
        {
            var page = (await ListMessagesAsync(afterSequence: after, pageSize: 1000, cancellationToken: cancellationToken)).Messages;
            if (page.Count == 0)
            {
                yield break;
            }
            foreach (var message in page)
            {
                yield return message;
            }
            after = page[^1].Sequence;
        }
    }

    /// <summary>Loads a registry fixture: what the domain registry knows of one domain.</summary>
    public Task<DomainRegistration> RegisterDomainAsync(DomainRegistration registration, CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.RegisterDomainAsync(registration, o), Admin, Retry.Safe, cancellationToken);

    public Task<UpdateBlacklistResponse> UpdateBlacklistAsync(
        IEnumerable<string>? domains = null, IEnumerable<string>? certificateNumbers = null, bool remove = false,
        CancellationToken cancellationToken = default)
    {
        var request = new UpdateBlacklistRequest { Remove = remove };
        request.Domains.AddRange(domains ?? []);
        request.CertificateNumbers.AddRange(certificateNumbers ?? []);
        return CallAsync(o => sandbox.UpdateBlacklistAsync(request, o), Admin, Retry.Safe, cancellationToken);
    }

    /// <summary>The outbox as a stream, reconnecting like <see cref="WatchFilingsAsync"/>: the trainee's phone and mailbox.</summary>
    public IAsyncEnumerable<OutboxMessage> WatchMessagesAsync(string recipient = "", long afterSequence = 0, CancellationToken cancellationToken = default) =>
        WatchMessagesAsync(recipient, afterSequence, null, cancellationToken);

    /// <summary>The outbox as <see cref="WatchMessagesAsync(string, long, CancellationToken)"/>; <paramref name="changed"/> hears when the stream is lost and when it is open again.</summary>
    public IAsyncEnumerable<OutboxMessage> WatchMessagesAsync(
        string recipient, long afterSequence, Action<StreamState>? changed, CancellationToken cancellationToken = default) =>
        Resumable(after => sandbox.WatchMessages(new WatchMessagesRequest { Recipient = recipient, AfterSequence = after }, StreamOptions(Admin, cancellationToken)),
            m => m.Sequence, afterSequence, changed, cancellationToken);

    /// <summary>1 runs the world's clock at real speed, 86400 a simulated day per second, 0 freezes it.</summary>
    public Task<Clock> SetClockRateAsync(double rate, CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.SetClockRateAsync(new SetClockRateRequest { Rate = rate }, o), Admin, Retry.Safe, cancellationToken);

    public Task<World> CreateWorldAsync(
        string worldId = "", long seed = 0, DateTimeOffset? clockStart = null, double clockRate = 0, CancellationToken cancellationToken = default)
    {
        var request = new CreateWorldRequest { WorldId = worldId, Seed = seed, ClockRate = clockRate };
        if (clockStart is { } start)
        {
            request.ClockStart = Timestamp.FromDateTimeOffset(start);
        }
        return CallAsync(o => sandbox.CreateWorldAsync(request, o), Admin, Retry.Never, cancellationToken);
    }

    public Task<ListWorldsResponse> ListWorldsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.ListWorldsAsync(new ListWorldsRequest(), o), Admin, Retry.Safe, cancellationToken);

    public Task<DeleteWorldResponse> DeleteWorldAsync(string worldId, CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.DeleteWorldAsync(new DeleteWorldRequest { WorldId = worldId }, o), Admin, Retry.Never, cancellationToken);

    /// <summary>A new provider key in this gateway's world (<see cref="GatewayOptions.World"/>).</summary>
    public Task<ProviderKey> CreateProviderKeyAsync(
        string providerId, string name = "", string province = "", CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.CreateProviderKeyAsync(new CreateProviderKeyRequest { ProviderId = providerId, Name = name, Province = province }, o),
            Admin, Retry.Never, cancellationToken);

    /// <summary>Replaces the faults injected in this gateway's world; no faults clears them.</summary>
    public Task<SetFaultsResponse> SetFaultsAsync(IEnumerable<Fault> faults, CancellationToken cancellationToken = default)
    {
        var request = new SetFaultsRequest();
        request.Faults.AddRange(faults);
        return CallAsync(o => sandbox.SetFaultsAsync(request, o), Admin, Retry.Safe, cancellationToken);
    }

    /// <summary>The same gateway, acting in another world (public and admin calls; provider calls follow the key).</summary>
    public ProviderGatewayClient InWorld(string worldId, string? providerKey = null) =>
        new(channel, options with { World = worldId, ProviderKey = providerKey ?? options.ProviderKey }, time, ownsChannel: false);

    /// <summary>The load-test baseline: the server's full stack, no work.</summary>
    /// <summary>The simulated phone answers the administration's verification call ringing on <paramref name="mobile"/>.</summary>
    public Task<AnswerCallResponse> AnswerCallAsync(string mobile, CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.AnswerCallAsync(new AnswerCallRequest { Mobile = mobile }, o), Admin, Retry.Never, cancellationToken);

    public Task<PingResponse> PingAsync(CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.PingAsync(new PingRequest(), o), Public, Retry.Safe, cancellationToken);

    /// <summary>Files approved filings directly (no orders, SMS or review): fixtures for query load tests.</summary>
    public Task<SeedFilingsResponse> SeedFilingsAsync(IEnumerable<Filing> filings, string providerId = "", CancellationToken cancellationToken = default)
    {
        var request = new SeedFilingsRequest { ProviderId = providerId };
        request.Filings.AddRange(filings);
        return CallAsync(o => sandbox.SeedFilingsAsync(request, o), Admin, Retry.Safe, cancellationToken);
    }

    public Task<ResetResponse> ResetAsync(CancellationToken cancellationToken = default) =>
        CallAsync(o => sandbox.ResetAsync(new ResetRequest(), o), Admin, Retry.Safe, cancellationToken);

    public void Dispose() => ownedChannel?.Dispose();

    private enum Retry
    {
        Never,
        Safe,
    }

    private Metadata Provider => Headers(options.ProviderKey);

    private Metadata Admin => Headers(options.AdminKey);

    private Metadata Public => Headers(null);

    private Metadata Headers(string? key)
    {
        var headers = new Metadata();
        if (key is not null)
        {
            headers.Add("authorization", $"Bearer {key}");
        }
        if (options.World is { Length: > 0 } world)
        {
            headers.Add(WorldHeader, world);
        }
        return headers;
    }

    private async Task<T> CallAsync<T>(
        Func<CallOptions, AsyncUnaryCall<T>> call, Metadata headers, Retry retry, CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            var deadline = time.GetUtcNow().UtcDateTime + options.CallTimeout;
            try
            {
                return await call(new CallOptions(headers, deadline, cancellationToken));
            }
            catch (RpcException e) when (retry == Retry.Safe && attempt < options.MaxAttempts && IsTransient(e.StatusCode))
            {
                await Task.Delay(backoff, time, cancellationToken);
                backoff *= 2;
            }
            catch (RpcException e)
            {
                throw RegulatorCallException.From(e);
            }
        }
    }

    private static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    private static CallOptions StreamOptions(Metadata headers, CancellationToken cancellationToken) => new(headers, cancellationToken: cancellationToken);

    /// <summary>
    /// Reads a stream of sequenced items, reopening it after the last item seen whenever the connection breaks; tells
    /// <paramref name="changed"/> once when the stream is lost, and once when it is open again.
    /// </summary>
    private async IAsyncEnumerable<T> Resumable<T>(
        Func<long, AsyncServerStreamingCall<T>> open, Func<T, long> sequenceOf, long after, Action<StreamState>? changed,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        var lost = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var call = open(after);
            var failure = await HeadersAsync(call, cancellationToken);
            if (failure is null && lost && IsUnderWay(call))
            {
                lost = false;
                changed?.Invoke(new StreamState(true, after, null));
            }
            while (failure is null)
            {
                T item;
                try
                {
                    if (!await call.ResponseStream.MoveNext(cancellationToken))
                    {
                        break;
                    }
                    item = call.ResponseStream.Current;
                }
                catch (RpcException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (RpcException e) when (IsBrokenStream(e.StatusCode))
                {
                    failure = e;
                    break;
                }
                catch (RpcException e)
                {
                    throw RegulatorCallException.From(e);
                }
                if (lost)
                {
                    // A server that sends its headers with the first item: open again.
                    lost = false;
                    changed?.Invoke(new StreamState(true, after, null));
                }
                backoff = options.InitialBackoff;
                after = sequenceOf(item);
                yield return item;
            }
            if (failure is not null && !lost)
            {
                lost = true;
                changed?.Invoke(new StreamState(false, after, failure));
            }
            await Task.Delay(backoff, time, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    /// <summary>Waits for the stream's headers: null once they came, or the failure that broke it first.</summary>
    private static async Task<RpcException?> HeadersAsync<T>(AsyncServerStreamingCall<T> call, CancellationToken cancellationToken)
    {
        try
        {
            await call.ResponseHeadersAsync;
            return null;
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException e) when (IsBrokenStream(e.StatusCode))
        {
            return e;
        }
        catch (RpcException e)
        {
            throw RegulatorCallException.From(e);
        }
    }

    /// <summary>Whether a call whose headers came is still under way: a call refused at once has its status already.</summary>
    private static bool IsUnderWay<T>(AsyncServerStreamingCall<T> call)
    {
        try
        {
            call.GetStatus();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    // A stream cut by a restart or a network fault ends with one of these; the refusals of the call itself do not.
    private static bool IsBrokenStream(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled or StatusCode.DeadlineExceeded;
}
