using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using Microsoft.AspNetCore.Authorization;

namespace IcpRegulatorSim.Server.Api;

public sealed class FilingPasswordApi(Callers callers, PasswordDesk desk) : FilingPasswordService.FilingPasswordServiceBase
{
    public override async Task<VerifyPasswordResponse> VerifyPassword(VerifyPasswordRequest request, ServerCallContext context)
    {
        var check = await desk.VerifyAsync(callers.Provider(context), request.SubjectNumber, request.Password, context.CancellationToken);
        return new VerifyPasswordResponse { Valid = check.Valid, RemainingAttempts = check.RemainingAttempts };
    }

    // The applicant's password page: no key (AllowAnonymous: the OpenAPI document asks for none).
    [AllowAnonymous]
    public override async Task<RetrievePasswordResponse> RetrievePassword(RetrievePasswordRequest request, ServerCallContext context)
    {
        var sent = await desk.RetrieveAsync(
            callers.Anonymous(context), request.SubjectNumber, request.LeaderCertificateNumber, context.CancellationToken);
        return new RetrievePasswordResponse
        {
            SentToMobile = sent.MaskedMobile,
            SentToEmail = sent.MaskedEmail,
            Message = PageMessages.PasswordSent(sent.MaskedMobile, sent.MaskedEmail).ToProto(),
        };
    }
}
