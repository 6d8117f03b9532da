using System.Net;
using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Registration codes to one mobile are limited as the platform's page limits them: one a minute, five a day (Beijing
/// time). A code asked for too soon is refused RESOURCE_EXHAUSTED with the delay to wait in a RetryInfo, and sends
/// nothing; a mobile that has an account gets no code at all.
/// </summary>
public sealed class PublicSecurityAccountTests : PublicSecurityTest
{
    private const string Mobile = "13912345678";

    private async Task<SendRegistrationCodeResponse> SendAsync() =>
        await Psb.Accounts.SendRegistrationCodeAsync(new SendRegistrationCodeRequest { Mobile = Mobile }, Psb.Headers());

    private Task<RegulatorCallException> RefusedAsync() => PublicSecuritySteps.RefusedAsync(SendAsync);

    private async Task<int> CodesOnThePhoneAsync() =>
        (await Gateway.InboxAsync(Mobile)).Count(m => m.Body.Contains("registration code is", StringComparison.Ordinal));

    [Fact]
    public async Task Codes_come_once_a_minute_and_five_a_day_and_each_refusal_says_how_long_to_wait_and_sends_nothing()
    {
        Assert.Equal(60, (await SendAsync()).ResendAfterSeconds);

        var tooSoon = await RefusedAsync();
        Assert.Equal((StatusCode.ResourceExhausted, "REGISTRATION_CODE_LIMIT"), (tooSoon.StatusCode, tooSoon.Reason));
        Assert.Equal(TimeSpan.FromSeconds(60), tooSoon.RetryDelay);
        Assert.Equal(("REGISTRATION_CODE", Mobile), (Assert.Single(tooSoon.PreconditionProblems).Type, tooSoon.PreconditionProblems[0].Subject));
        await Gateway.AdvanceClockAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), (await RefusedAsync()).RetryDelay);
        await Gateway.AdvanceClockAsync(TimeSpan.FromSeconds(15));

        for (var sent = 2; sent <= 5; sent++)
        {
            await SendAsync();
            await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        }
        // Five sent by 09:05 on Monday: the next comes on Tuesday, from midnight in Beijing.
        var today = await RefusedAsync();
        Assert.Equal("REGISTRATION_CODE_LIMIT", today.Reason);
        Assert.Equal(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(55), today.RetryDelay);
        await Gateway.AdvanceClockToAsync(RegulatorServer.Start.AddHours(15).AddMinutes(-1));
        Assert.Equal(TimeSpan.FromMinutes(1), (await RefusedAsync()).RetryDelay);
        await Gateway.AdvanceClockToAsync(RegulatorServer.Start.AddHours(15));
        await SendAsync();
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(6, await CodesOnThePhoneAsync());
    }

    [Fact]
    public async Task Over_http_a_code_asked_for_too_soon_is_429_with_its_retry_delay()
    {
        using var http = new HttpClient { BaseAddress = Server.WebAddress };
        using var first = await http.PostAsync("/v1/psb/accounts:sendCode", new StringContent($$"""{"mobile":"{{Mobile}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await http.PostAsync("/v1/psb/accounts:sendCode", new StringContent($$"""{"mobile":"{{Mobile}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var body = await second.Content.ReadAsStringAsync();
        Assert.Contains("type.googleapis.com/google.rpc.RetryInfo", body);
        Assert.Contains("\"retryDelay\": \"60s\"", body.Replace("\":\"", "\": \""));
    }

    [Fact]
    public async Task A_mobile_with_an_account_is_sent_no_registration_code()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        await Psb.RegisterAsync(filed.Subject, filed.Leader.Mobile);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        var before = (await Gateway.InboxAsync(filed.Leader.Mobile)).Count;

        var refused = await PublicSecuritySteps.RefusedAsync(() =>
            Psb.Accounts.SendRegistrationCodeAsync(new SendRegistrationCodeRequest { Mobile = filed.Leader.Mobile }, Psb.Headers()).ResponseAsync);

        Assert.Equal((StatusCode.AlreadyExists, "PUBLIC_SECURITY_ACCOUNT_EXISTS"), (refused.StatusCode, refused.Reason));
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(before, (await Gateway.InboxAsync(filed.Leader.Mobile)).Count);
    }
}
