using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// The one place where the regulator's refusals become gRPC statuses, with rich details: <c>ErrorInfo</c> (reason,
/// numeric code), <c>BadRequest</c> or <c>PreconditionFailure</c>, and a <c>LocalizedMessage</c> in Chinese. A failure
/// of the storage itself, whatever the driver threw (<see cref="StorageFailure.Is"/>), never reaches a client as
/// UNKNOWN: the transaction it struck rolled back, so the answer is UNAVAILABLE, which a client retries. A call its
/// client gave up on (a reset stream, a load generator stopping) is not a failure of the server: CANCELLED, and one
/// line in the debug log. It is the outermost interceptor: a key looked up in the database before anything else, and
/// a call cancelled while an injected latency holds it, are answered the same way.
/// </summary>
public sealed class ErrorInterceptor(StorageOutage outage, ILogger<ErrorInterceptor> logger) : Interceptor
{
    public const string ErrorDomain = "icp-regulator-sim";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ClientGone(e, context))
        {
            throw Cancelled(context);
        }
        catch (RegulatorException e)
        {
            throw ToRpcException(e);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw StorageFailed(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (ClientGone(e, context))
        {
            throw Cancelled(context);
        }
        catch (RegulatorException e)
        {
            throw ToRpcException(e);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw StorageFailed(e, context);
        }
    }

    // What a call's work throws when its client goes away: the cancellation itself, or a write to a stream that was reset.
    private static bool ClientGone(Exception e, ServerCallContext context) =>
        context.CancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException;

    private RpcException Cancelled(ServerCallContext context)
    {
        logger.LogDebug("{Method} was cancelled by its client (or its deadline passed)", context.Method);
        return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The client cancelled the call."));
    }

    /// <summary>The answer to a call the storage failed; the failure is logged once for its whole outage, not once per call.</summary>
    private RpcException StorageFailed(Exception e, ServerCallContext context)
    {
        // The writer has noted the failures of its batches already.
        if (e is not StorageFailure)
        {
            outage.Failed(e, context.Method);
        }
        return ToRpcException(new RegulatorException(RegulatorErrors.StorageUnavailable));
    }

    public static StatusCode StatusOf(RegulatorErrorCode code) => code switch
    {
        RegulatorErrorCode.InvalidRequest => StatusCode.InvalidArgument,
        RegulatorErrorCode.IdempotencyKeyReused => StatusCode.FailedPrecondition,
        RegulatorErrorCode.OrderInProcess => StatusCode.FailedPrecondition,
        RegulatorErrorCode.DomainConflict => StatusCode.AlreadyExists,
        RegulatorErrorCode.FilingTypeMismatch => StatusCode.FailedPrecondition,
        RegulatorErrorCode.ProvinceChange => StatusCode.FailedPrecondition,
        RegulatorErrorCode.ProviderProvince => StatusCode.FailedPrecondition,
        RegulatorErrorCode.ChangesNotAccepted => StatusCode.FailedPrecondition,
        RegulatorErrorCode.WrongFilingPassword => StatusCode.FailedPrecondition,
        RegulatorErrorCode.EmptyShell => StatusCode.FailedPrecondition,
        RegulatorErrorCode.LastService => StatusCode.FailedPrecondition,
        RegulatorErrorCode.ServiceNotHosted => StatusCode.FailedPrecondition,
        RegulatorErrorCode.AlreadyHosted => StatusCode.AlreadyExists,
        RegulatorErrorCode.FiledDataModified => StatusCode.FailedPrecondition,
        RegulatorErrorCode.CertificateChange => StatusCode.FailedPrecondition,
        RegulatorErrorCode.CancellationBatchDay => StatusCode.FailedPrecondition,
        RegulatorErrorCode.DomainChecksFailed => StatusCode.FailedPrecondition,
        RegulatorErrorCode.DomainBlacklisted => StatusCode.FailedPrecondition,
        RegulatorErrorCode.SubjectBlacklisted => StatusCode.FailedPrecondition,
        RegulatorErrorCode.IllegalTransition => StatusCode.FailedPrecondition,
        RegulatorErrorCode.WebsiteFilingTransition => StatusCode.FailedPrecondition,
        RegulatorErrorCode.NotInteractive => StatusCode.FailedPrecondition,
        RegulatorErrorCode.OrderNotFound => StatusCode.NotFound,
        RegulatorErrorCode.WorldNotFound => StatusCode.NotFound,
        RegulatorErrorCode.WorldExists => StatusCode.AlreadyExists,
        RegulatorErrorCode.DefaultWorldPermanent => StatusCode.FailedPrecondition,
        RegulatorErrorCode.SubjectNotFound => StatusCode.NotFound,
        RegulatorErrorCode.ServiceNotFound => StatusCode.NotFound,
        RegulatorErrorCode.Unauthenticated => StatusCode.Unauthenticated,
        RegulatorErrorCode.PermissionDenied => StatusCode.PermissionDenied,
        RegulatorErrorCode.IdentityMismatch => StatusCode.PermissionDenied,
        RegulatorErrorCode.PasswordChecksExhausted => StatusCode.ResourceExhausted,
        RegulatorErrorCode.StorageUnavailable => StatusCode.Unavailable,
        RegulatorErrorCode.ServiceStandingForbids => StatusCode.FailedPrecondition,
        RegulatorErrorCode.NotAnEmptyShell => StatusCode.FailedPrecondition,
        RegulatorErrorCode.MobileUpdateNotAllowed => StatusCode.FailedPrecondition,
        RegulatorErrorCode.NoCallRinging => StatusCode.FailedPrecondition,
        RegulatorErrorCode.WebsiteFilingNotFound => StatusCode.NotFound,
        RegulatorErrorCode.PublicSecurityAccountExists => StatusCode.AlreadyExists,
        RegulatorErrorCode.RegistrationCodeLimit => StatusCode.ResourceExhausted,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Every error code needs a status."),
    };

    /// <summary>
    /// How large the details of one error may grow. They travel in the call's trailers, and a client refuses trailers
    /// past its limit (64 KB for .NET's) by dropping the whole connection, every call on it with it. A request with a
    /// hundred thousand bad items, or a value of megabytes quoted in a message, must still get its answer.
    /// </summary>
    public const int MaxDetailBytes = 16 * 1024;

    /// <summary>How long one text of an error may be; a longer one (a value quoted whole) is cut, and says so.</summary>
    public const int MaxTextLength = 2000;

    public static RpcException ToRpcException(RegulatorException e)
    {
        var info = new ErrorInfo { Reason = e.Error.Reason, Domain = ErrorDomain };
        if (e.Error.NumericCode is { } numeric)
        {
            info.Metadata["numeric_code"] = numeric.ToString();
        }
        var fields = e.FieldViolations.Take(MaxDetailBytes / 64).Select(v => new BadRequest.Types.FieldViolation
        {
            Field = Cut(v.Field),
            Reason = Cut(v.Reason),
            Description = Cut(v.En),
            LocalizedMessage = new LocalizedMessage { Locale = "zh-CN", Message = Cut(v.Zh) },
        }).ToList();
        var preconditions = e.PreconditionViolations.Take(MaxDetailBytes / 64).Select(v => new PreconditionFailure.Types.Violation
        {
            Type = Cut(v.Type),
            Subject = Cut(v.Subject),
            Description = Cut(v.En),
        }).ToList();
        // Past the limit, the last problems are left out, and the message says how many are shown.
        while (Status(e, info, fields, preconditions, shown: null).CalculateSize() > MaxDetailBytes && fields.Count + preconditions.Count > 1)
        {
            if (preconditions.Count > fields.Count)
            {
                preconditions.RemoveAt(preconditions.Count - 1);
            }
            else
            {
                fields.RemoveAt(fields.Count - 1);
            }
        }
        var total = e.FieldViolations.Count + e.PreconditionViolations.Count;
        var shown = fields.Count + preconditions.Count < total ? (fields.Count + preconditions.Count, total) : ((int, int)?)null;
        return Status(e, info, fields, preconditions, shown).ToRpcException();
    }

    private static Google.Rpc.Status Status(
        RegulatorException e, ErrorInfo info, List<BadRequest.Types.FieldViolation> fields, List<PreconditionFailure.Types.Violation> preconditions,
        (int Shown, int Total)? shown)
    {
        var (en, zh) = shown is var (count, total) ? RefusalTexts.ProblemsShown(count, total) : new("", "");
        var status = new Google.Rpc.Status
        {
            Code = (int)StatusOf(e.Code),
            Message = Cut(e.Message) + en,
            Details =
            {
                Any.Pack(info),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = Cut(e.MessageZh) + zh }),
            },
        };
        if (fields.Count > 0)
        {
            var bad = new BadRequest();
            bad.FieldViolations.AddRange(fields);
            status.Details.Add(Any.Pack(bad));
        }
        if (preconditions.Count > 0)
        {
            var failure = new PreconditionFailure();
            failure.Violations.AddRange(preconditions);
            status.Details.Add(Any.Pack(failure));
        }
        if (e.RetryAfter is { } after)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(after) }));
        }
        return status;
    }

    private static string Cut(string text) =>
        text.Length <= MaxTextLength ? text : text[..(char.IsHighSurrogate(text[MaxTextLength - 1]) ? MaxTextLength - 1 : MaxTextLength)] + "…";
}
