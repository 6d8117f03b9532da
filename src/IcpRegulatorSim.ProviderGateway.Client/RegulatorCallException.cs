using Google.Rpc;
using Grpc.Core;

namespace IcpRegulatorSim.ProviderGateway.Client;

/// <summary>A field the regulator found wrong: its path in the request, a reason code, and the text in both languages.</summary>
public sealed record FieldProblem(string Field, string Reason, string Description, string DescriptionZh);

/// <summary>A rule of the regulator's state that refused the request.</summary>
public sealed record PreconditionProblem(string Type, string Subject, string Description);

/// <summary>
/// The regulator refused a call. <see cref="Reason"/> is stable and meant for code to branch on;
/// <see cref="NumericCode"/> is the real regulator's result code where one exists (1005 domain conflict, ...).
/// </summary>
public class RegulatorCallException(RpcException inner, string message)
    : Exception(message, inner)
{
    public StatusCode StatusCode => Inner.StatusCode;
    public RpcException Inner { get; } = inner;
    public string Reason { get; init; } = "";
    public int? NumericCode { get; init; }
    public string MessageZh { get; init; } = "";
    public IReadOnlyList<FieldProblem> FieldProblems { get; init; } = [];
    public IReadOnlyList<PreconditionProblem> PreconditionProblems { get; init; } = [];

    /// <summary>How long the regulator asks to wait before the same call (its <c>RetryInfo</c>); null when it gave none.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>Reads the rich error details of a failed call into the matching exception type.</summary>
    public static RegulatorCallException From(RpcException e)
    {
        var status = e.GetRpcStatus();
        var info = status?.GetDetail<ErrorInfo>();
        var fields = status?.GetDetail<BadRequest>()?.FieldViolations
            .Select(v => new FieldProblem(v.Field, v.Reason, v.Description, v.LocalizedMessage?.Message ?? ""))
            .ToList() ?? [];
        var preconditions = status?.GetDetail<PreconditionFailure>()?.Violations
            .Select(v => new PreconditionProblem(v.Type, v.Subject, v.Description))
            .ToList() ?? [];
        var message = status?.Message ?? e.Status.Detail;
        int? numeric = info is not null && info.Metadata.TryGetValue("numeric_code", out var n) && int.TryParse(n, out var parsed) ? parsed : null;
        var zh = status?.GetDetail<LocalizedMessage>()?.Message ?? "";
        var reason = info?.Reason ?? e.StatusCode.ToString();
        var retryDelay = status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        return e.StatusCode switch
        {
            StatusCode.InvalidArgument => new InvalidRequestException(e, message)
            { Reason = reason, NumericCode = numeric, MessageZh = zh, FieldProblems = fields, PreconditionProblems = preconditions, RetryDelay = retryDelay },
            StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.ResourceExhausted => new RequestRefusedException(e, message)
            { Reason = reason, NumericCode = numeric, MessageZh = zh, FieldProblems = fields, PreconditionProblems = preconditions, RetryDelay = retryDelay },
            StatusCode.NotFound => new NotFoundException(e, message)
            { Reason = reason, NumericCode = numeric, MessageZh = zh },
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => new AccessDeniedException(e, message)
            { Reason = reason, NumericCode = numeric, MessageZh = zh },
            _ => new RegulatorCallException(e, message)
            { Reason = reason, NumericCode = numeric, MessageZh = zh, FieldProblems = fields, PreconditionProblems = preconditions, RetryDelay = retryDelay },
        };
    }
}

/// <summary>INVALID_ARGUMENT: the request itself is wrong; <see cref="RegulatorCallException.FieldProblems"/> says where.</summary>
public sealed class InvalidRequestException(RpcException inner, string message) : RegulatorCallException(inner, message);

/// <summary>FAILED_PRECONDITION, ALREADY_EXISTS or RESOURCE_EXHAUSTED: a rule of the regulator's state refused it.</summary>
public sealed class RequestRefusedException(RpcException inner, string message) : RegulatorCallException(inner, message);

/// <summary>NOT_FOUND: no such order, subject or world.</summary>
public sealed class NotFoundException(RpcException inner, string message) : RegulatorCallException(inner, message);

/// <summary>UNAUTHENTICATED or PERMISSION_DENIED: the key is missing, wrong, or not allowed to do this.</summary>
public sealed class AccessDeniedException(RpcException inner, string message) : RegulatorCallException(inner, message);
