using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// The one place where the regulator's refusals become gRPC statuses, with rich details: <c>ErrorInfo</c> (reason,
/// numeric code), <c>BadRequest</c> or <c>PreconditionFailure</c>, and a <c>LocalizedMessage</c> in Chinese. A failure
/// of the storage itself never reaches a client as UNKNOWN: the transaction it struck rolled back, so the answer is
/// UNAVAILABLE, which a client retries.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public const string ErrorDomain = "icp-regulator-sim";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RegulatorException e)
        {
            throw ToRpcException(e);
        }
        catch (DbException e)
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
        catch (RegulatorException e)
        {
            throw ToRpcException(e);
        }
        catch (DbException e)
        {
            throw StorageFailed(e, context);
        }
    }

    private RpcException StorageFailed(DbException e, ServerCallContext context)
    {
        logger.LogError(e, "Storage failed during {Method}; answered UNAVAILABLE", context.Method);
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
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Every error code needs a status."),
    };

    public static RpcException ToRpcException(RegulatorException e)
    {
        var info = new ErrorInfo { Reason = e.Error.Reason, Domain = ErrorDomain };
        if (e.Error.NumericCode is { } numeric)
        {
            info.Metadata["numeric_code"] = numeric.ToString();
        }
        var status = new Google.Rpc.Status
        {
            Code = (int)StatusOf(e.Code),
            Message = e.Message,
            Details =
            {
                Any.Pack(info),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = e.MessageZh }),
            },
        };
        if (e.FieldViolations.Count > 0)
        {
            var bad = new BadRequest();
            bad.FieldViolations.AddRange(e.FieldViolations.Select(v => new BadRequest.Types.FieldViolation
            {
                Field = v.Field,
                Reason = v.Reason,
                Description = v.En,
                LocalizedMessage = new LocalizedMessage { Locale = "zh-CN", Message = v.Zh },
            }));
            status.Details.Add(Any.Pack(bad));
        }
        if (e.PreconditionViolations.Count > 0)
        {
            var failure = new PreconditionFailure();
            failure.Violations.AddRange(e.PreconditionViolations.Select(v => new PreconditionFailure.Types.Violation
            {
                Type = v.Type,
                Subject = v.Subject,
                Description = v.En,
            }));
            status.Details.Add(Any.Pack(failure));
        }
        return status.ToRpcException();
    }
}
