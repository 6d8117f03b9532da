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

    /// <summary>The provider's events, every one, up to the first that <paramref name="last"/> accepts.</summary>
    private static async Task<List<OrderEvent>> EventsAsync(ProviderGatewayClient provider, Func<OrderEvent, bool> last)
    {
        var seen = new List<OrderEvent>();
        await Streams.FirstAsync(provider.WatchFilingsAsync(), e =>
        {
            seen.Add(e);
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

        var notRestricted = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.LiftRestrictionAsync(number, "RESTRICTION_RESOLVED"));
        Assert.Equal("SERVICE_STANDING_FORBIDS", notRestricted.Reason);
        Assert.Equal(("SERVICE_STANDING", "SERVICE_STANDING_FILED"), (notRestricted.PreconditionProblems[0].Type, notRestricted.PreconditionProblems[0].Subject));

        await Gateway.RestrictServiceAsync(number, "COMPLAINT");
        var twice = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.RestrictServiceAsync(number, "COMPLAINT"));
        Assert.Equal("SERVICE_STANDING_RESTRICTED", twice.PreconditionProblems[0].Subject);
        Assert.EndsWith("(SERVICE_STANDING_RESTRICTED → restricted)", twice.Message);
        Assert.Equal("A service whose standing is SERVICE_STANDING_RESTRICTED cannot be restricted.", twice.PreconditionProblems[0].Description);

        var noReason = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.RevokeFilingAsync(number, " "));
        Assert.Equal("reason", Assert.Single(noReason.FieldProblems).Field);
        var liftWithoutReason = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.LiftRestrictionAsync(number, ""));
        Assert.Equal("reason", Assert.Single(liftWithoutReason.FieldProblems).Field);
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
    public async Task A_spot_check_not_answered_in_time_closes_and_restricts_the_service_at_its_deadline()
    {
        var filed = await SharedAsync();
        var shared = filed.ServiceNumber(0);
        var opened = await Gateway.OpenSpotCheckAsync(shared, "CONTACT_UNREACHABLE", TimeSpan.FromDays(10));
        var due = opened.SpotCheckDueAt.ToDateTimeOffset();
        Assert.Equal((await Gateway.GetClockAsync()).Now.ToDateTimeOffset().AddDays(10), due);

        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        Assert.False((await PublicAsync(filed, 0))!.AccessRestricted);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(2));
        Assert.True((await PublicAsync(filed, 0))!.AccessRestricted);

        foreach (var provider in new[] { Gateway, Second() })
        {
            var events = await AdministrativeEventsAsync(provider, e => e.Kind == OrderEventKind.Restricted);
            Assert.Equal(
                [(OrderEventKind.SpotCheckOpened, "CONTACT_UNREACHABLE"), (OrderEventKind.SpotCheckClosed, "SPOT_CHECK_UNANSWERED"), (OrderEventKind.Restricted, "SPOT_CHECK_UNANSWERED")],
                events.Select(e => (e.Kind, e.ReasonCode)));
            Assert.Equal(due, events[2].At.ToDateTimeOffset());
        }
        Assert.Contains(await Gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains("核查", StringComparison.Ordinal));
        await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.CloseSpotCheckAsync(shared));
    }

    [Fact]
    public async Task A_spot_check_answered_by_an_approved_change_closes_and_the_service_stays_open()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var number = filed.ServiceNumber(0);
        var opened = await Gateway.OpenSpotCheckAsync(number, "FALSE_INFORMATION");
        Assert.Equal((await Gateway.GetRulesAsync()).SpotCheckAnswerTime.ToTimeSpan(),
            opened.SpotCheckDueAt.ToDateTimeOffset() - (await Gateway.GetClockAsync()).Now.ToDateTimeOffset());
        var corrected = filed.Service(0).Numbered(number);
        corrected.Name = "核查更正示例官网";

        await Gateway.FileOrderAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Services = { corrected } },
        }, filed.Administrator(0));
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30));

        Assert.False((await PublicAsync(filed, 0))!.AccessRestricted);
        // Restricting it now succeeds: nothing restricted it before, and it is the next event after the check closed.
        await Gateway.RestrictServiceAsync(number, "COMPLAINT");
        var events = await AdministrativeEventsAsync(Gateway, e => e.Kind == OrderEventKind.Restricted);
        Assert.Equal(
            [(OrderEventKind.SpotCheckOpened, "FALSE_INFORMATION"), (OrderEventKind.SpotCheckClosed, "DATA_CORRECTED"), (OrderEventKind.Restricted, "COMPLAINT")],
            events.Select(e => (e.Kind, e.ReasonCode)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_approved_change_reaches_its_provider_before_the_spot_check_closing_it_caused(bool byStaff)
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var number = filed.ServiceNumber(0);
        // Answered long after any review time, so that the change is what closes it.
        await Gateway.OpenSpotCheckAsync(number, "FALSE_INFORMATION", TimeSpan.FromDays(90));
        var corrected = filed.Service(0).Numbered(number);
        corrected.Name = "核查更正示例官网";
        var change = (await Gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeService,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Services = { corrected } },
        })).Order;
        await Gateway.ValidateAsAsync(change, filed.Administrator(0));

        if (byStaff)
        {
            await Gateway.ApproveAsync(change.OrderId);
        }
        else
        {
            // The administration's own decision when the review time is up.
            await Gateway.AdvanceClockAsync(TimeSpan.FromDays(45));
            Assert.Equal(OrderStatus.Approved, (await Gateway.GetFilingAsync(change.OrderId)).Status);
        }

        bool Wanted(OrderEvent e) => (e.OrderId == change.OrderId && e.Kind == OrderEventKind.Approved) || e.Kind == OrderEventKind.SpotCheckClosed;
        var wanted = 0;
        var events = (await EventsAsync(Gateway, e => Wanted(e) && ++wanted == 2)).Where(Wanted).ToList();
        Assert.Equal([(OrderEventKind.Approved, change.OrderId), (OrderEventKind.SpotCheckClosed, "")], events.Select(e => (e.Kind, e.OrderId)));
        Assert.Equal(("DATA_CORRECTED", events[0].Sequence + 1), (events[1].ReasonCode, events[1].Sequence));
        // The subject hears it in the same order: the approval, then the check closed.
        var inbox = (await Gateway.InboxAsync(filed.Leader.Mobile)).ToList();
        Assert.True(inbox.FindIndex(m => m.OrderId == change.OrderId && m.Body.Contains("审核通过", StringComparison.Ordinal))
            < inbox.FindIndex(m => m.Body.Contains("核查已结束", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task No_provider_may_take_on_a_restricted_service_and_the_refusal_names_the_standing()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var number = filed.ServiceNumber(0);
        await Gateway.RestrictServiceAsync(number, "COMPLAINT");
        var second = Second();

        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => second.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddAccess,
            ServiceNumbers = { number },
            FilingPassword = filed.Password,
        }));

        Assert.Equal("SERVICE_STANDING_FORBIDS", refused.Reason);
        Assert.Equal(("SERVICE_STANDING", "SERVICE_STANDING_RESTRICTED"), (refused.PreconditionProblems[0].Type, refused.PreconditionProblems[0].Subject));
        Assert.Empty((await second.ListFilingsAsync()).Orders);

        // Once the restriction is lifted, the provider takes the service on; it never hears of a restriction it was not party to.
        await Gateway.LiftRestrictionAsync(number, "RESTRICTION_RESOLVED");
        var access = await second.AddAccessAsync(filed, 0);
        Assert.Equal(OrderStatus.Approved, access.Status);
        Assert.Empty(await AdministrativeEventsAsync(second, e => e.OrderId == access.OrderId && e.Kind == OrderEventKind.Approved));
    }

    [Fact]
    public async Task A_restriction_during_the_review_of_an_access_keeps_the_provider_out_and_the_order_is_rejected_saying_why()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var number = filed.ServiceNumber(0);
        var second = Second();
        var access = (await second.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddAccess,
            ServiceNumbers = { number },
            FilingPassword = filed.Password,
        })).Order;
        access = await second.ValidateAsAsync(access, filed.Leader, filed.Administrator(0));
        Assert.Equal(OrderStatus.UnderReview, access.Status);

        await Gateway.RestrictServiceAsync(number, "COMPLAINT");
        var approval = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.ApproveAsync(access.OrderId));
        Assert.Equal("SERVICE_STANDING_FORBIDS", approval.Reason);
        Assert.Equal(("SERVICE_STANDING", "SERVICE_STANDING_RESTRICTED"), (approval.PreconditionProblems[0].Type, approval.PreconditionProblems[0].Subject));
        Assert.Equal(OrderStatus.UnderReview, (await second.GetFilingAsync(access.OrderId)).Status);

        // Left to the administration, the review time up: rejected, the restriction named, the service still the first provider's alone.
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(40));
        var rejected = await second.GetFilingAsync(access.OrderId);
        Assert.Equal((OrderStatus.Rejected, "SERVICE_RESTRICTED"), (rejected.Status, rejected.Decision.ReasonCode));
        Assert.Contains("限制接入", rejected.Decision.Reason.Zh);
        var lifted = await Gateway.LiftRestrictionAsync(number, "RESTRICTION_RESOLVED");
        Assert.Equal(["sandbox-provider"], lifted.AccessProviders);
        var feed = await EventsAsync(second, e => e.Kind == OrderEventKind.Rejected);
        Assert.Equal("SERVICE_RESTRICTED", feed[^1].ReasonCode);
        Assert.DoesNotContain(feed, e => e.OrderId.Length == 0);
    }

    [Fact]
    public async Task The_administration_closes_a_spot_check_it_accepts_the_answer_of_and_refuses_a_second_one_open()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        var number = filed.ServiceNumber(0);
        await Gateway.OpenSpotCheckAsync(number, "CONTACT_UNREACHABLE", TimeSpan.FromDays(5));
        var twice = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.OpenSpotCheckAsync(number, "COMPLAINT"));
        Assert.Equal(("SPOT_CHECK", "OPEN"), (twice.PreconditionProblems[0].Type, twice.PreconditionProblems[0].Subject));
        var tooLong = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.OpenSpotCheckAsync(number, "COMPLAINT", TimeSpan.FromDays(400)));
        Assert.Equal("answer_within", Assert.Single(tooLong.FieldProblems).Field);

        var closed = await Gateway.CloseSpotCheckAsync(number, "DATA_CORRECTED");
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(10));

        Assert.Null(closed.SpotCheckDueAt);
        Assert.False((await PublicAsync(filed, 0))!.AccessRestricted);
        await Gateway.RestrictServiceAsync(number, "COMPLAINT");
        var events = await AdministrativeEventsAsync(Gateway, e => e.Kind == OrderEventKind.Restricted);
        Assert.Equal([OrderEventKind.SpotCheckOpened, OrderEventKind.SpotCheckClosed, OrderEventKind.Restricted], events.Select(e => e.Kind));
    }

    /// <summary>An initial filing submitted with <paramref name="scenario"/>, validated and approved at once by staff.</summary>
    private async Task<FilingOrder> FileWithScenarioAsync(Filing filing, string scenario)
    {
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: scenario)).Order;
        order = await Gateway.ValidateAsAsync(order, [filing.Subject.Leader, .. filing.Services.Select(s => s.Administrator)]);
        return await Gateway.ApproveAsync(order.OrderId);
    }

    [Theory]
    [InlineData("restrict-after:30d", OrderEventKind.Restricted, "COMPLAINT")]
    [InlineData("spot-check-after:30d", OrderEventKind.SpotCheckOpened, "ROUTINE_SPOT_CHECK")]
    [InlineData("revoke-after:30d", OrderEventKind.Revoked, "FALSE_INFORMATION")]
    public async Task A_scenario_has_the_administration_act_on_the_approved_services_that_long_after_approval(
        string scenario, OrderEventKind kind, string reason)
    {
        var filing = Samples.Company();
        var approved = await FileWithScenarioAsync(filing, scenario);
        var approvedAt = (await Gateway.GetClockAsync()).Now.ToDateTimeOffset();
        var number = approved.ServiceNumbers.Single().Number;

        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.False((await Gateway.QueryByDomainAsync(filing.Services[0].Domains[0])).Filings.SingleOrDefault()?.AccessRestricted);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(2));

        var e = Assert.Single(await AdministrativeEventsAsync(Gateway, e => e.Kind == kind));
        Assert.Equal((number, reason, approvedAt.AddDays(30)), (e.ServiceNumbers.Single(), e.ReasonCode, e.At.ToDateTimeOffset()));
        var shown = (await Gateway.QueryByDomainAsync(filing.Services[0].Domains[0])).Filings.SingleOrDefault();
        Assert.Equal(kind switch
        {
            OrderEventKind.Restricted => true,
            OrderEventKind.SpotCheckOpened => false,
            _ => (bool?)null,
        }, shown?.AccessRestricted);
    }

    [Fact]
    public async Task A_scenario_that_finds_its_action_taken_already_does_nothing()
    {
        var filing = Samples.Company();
        var approved = await FileWithScenarioAsync(filing, "restrict-after:10d");
        var number = approved.ServiceNumbers.Single().Number;
        await Gateway.RestrictServiceAsync(number, "COMPLAINT");

        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(11));
        await Gateway.LiftRestrictionAsync(number, "RESTRICTION_RESOLVED");

        var events = await AdministrativeEventsAsync(Gateway, e => e.Kind == OrderEventKind.RestrictionLifted);
        Assert.Equal([OrderEventKind.Restricted, OrderEventKind.RestrictionLifted], events.Select(e => e.Kind));
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
