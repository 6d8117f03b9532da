using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using IcpRegulatorSim.Server.Security;
using Microsoft.AspNetCore.Authorization;

namespace IcpRegulatorSim.Server.Api.PublicSecurity;

/// <summary>Registering a subject's account on the public-security platform: no key, a code to the mobile (AllowAnonymous: the OpenAPI document asks for none).</summary>
[AllowAnonymous]
public sealed class PsbAccountApi(Callers callers, AccountDesk desk) : PsbAccountService.PsbAccountServiceBase
{
    public override async Task<SendRegistrationCodeResponse> SendRegistrationCode(SendRegistrationCodeRequest request, ServerCallContext context)
    {
        var resendAfter = await desk.SendCodeAsync(callers.Anonymous(context), request.Mobile, context.CancellationToken);
        return new SendRegistrationCodeResponse { ResendAfterSeconds = (int)resendAfter.TotalSeconds };
    }

    public override async Task<RegisterAccountResponse> RegisterAccount(RegisterAccountRequest request, ServerCallContext context)
    {
        var (account, token) = await desk.RegisterAsync(callers.Anonymous(context), FilingMapper.ToDomain(request.Subject ?? new Contracts.V1.Subject()),
            request.Mobile, request.Code, request.Email, context.CancellationToken);
        return new RegisterAccountResponse { AccountId = account.AccountId, Token = token };
    }
}
