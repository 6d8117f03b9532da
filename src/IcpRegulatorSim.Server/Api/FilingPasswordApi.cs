using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;

namespace IcpRegulatorSim.Server.Api;

public sealed class FilingPasswordApi(Callers callers, PasswordDesk desk) : FilingPasswordService.FilingPasswordServiceBase
{
    public override async Task<VerifyPasswordResponse> VerifyPassword(VerifyPasswordRequest request, ServerCallContext context)
    {
        var check = await desk.VerifyAsync(callers.Provider(context), request.SubjectNumber, request.Password, context.CancellationToken);
        return new VerifyPasswordResponse { Valid = check.Valid, RemainingAttempts = check.RemainingAttempts };
    }

    public override async Task<RetrievePasswordResponse> RetrievePassword(RetrievePasswordRequest request, ServerCallContext context)
    {
        var sent = await desk.RetrieveAsync(
            callers.Anonymous(context), request.SubjectNumber, request.LeaderCertificateNumber, context.CancellationToken);
        return new RetrievePasswordResponse
        {
            SentToMobile = sent.MaskedMobile,
            SentToEmail = sent.MaskedEmail,
            Message = new LocalizedText
            {
                En = $"A new ICP filing password was sent to the entity leader's mobile {sent.MaskedMobile} and email {sent.MaskedEmail}.",
                Zh = $"新的ICP备案密码已发送至主体负责人手机 {sent.MaskedMobile} 及邮箱 {sent.MaskedEmail}。",
            },
        };
    }
}
