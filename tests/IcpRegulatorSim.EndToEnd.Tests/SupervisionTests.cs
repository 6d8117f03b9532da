using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// After approval: the administration restricts access to filed services, lifts restrictions and revokes filings, of
/// its own accord. The subject is told; every access provider of the service, and no other, gets an event.
/// </summary>
public sealed class SupervisionTests : ServerTest
{
    private ProviderGatewayClient Second() => Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });

    /// <summary>A company with two websites filed through the first provider; the second provider hosts the first one too.</summary>
    private async Task<Filed> SharedAsync()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company(websites: 2));
        await Second().AddAccessAsync(filed, 0);
        return filed;
    }

    /// <summary>The provider's events about no order (the administration's), up to the first that <paramref name="last"/> accepts.</summary>
    private static async Task<List<OrderEvent>> AdministrativeEventsAsync(ProviderGatewayClient provider, Func<OrderEvent, bool> last)
    {
        var seen = new List<OrderEvent>();
        await Streams.FirstAsync(provider.WatchFilingsAsync(), e =>
        {
            if (e.OrderId.Length == 0)
            {
                seen.Add(e);
            }
            return last(e);
        });
        return seen;
    }

    private async Task<PublicFiling?> PublicAsync(Filed filed, int service) =>
        (await Gateway.QueryByDomainAsync(filed.Service(service).Domains[0])).Filings.SingleOrDefault();

    [Fact]
    public async Task A_restriction_reaches_the_subject_and_every_provider_of_the_service_and_the_public_query_shows_it()
    {
        var filed = await SharedAsync();
        var (shared, own) = (filed.ServiceNumber(0), filed.ServiceNumber(1));

        var standing = await Gateway.RestrictServiceAsync(shared, "COMPLAINT");
        await Gateway.RestrictServiceAsync(own, "The site was unreachable for a month.");

        Assert.Equal((ServiceStanding.Restricted, "COMPLAINT", filed.SubjectNumber), (standing.Standing, standing.ReasonCode, standing.SubjectNumber));
        Assert.Contains("投诉", standing.Reason.Zh);
        Assert.Equal(["sandbox-provider", "sandbox-provider-2"], standing.AccessProviders.Order());
        Assert.True((await PublicAsync(filed, 0))!.AccessRestricted);
        Assert.True((await PublicAsync(filed, 1))!.AccessRestricted);

        var lifted = await Gateway.LiftRestrictionAsync(shared, "RESTRICTION_RESOLVED");
        Assert.Equal(ServiceStanding.Filed, lifted.Standing);
        Assert.False((await PublicAsync(filed, 0))!.AccessRestricted);

        var first = await AdministrativeEventsAsync(Gateway, e => e.Kind == OrderEventKind.RestrictionLifted);
        Assert.Equal(
            [(OrderEventKind.Restricted, shared, "COMPLAINT"), (OrderEventKind.Restricted, own, "ADMINISTRATION"), (OrderEventKind.RestrictionLifted, shared, "RESTRICTION_RESOLVED")],
            first.Select(e => (e.Kind, Assert.Single(e.ServiceNumbers), e.ReasonCode)));
        Assert.All(first, e => Assert.Equal((filed.SubjectNumber, OrderStatus.Unspecified), (e.SubjectNumber, e.Status)));
        Assert.Equal("The site was unreachable for a month.", first[1].Reason.En);
        // The second provider hosts only the shared website: it hears nothing of the other.
        var second = await AdministrativeEventsAsync(Second(), e => e.Kind == OrderEventKind.RestrictionLifted);
        Assert.Equal([(OrderEventKind.Restricted, shared), (OrderEventKind.RestrictionLifted, shared)], second.Select(e => (e.Kind, e.ServiceNumbers.Single())));

        var inbox = await Gateway.InboxAsync(filed.Leader.Mobile);
        Assert.Contains(inbox, m => m.Body.Contains(own, StringComparison.Ordinal) && m.Body.Contains("限制接入", StringComparison.Ordinal));
        Assert.Contains(inbox, m => m.Body.Contains(shared, StringComparison.Ordinal) && m.Body.Contains("解除", StringComparison.Ordinal));
        var mail = (await Gateway.ListMessagesAsync(recipient: filed.Leader.Email, pageSize: 100)).Messages;
        Assert.Equal(3, mail.Count(m => m.Subject.Contains("ICP备案管理通知", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_action_the_standing_forbids_is_refused_with_the_standing_named_and_changes_nothing()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var number = filed.ServiceNumber(0);

        var notRestricted = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.LiftRestrictionAsync(number));
        Assert.Equal("SERVICE_STANDING_FORBIDS", notRestricted.Reason);
        Assert.Equal(("SERVICE_STANDING", "Filed"), (notRestricted.PreconditionProblems[0].Type, notRestricted.PreconditionProblems[0].Subject));

        await Gateway.RestrictServiceAsync(number, "COMPLAINT");
        var twice = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.RestrictServiceAsync(number, "COMPLAINT"));
        Assert.Equal("Restricted", twice.PreconditionProblems[0].Subject);

        var noReason = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.RevokeFilingAsync(number, " "));
        Assert.Equal("reason", Assert.Single(noReason.FieldProblems).Field);
        await Assert.ThrowsAsync<NotFoundException>(() => Gateway.RestrictServiceAsync($"{filed.SubjectNumber}-9", "COMPLAINT"));
        Assert.True((await PublicAsync(filed, 0))!.AccessRestricted);
        var events = await AdministrativeEventsAsync(Gateway, e => e.Kind == OrderEventKind.Restricted);
        Assert.Single(events);
    }

    [Fact]
    public async Task A_revoked_service_is_no_longer_found_and_its_number_is_never_issued_again()
    {
        var filed = await SharedAsync();
        var (shared, own) = (filed.ServiceNumber(0), filed.ServiceNumber(1));

        var revoked = await Gateway.RevokeFilingAsync(shared, "FALSE_INFORMATION");

        Assert.Equal((filed.SubjectNumber, false), (revoked.SubjectNumber, revoked.SubjectRevoked));
        Assert.Equal([shared], revoked.ServiceNumbers);
        foreach (var provider in new[] { Gateway, Second() })
        {
            var e = Assert.Single(await AdministrativeEventsAsync(provider, e => e.Kind == OrderEventKind.Revoked));
            Assert.Equal((shared, "FALSE_INFORMATION"), (e.ServiceNumbers.Single(), e.ReasonCode));
        }
        Assert.Null(await PublicAsync(filed, 0));
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(shared)).Filings);
        Assert.NotNull(await PublicAsync(filed, 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Gateway.RevokeFilingAsync(shared, "FALSE_INFORMATION"));

        // The domain is free again: under the subject that is still filed, it is a new service, with a new number.
        var subject = filed.Subject;
        var answer = await Gateway.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, subject.Province, filed.Service(0).Domains[0]);
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddService, filed.SubjectNumber), (answer.Verdict, answer.Type, answer.SubjectNumber));
        var again = await Gateway.FileOrderAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = subject, Services = { filed.Service(0) } },
        }, filed.Leader, filed.Administrator(0));
        Assert.Equal($"{filed.SubjectNumber}-3", Assert.Single(again.ServiceNumbers).Number);
        Assert.DoesNotContain(again.ServiceNumbers, n => n.Number == shared || n.Number == own);
    }

    [Fact]
    public async Task A_revoked_subject_takes_every_service_with_it_and_files_again_as_a_new_subject()
    {
        var filing = Samples.Company(websites: 2);
        var filed = await Gateway.FileInitialAsync(filing);

        var revoked = await Gateway.RevokeFilingAsync(filed.SubjectNumber, "FALSE_INFORMATION");

        Assert.True(revoked.SubjectRevoked);
        Assert.Equal([filed.ServiceNumber(0), filed.ServiceNumber(1)], revoked.ServiceNumbers.Order());
        var e = Assert.Single(await AdministrativeEventsAsync(Gateway, e => e.Kind == OrderEventKind.Revoked));
        Assert.Equal([filed.ServiceNumber(0), filed.ServiceNumber(1)], e.ServiceNumbers.Order());
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings);
        Assert.Null(await PublicAsync(filed, 1));
        var subject = filing.Subject;
        var answer = await Gateway.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, subject.Province, filing.Services[0].Domains[0]);
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.Initial), (answer.Verdict, answer.Type));

        var refiled = await Gateway.FileInitialAsync(filing);
        Assert.NotEqual(filed.SubjectNumber, refiled.SubjectNumber);
    }

    [Fact]
    public async Task A_filing_with_an_order_in_process_is_not_revoked()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company(websites: 2));
        var order = (await Gateway.SubmitAsync(filed.CancelService(1))).Order;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.RevokeFilingAsync(filed.ServiceNumber(0), "FALSE_INFORMATION"));

        Assert.Equal("ORDER_IN_PROCESS", e.Reason);
        Assert.Equal(("ORDER", order.OrderId), (e.PreconditionProblems[0].Type, e.PreconditionProblems[0].Subject));
        Assert.NotNull(await PublicAsync(filed, 0));
    }
}
