using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>What the regulator accepts on submission, and what it refuses and why.</summary>
public sealed class SubmissionRulesTests : ServerTest
{
    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_replays_the_first_answer()
    {
        var request = new SubmitFilingRequest { IdempotencyKey = "retry-1", Filing = Samples.Company() };
        var first = await Gateway.SubmitAsync(request);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var again = await Gateway.SubmitAsync(request);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Order, again.Order);
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_request_is_refused()
    {
        await Gateway.SubmitAsync(new SubmitFilingRequest { IdempotencyKey = "k", Filing = Samples.Company() });
        var e = await Assert.ThrowsAsync<RequestRefusedException>(() =>
            Gateway.SubmitAsync(new SubmitFilingRequest { IdempotencyKey = "k", Filing = Samples.Company() }));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", e.Reason);
    }

    [Fact]
    public async Task A_refused_submission_does_not_use_up_its_idempotency_key()
    {
        var filing = Samples.Company();
        filing.Subject.Leader.Mobile = "123";
        await Assert.ThrowsAsync<InvalidRequestException>(() =>
            Gateway.SubmitAsync(new SubmitFilingRequest { IdempotencyKey = "fix-and-retry", Filing = filing }));
        filing.Subject.Leader.Mobile = "13800000001";
        var accepted = await Gateway.SubmitAsync(new SubmitFilingRequest { IdempotencyKey = "fix-and-retry", Filing = filing });
        Assert.False(accepted.Replayed);
    }

