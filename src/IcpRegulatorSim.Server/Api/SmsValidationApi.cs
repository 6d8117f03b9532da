using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using Microsoft.AspNetCore.Authorization;

namespace IcpRegulatorSim.Server.Api;

/// <summary>The applicant's SMS validation page, called without a key (AllowAnonymous: the OpenAPI document asks for none).</summary>
[AllowAnonymous]
public sealed class SmsValidationApi(Callers callers, SmsDesk desk) : SmsValidationService.SmsValidationServiceBase
{
    public override async Task<ValidateCodeResponse> ValidateCode(ValidateCodeRequest request, ServerCallContext context)
    {
        var attempt = await desk.ValidateAsync(
            callers.Anonymous(context), request.Mobile, request.CertificateSuffix, request.Code, context.CancellationToken);
        return new ValidateCodeResponse
        {
            Outcome = (Contracts.V1.ValidateOutcome)attempt.Outcome,
            Message = attempt.Message.ToProto(),
            OrderRejected = attempt.OrderRejected,
            Notice = attempt.Notice?.ToProto(),
        };
    }

    public override async Task<ResendCodeResponse> ResendCode(ResendCodeRequest request, ServerCallContext context)
    {
        var outcome = await desk.ResendAsync(
            callers.Anonymous(context), request.Mobile, request.CertificateSuffix, context.CancellationToken);
        return new ResendCodeResponse { Outcome = (Contracts.V1.ResendOutcome)outcome, Message = PageMessages.For(outcome).ToProto() };
    }
}
