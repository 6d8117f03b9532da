using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// What the regulator refuses about orders on filed subjects, and why: the filing password, one order in process,
/// a province that never changes, the empty shell, a type that contradicts the registry, and each type's shape.
/// </summary>
public sealed class FilingTypeRulesTests : ServerTest
{
    [Theory]
    [InlineData(FilingType.AddAccess)]
    [InlineData(FilingType.CancelSubject)]
    [InlineData(FilingType.CancelService)]
    public async Task A_wrong_filing_password_is_refused_with_code_1018_creates_no_order_and_counts_toward_the_limit(FilingType type)
    {
        var filed = await FileWithTwoWebsitesAsync();
        // ADD_ACCESS is filed by a provider that does not host the service yet; the cancellations by the one that does.
        var provider = type == FilingType.AddAccess ? SecondProvider() : Gateway;
        var before = (await provider.ListFilingsAsync()).Orders.Count;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => provider.SubmitAsync(PasswordOrder(type, filed, filed.Password + "x")));
        Assert.Equal("WRONG_FILING_PASSWORD", e.Reason);
        Assert.Equal(1018, e.NumericCode);
        Assert.Equal(before, (await provider.ListFilingsAsync()).Orders.Count);
        // The refused order used up one of the five checks, as a failed VerifyPassword does.
        Assert.Equal(3, (await Gateway.VerifyPasswordAsync(filed.SubjectNumber, "still-wrong")).RemainingAttempts);
    }

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_is_refused_until_the_next_beijing_day()
    {
        var filed = await FileWithTwoWebsitesAsync();
        for (var i = 1; i <= 5; i++)
        {
            var wrong = await Assert.ThrowsAsync<RequestRefusedException>(() =>
                Gateway.SubmitAsync(PasswordOrder(FilingType.CancelService, filed, $"wrong-{i}")));
            Assert.Equal("WRONG_FILING_PASSWORD", wrong.Reason);
        }

        var locked = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(PasswordOrder(FilingType.CancelService, filed, filed.Password)));
        Assert.Equal("PASSWORD_CHECKS_EXHAUSTED", locked.Reason);
        Assert.Equal(StatusCode.ResourceExhausted, locked.StatusCode);
        Assert.Equal("PASSWORD_CHECKS_EXHAUSTED",
            (await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.VerifyPasswordAsync(filed.SubjectNumber, filed.Password))).Reason);
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);

        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(1));
        Assert.Equal(OrderStatus.AwaitingSmsValidation,
            (await Gateway.SubmitAsync(PasswordOrder(FilingType.CancelService, filed, filed.Password))).Order.Status);
    }

    [Fact]
    public async Task While_a_change_is_in_process_no_other_order_of_the_subject_is_accepted_until_it_is_withdrawn()
    {
        var filed = await FileWithTwoWebsitesAsync();
        var renamed = filed.Subject.Clone();
        renamed.Name = "杭州办理中示例科技有限公司";
        var change = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = renamed },
        })).Order;

        SubmitFilingRequest[] others =
        [
            PasswordOrder(FilingType.CancelSubject, filed, filed.Password),
            PasswordOrder(FilingType.CancelService, filed, filed.Password),
            new() { Type = FilingType.ChangeService, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Services = { filed.Service(0).Numbered(filed.ServiceNumber(0)) } } },
        ];
        foreach (var other in others)
        {
            var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(other));
            Assert.Equal("ORDER_IN_PROCESS", e.Reason);
            Assert.Equal(change.OrderId, Assert.Single(e.PreconditionProblems).Subject);
        }
        // Another provider is held up by the same order.
        var access = await Assert.ThrowsAsync<RequestRefusedException>(() => SecondProvider().SubmitAsync(PasswordOrder(FilingType.AddAccess, filed, filed.Password)));
        Assert.Equal("ORDER_IN_PROCESS", access.Reason);

        await Gateway.WithdrawAsync(change.OrderId);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(others[0])).Order.Status);
    }

    [Fact]
    public async Task A_cancellation_in_process_holds_up_a_change_too()
    {
        var filed = await FileWithTwoWebsitesAsync();
        var cancel = (await Gateway.SubmitAsync(PasswordOrder(FilingType.CancelService, filed, filed.Password))).Order;
        var changed = filed.Service(0).Numbered(filed.ServiceNumber(0));
        changed.Name = "改名示例官网";

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Services = { changed } },
        }));
        Assert.Equal("ORDER_IN_PROCESS", e.Reason);
        Assert.Equal(cancel.OrderId, Assert.Single(e.PreconditionProblems).Subject);
    }

    [Fact]
    public async Task A_change_that_moves_the_subject_to_another_province_is_refused_with_code_1046()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company("zhejiang"));
        var moved = filed.Subject.Clone();
        moved.Province = "jiangsu";
        moved.CertificateAddress = new Address { Province = "jiangsu", City = "南京市", Detail = "新址路1号" };
        moved.MailingAddress = moved.CertificateAddress.Clone();

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = moved },
        }));
        Assert.Equal("PROVINCE_CHANGE", e.Reason);
        Assert.Equal(1046, e.NumericCode);
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);
        Assert.Equal("zhejiang", Assert.Single((await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings).Province);
    }

    [Fact]
    public async Task Cancelling_the_only_access_provider_is_refused_with_code_1025_until_another_provider_hosts_the_service()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var cancelAccess = new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { filed.ServiceNumber(0) } };

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(cancelAccess));
        Assert.Equal("EMPTY_SHELL", e.Reason);
        Assert.Equal(1025, e.NumericCode);
        Assert.Equal(filed.ServiceNumber(0), Assert.Single(e.PreconditionProblems).Subject);
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);

        var second = SecondProvider();
        await second.AddAccessAsync(filed, 0);
        var order = (await Gateway.SubmitAsync(cancelAccess)).Order;
        Assert.Equal(OrderStatus.UnderReview, order.Status);
        await Gateway.ApproveAsync(order.OrderId);

        // The second provider hosts it alone now: it may not leave it either.
        var alone = await Assert.ThrowsAsync<RequestRefusedException>(() => second.SubmitAsync(cancelAccess));
        Assert.Equal("EMPTY_SHELL", alone.Reason);
        Assert.Equal(filed.ServiceNumber(0), Assert.Single((await Gateway.QueryByDomainAsync(filed.Service(0).Domains[0])).Filings).ServiceNumber);
    }

    [Fact]
    public async Task A_provider_that_does_not_host_a_service_cannot_change_or_cancel_it()
    {
        var filed = await FileWithTwoWebsitesAsync();
        var second = SecondProvider();

        var change = await Assert.ThrowsAsync<RequestRefusedException>(() => second.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Services = { filed.Service(0).Numbered(filed.ServiceNumber(0)) } },
        }));
        Assert.Equal("SERVICE_NOT_HOSTED", change.Reason);
        var cancel = await Assert.ThrowsAsync<RequestRefusedException>(() => second.SubmitAsync(PasswordOrder(FilingType.CancelService, filed, filed.Password)));
        Assert.Equal("SERVICE_NOT_HOSTED", cancel.Reason);
        Assert.Empty((await second.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task Adding_access_to_a_service_the_provider_hosts_already_is_refused()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(PasswordOrder(FilingType.AddAccess, filed, filed.Password)));
        Assert.Equal("ALREADY_HOSTED", e.Reason);
    }

    [Fact]
    public async Task Cancelling_every_service_one_by_one_is_refused_the_subject_is_cancelled_instead()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filed.CancelService(0)));
        Assert.Equal("LAST_SERVICE", e.Reason);
    }

    [Fact]
    public async Task A_change_to_another_certificate_is_refused_because_the_certificate_is_the_subject()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var other = filed.Subject.Clone();
        other.CertificateNumber = Samples.Company().Subject.CertificateNumber;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = other },
        }));
        Assert.Equal("CERTIFICATE_CHANGE", e.Reason);
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task An_add_service_order_carries_the_subject_exactly_as_filed()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var edited = filed.Subject.Clone();
        edited.MailingAddress.Detail = "顺便改个地址1号";

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = edited, Services = { Samples.Company().Services[0] } },
        }));
        Assert.Equal("FILED_DATA_MODIFIED", e.Reason);
    }

    [Fact]
    public async Task Add_service_for_a_subject_that_is_not_filed_is_refused_naming_initial_as_the_determined_type()
    {
        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(Samples.Company(), FilingType.AddService));
        Assert.Equal("FILING_TYPE_MISMATCH", e.Reason);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        var problem = Assert.Single(e.PreconditionProblems);
        Assert.Equal(("FILING_TYPE", "FILING_TYPE_INITIAL"), (problem.Type, problem.Subject));
        // The contract's names, which a client finds in the protos, in the texts too.
        Assert.StartsWith("Submitted as FILING_TYPE_ADD_SERVICE, but", problem.Description);
        Assert.EndsWith("the regulator determined FILING_TYPE_INITIAL.", problem.Description);
        Assert.EndsWith("(determined: FILING_TYPE_INITIAL)", e.Message);
        Assert.EndsWith("（判定类型：FILING_TYPE_INITIAL）", e.MessageZh);
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task An_initial_filing_of_a_filed_website_names_new_access_for_another_provider_and_a_change_for_its_own()
    {
        var filing = Samples.Company();
        await Gateway.FileInitialAsync(filing);

        var other = await Assert.ThrowsAsync<RequestRefusedException>(() => SecondProvider().SubmitAsync(filing, FilingType.Initial));
        Assert.Equal("FILING_TYPE_MISMATCH", other.Reason);
        Assert.Equal("FILING_TYPE_ADD_ACCESS", Assert.Single(other.PreconditionProblems).Subject);
        var own = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.SubmitAsync(filing, FilingType.AddService));
        Assert.Equal("FILING_TYPE_MISMATCH", own.Reason);
        Assert.Equal("FILING_TYPE_CHANGE_SERVICE", Assert.Single(own.PreconditionProblems).Subject);
    }

    [Fact]
    public async Task A_cancel_subject_order_carries_no_filing_data()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var request = PasswordOrder(FilingType.CancelSubject, filed, filed.Password);
        request.Filing = filed.Filing;

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(request));
        Assert.Contains(new KeyValuePair<string, string>("filing.subject", "NOT_ALLOWED"), e.FieldProblems.ToDictionary(p => p.Field, p => p.Reason));
        Assert.Contains(new KeyValuePair<string, string>("filing.services", "NOT_ALLOWED"), e.FieldProblems.ToDictionary(p => p.Field, p => p.Reason));
    }

    [Fact]
    public async Task Each_type_must_carry_its_parts_and_nothing_else()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var number = filed.ServiceNumber(0);
        (SubmitFilingRequest Request, string Field, string Reason)[] cases =
        [
            (new() { Type = FilingType.AddAccess, ServiceNumbers = { number } }, "filing_password", "REQUIRED"),
            (new() { Type = FilingType.AddAccess, ServiceNumbers = { number }, FilingPassword = filed.Password, Filing = new Filing { Subject = filed.Subject } }, "filing.subject", "NOT_ALLOWED"),
            (new() { Type = FilingType.CancelService, FilingPassword = filed.Password }, "service_numbers", "REQUIRED"),
            (new() { Type = FilingType.CancelSubject, FilingPassword = filed.Password }, "subject_number", "REQUIRED"),
            (new() { Type = FilingType.CancelAccess, ServiceNumbers = { number }, FilingPassword = filed.Password }, "filing_password", "NOT_ALLOWED"),
            (new() { Type = FilingType.Initial, Filing = Samples.Company(), SubjectNumber = filed.SubjectNumber }, "subject_number", "NOT_ALLOWED"),
            (new() { Type = FilingType.ChangeSubject, Filing = new Filing { Subject = filed.Subject } }, "subject_number", "REQUIRED"),
            (new() { Type = FilingType.ChangeService, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Services = { filed.Service(0) } } }, "filing.services[0].service_number", "REQUIRED"),
            (new() { Type = FilingType.ChangeService, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Subject = filed.Subject, Services = { filed.Service(0).Numbered(number) } } }, "filing.subject", "NOT_ALLOWED"),
            (new() { Type = FilingType.CancelService, ServiceNumbers = { filed.SubjectNumber }, FilingPassword = filed.Password }, "service_numbers[0]", "INVALID_FORMAT"),
        ];
        foreach (var (request, field, reason) in cases)
        {
            var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(request));
            Assert.Contains((field, reason), e.FieldProblems.Select(p => (p.Field, p.Reason)));
        }
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);
        // Shape errors come before the password check: none of them used one up.
        Assert.Equal(5, (await Gateway.VerifyPasswordAsync(filed.SubjectNumber, filed.Password)).RemainingAttempts);
    }

    /// <summary>A subject with two websites, so that cancelling one of them is not cancelling the last.</summary>
    private async Task<Filed> FileWithTwoWebsitesAsync()
    {
        var filing = Samples.Company();
        filing.Services.Add(Samples.Company().Services[0]);
        return await Gateway.FileInitialAsync(filing);
    }

    private static SubmitFilingRequest PasswordOrder(FilingType type, Filed filed, string password) => type switch
    {
        FilingType.AddAccess => new() { Type = type, ServiceNumbers = { filed.ServiceNumber(0) }, FilingPassword = password },
        FilingType.CancelSubject => new() { Type = type, SubjectNumber = filed.SubjectNumber, FilingPassword = password },
        FilingType.CancelService => new() { Type = type, ServiceNumbers = { filed.ServiceNumber(1) }, FilingPassword = password },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an order that carries the filing password."),
    };

    private ProviderGatewayClient SecondProvider() => Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });
}