    [Fact]
    public async Task A_submission_without_an_idempotency_key_is_invalid()
    {
        var channel = Server.Channel();
        var client = new FilingService.FilingServiceClient(channel);
        var headers = new Metadata { { "authorization", $"Bearer {GatewayOptions.SandboxProviderKey}" } };
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            client.SubmitFilingAsync(new SubmitFilingRequest { Filing = Samples.Company() }, headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("idempotency_key", RegulatorCallException.From(e).FieldProblems.Select(f => f.Field));
    }

    [Fact]
    public async Task A_subject_with_an_order_in_process_cannot_submit_another()
    {
        var filing = Samples.Company();
        var first = (await Gateway.SubmitAsync(filing)).Order;
        var second = filing.Clone();
        second.Services[0].Domains[0] = "another-" + second.Services[0].Domains[0];
        second.Services[0].HomeUrl = $"https://{second.Services[0].Domains[0]}/";

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(second));
        Assert.Equal("ORDER_IN_PROCESS", e.Reason);
        Assert.Equal(first.OrderId, Assert.Single(e.PreconditionProblems).Subject);

        // Once the first order is withdrawn, the subject may file again.
        await Gateway.WithdrawAsync(first.OrderId);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(second)).Order.Status);
    }

    [Fact]
    public async Task A_domain_filed_or_being_filed_under_another_subject_is_refused_with_code_1005()
    {
        var first = Samples.Company();
        var firstOrder = (await Gateway.SubmitAsync(first)).Order;
        var other = Samples.Company();
        other.Services[0].Domains.Add(first.Services[0].Domains[0]);

        var pending = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(other));
        Assert.Equal(StatusCode.AlreadyExists, pending.StatusCode);
        Assert.Equal(1005, pending.NumericCode);
        Assert.Equal(first.Services[0].Domains[0], Assert.Single(pending.PreconditionProblems).Subject);

        await Gateway.ValidateAllAsync(firstOrder, first);
        await Gateway.ApproveAsync(firstOrder.OrderId);
        var filed = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(other));
        Assert.Equal("DOMAIN_CONFLICT", filed.Reason);
        Assert.DoesNotContain((await Gateway.ListFilingsAsync()).Orders, o => o.Filing.Subject.Name == other.Subject.Name);
    }

    [Fact]
    public async Task An_initial_filing_for_a_subject_already_filed_is_refused_with_the_type_the_regulator_determined()
    {
        var filing = Samples.Company();
        await Gateway.FileAsync(filing);
        var again = Samples.Company();
        again.Subject = filing.Subject.Clone();

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(again, FilingType.Initial));
        Assert.Equal("FILING_TYPE_MISMATCH", e.Reason);
        Assert.Equal("FILING_TYPE_ADD_SERVICE", Assert.Single(e.PreconditionProblems).Subject);
        Assert.EndsWith("(determined: FILING_TYPE_ADD_SERVICE)", e.Message);
    }

    [Fact]
    public async Task Bad_input_gets_every_field_violation_at_once_and_changes_nothing()
    {
        var filing = Samples.Company();
        filing.Subject.Leader.Mobile = "2380013800";
        filing.Subject.CertificateNumber = filing.Subject.CertificateNumber[..^1] + (filing.Subject.CertificateNumber[^1] == '0' ? "1" : "0");
        filing.Services[0].Domains.Add("example.hk");
        filing.Services[0].HomeUrl = "https://elsewhere.cn/";
        filing.Subject.Province = "atlantis";

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));
        var problems = e.FieldProblems.ToDictionary(p => p.Field, p => p.Reason);
        Assert.Equal("INVALID_FORMAT", problems["filing.subject.leader.mobile"]);
        Assert.Equal("INVALID_CHECKSUM", problems["filing.subject.certificate_number"]);
        Assert.Equal("TLD_NOT_APPROVED", problems["filing.services[0].domains[1]"]);
        Assert.Equal("NOT_ON_FILED_DOMAIN", problems["filing.services[0].home_url"]);
        Assert.Equal("UNKNOWN_PROVINCE", problems["filing.subject.province"]);
        Assert.All(e.FieldProblems, p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.DescriptionZh));
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        Assert.Empty((await Gateway.ListMessagesAsync()).Messages);
    }

    [Fact]
    public async Task A_missing_subject_is_one_violation_not_a_crash()
    {
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(new Filing()));
        Assert.Equal(["filing.subject", "filing.services"], e.FieldProblems.Select(p => p.Field));
    }

    [Fact]
    public async Task An_empty_submission_hears_of_everything_it_lacks_at_once_each_named_from_the_request()
    {
        var filings = new FilingService.FilingServiceClient(Server.Channel());
        var provider = new Metadata { { "authorization", $"Bearer {GatewayOptions.SandboxProviderKey}" } };

        var empty = await Assert.ThrowsAsync<RpcException>(() => filings.SubmitFilingAsync(new SubmitFilingRequest(), provider).ResponseAsync);

        Assert.Equal(["idempotency_key REQUIRED", "filing.subject REQUIRED", "filing.services REQUIRED"], Problems(empty));
    }

    [Fact]
    public async Task A_bad_scenario_header_a_missing_key_and_bad_fields_are_reported_together()
    {
        var filings = new FilingService.FilingServiceClient(Server.Channel());
        var filing = Samples.Company();
        filing.Subject.Name = "";
        filing.Subject.Leader.Email = "zhangwei+icp-review-days-999@example.cn";
        filing.Services[0].Domains[0] = "not a domain";
        var headers = new Metadata
        {
            { "authorization", $"Bearer {GatewayOptions.SandboxProviderKey}" },
            { "x-icp-scenario", "sms-late:soon,no-such-scenario" },
        };

        var e = await Assert.ThrowsAsync<RpcException>(() => filings.SubmitFilingAsync(new SubmitFilingRequest { Filing = filing }, headers).ResponseAsync);

        Assert.Equal(
            [
                "idempotency_key REQUIRED", "x-icp-scenario INVALID_SCENARIO", "x-icp-scenario UNKNOWN_SCENARIO", "filing.subject.name REQUIRED",
                "filing.subject.leader.email INVALID_SCENARIO", "filing.services[0].domains[0] INVALID_FORMAT",
                "filing.services[0].home_url NOT_ON_FILED_DOMAIN",
            ],
            Problems(e));
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    private static IEnumerable<string> Problems(RpcException e)
    {
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        return RegulatorCallException.From(e).FieldProblems.Select(p => $"{p.Field} {p.Reason}");
    }

    [Fact]
    public async Task Calls_without_a_valid_provider_key_are_refused()
    {
        var anonymous = Server.Gateway(new GatewayOptions { ProviderKey = "not-a-key" });
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => anonymous.SubmitAsync(Samples.Company()));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        var admin = Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SandboxAdminKey });
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ListFilingsAsync())).StatusCode);
    }
}
