using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>The regulator's refusals, read from the rich gRPC error details into the gateway's typed exceptions.</summary>
public sealed class ProviderGatewayClientErrorTests : ServerTest
{
    [Fact]
    public async Task An_invalid_filing_raises_InvalidRequestException_with_one_problem_per_field()
    {
        var filing = Samples.Company("zhejiang");
        filing.Subject.Leader.Mobile = "2380013800";
        filing.Services[0].Domains[0] = "example-site.hk";
        filing.Services[0].HomeUrl = "https://www.example-site.hk/";

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("INVALID_REQUEST", e.Reason);
        Assert.Null(e.NumericCode);
        Assert.Equal("请求中有不符合要求的字段。", e.MessageZh);
        Assert.Equal(2, e.FieldProblems.Count);
        var mobile = Assert.Single(e.FieldProblems, p => p.Field == "filing.subject.leader.mobile");
        Assert.Equal("INVALID_FORMAT", mobile.Reason);
        Assert.Equal("A mobile number has 11 digits and starts with 1.", mobile.Description);
        Assert.Equal("手机号码应为以1开头的11位数字。", mobile.DescriptionZh);
        var domain = Assert.Single(e.FieldProblems, p => p.Field == "filing.services[0].domains[0]");
        Assert.Equal("TLD_NOT_APPROVED", domain.Reason);
        Assert.Contains("example-site.hk", domain.Description);
        Assert.NotEqual("", domain.DescriptionZh);
        Assert.Empty(e.PreconditionProblems);
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task A_second_order_while_one_is_in_process_raises_RequestRefusedException_naming_the_open_order()
    {
        var filing = Samples.Company("fujian");
        var first = (await Gateway.SubmitAsync(filing)).Order;
        var second = filing.Clone();
        second.Services[0].Domains[0] = "another-site-of-the-subject.cn";
        second.Services[0].HomeUrl = "https://another-site-of-the-subject.cn/";

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(second));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("ORDER_IN_PROCESS", e.Reason);
        Assert.Null(e.NumericCode);
        Assert.StartsWith("该主体已有备案申请正在办理中", e.MessageZh);
        var problem = Assert.Single(e.PreconditionProblems);
        Assert.Equal("ORDER_IN_PROCESS", problem.Type);
        Assert.Equal(first.OrderId, problem.Subject);

        // Once the first order is withdrawn the subject may file again.
        await Gateway.WithdrawAsync(first.OrderId);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(second)).Order.Status);
    }

    [Fact]
    public async Task A_domain_claimed_by_another_subject_raises_RequestRefusedException_with_code_1005()
    {
        var owner = Samples.Company("zhejiang");
        await Gateway.SubmitAsync(owner);
        var claimant = Samples.Individual("beijing");
        var domain = owner.Services[0].Domains[0];
        claimant.Services[0].Domains[0] = domain;
        claimant.Services[0].HomeUrl = $"https://{domain}/";

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(claimant));

        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
        Assert.Equal("DOMAIN_CONFLICT", e.Reason);
        Assert.Equal(1005, e.NumericCode);
        Assert.Equal("该域名已在其他主体下备案或正在备案。", e.MessageZh);
        var problem = Assert.Single(e.PreconditionProblems);
        Assert.Equal("DOMAIN_CONFLICT", problem.Type);
        Assert.Equal(domain, problem.Subject);
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_another_request_is_refused()
    {
        await Gateway.SubmitAsync(new SubmitFilingRequest { IdempotencyKey = "one-key", Filing = Samples.Company() });

        var e = await Assert.ThrowsAsync<RequestRefusedException>(
            () => Gateway.SubmitAsync(new SubmitFilingRequest { IdempotencyKey = "one-key", Filing = Samples.Company() }));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", e.Reason);
        Assert.Equal("one-key", Assert.Single(e.PreconditionProblems).Subject);
    }

    [Fact]
    public async Task Approving_an_order_that_awaits_sms_validation_is_refused_as_an_illegal_transition()
    {
        var order = (await Gateway.SubmitAsync(Samples.Company())).Order;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.ApproveAsync(order.OrderId));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("ILLEGAL_TRANSITION", e.Reason);
        Assert.Equal("ORDER_STATUS", Assert.Single(e.PreconditionProblems).Type);
    }

    [Fact]
    public async Task An_unknown_order_raises_NotFoundException()
    {
        var e = await Assert.ThrowsAsync<NotFoundException>(() => Gateway.GetFilingAsync("ord-99999999"));

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Equal("ORDER_NOT_FOUND", e.Reason);
        Assert.Contains("ord-99999999", e.Message);
        Assert.StartsWith("未找到该备案申请。", e.MessageZh);
        Assert.IsType<RpcException>(e.InnerException);
        Assert.Same(e.Inner, e.InnerException);
    }

    [Fact]
    public async Task A_wrong_provider_key_raises_AccessDeniedException_unauthenticated()
    {
        var stranger = Server.Gateway(new GatewayOptions { ProviderKey = "not-a-key" });

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => stranger.SubmitAsync(Samples.Company()));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal("UNAUTHENTICATED", e.Reason);
        Assert.NotEqual("", e.MessageZh);
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task A_key_of_the_wrong_party_raises_AccessDeniedException_permission_denied()
    {
        var swapped = Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SandboxAdminKey, AdminKey = GatewayOptions.SandboxProviderKey });

        var asProvider = await Assert.ThrowsAsync<AccessDeniedException>(() => swapped.ListFilingsAsync());
        var asAdmin = await Assert.ThrowsAsync<AccessDeniedException>(() => swapped.AdvanceClockAsync(TimeSpan.FromDays(1)));

        Assert.Equal(StatusCode.PermissionDenied, asProvider.StatusCode);
        Assert.Equal("PERMISSION_DENIED", asProvider.Reason);
        Assert.Equal(StatusCode.PermissionDenied, asAdmin.StatusCode);
        Assert.Equal(RegulatorServer.Start, (await Gateway.GetClockAsync()).Now.ToDateTimeOffset());
    }

    [Fact]
    public async Task Public_pages_need_no_key_at_all()
    {
        var anonymous = Server.Gateway(new GatewayOptions { ProviderKey = "", AdminKey = "" });

        var page = await anonymous.ValidateCodeAsync("13800138000", "071238", "123456");
        var query = await anonymous.QueryByDomainAsync("never-filed-example.cn");

        Assert.Equal(ValidateOutcome.NotFound, page.Outcome);
        Assert.Empty(query.Filings);
    }

    [Fact]
    public async Task A_submission_without_an_idempotency_key_gets_one_and_is_accepted()
    {
        // The regulator refuses a submission without a key (INVALID_ARGUMENT idempotency_key); the gateway makes one.
        var request = new SubmitFilingRequest { Filing = Samples.Individual() };

        var reply = await Gateway.SubmitAsync(request);

        Assert.False(reply.Replayed);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, reply.Order.Status);
        Assert.Equal("", request.IdempotencyKey);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer()
    {
        var request = new SubmitFilingRequest { IdempotencyKey = "k-123", Filing = Samples.Company() };

        var first = await Gateway.SubmitAsync(request);
        var second = await Gateway.SubmitAsync(request);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Order.OrderId, second.Order.OrderId);
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);
    }
}
