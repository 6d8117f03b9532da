using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>The state machine of a filed service under the administration: filed → restricted ↔ filed → revoked or cancelled.</summary>
public sealed class SupervisionTests
{
    private static readonly DateTimeOffset Now = Samples.MondayMorning;
    private static readonly AdministrativeReason Complaint = new("COMPLAINT", null, "A complaint about the site's content.", "网站内容被投诉。");
    private static readonly AdministrativeReason FalseData = new("FALSE_INFORMATION", null, "Filed with false information.", "备案信息虚假。");

    private static (FiledSubject Subject, string Website, string App) Filed()
    {
        var subject = FiledSubject.Create("浙ICP备2025000001号", Samples.Company(), "hash-1", Now.AddDays(-30));
        var website = subject.AddService(Samples.Website(), "provider-a", Now.AddDays(-30));
        var app = subject.AddService(Samples.App(), "provider-b", Now.AddDays(-30));
        return (subject, website.Number, app.Number);
    }

    public static TheoryData<ServiceStanding, SupervisionAction, bool, ServiceStanding> Allowed => new()
    {
        { ServiceStanding.Filed, SupervisionAction.Restrict, false, ServiceStanding.Restricted },
        { ServiceStanding.Restricted, SupervisionAction.LiftRestriction, false, ServiceStanding.Filed },
        { ServiceStanding.Filed, SupervisionAction.Revoke, false, ServiceStanding.Revoked },
        { ServiceStanding.Restricted, SupervisionAction.Revoke, true, ServiceStanding.Revoked },
        { ServiceStanding.Filed, SupervisionAction.CancelEmptyShell, false, ServiceStanding.CancelledByAdministration },
        { ServiceStanding.Restricted, SupervisionAction.CancelEmptyShell, false, ServiceStanding.CancelledByAdministration },
        { ServiceStanding.Filed, SupervisionAction.OpenSpotCheck, false, ServiceStanding.Filed },
        { ServiceStanding.Restricted, SupervisionAction.OpenSpotCheck, false, ServiceStanding.Restricted },
        { ServiceStanding.Filed, SupervisionAction.CloseSpotCheck, true, ServiceStanding.Filed },
        { ServiceStanding.Restricted, SupervisionAction.CloseSpotCheck, true, ServiceStanding.Restricted },
        { ServiceStanding.Filed, SupervisionAction.AddAccess, false, ServiceStanding.Filed },
        { ServiceStanding.Filed, SupervisionAction.AddAccess, true, ServiceStanding.Filed },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_action_leads_to_its_standing(ServiceStanding from, SupervisionAction action, bool spotCheckOpen, ServiceStanding to) =>
        Assert.Equal(to, Supervision.Next(from, action, spotCheckOpen));

    public static TheoryData<ServiceStanding, SupervisionAction, bool, string, string> Refused => new()
    {
        { ServiceStanding.Restricted, SupervisionAction.Restrict, false, "SERVICE_STANDING", "SERVICE_STANDING_RESTRICTED" },
        { ServiceStanding.Filed, SupervisionAction.LiftRestriction, false, "SERVICE_STANDING", "SERVICE_STANDING_FILED" },
        { ServiceStanding.Revoked, SupervisionAction.Restrict, false, "SERVICE_STANDING", "SERVICE_STANDING_REVOKED" },
        { ServiceStanding.Revoked, SupervisionAction.LiftRestriction, false, "SERVICE_STANDING", "SERVICE_STANDING_REVOKED" },
        { ServiceStanding.Revoked, SupervisionAction.Revoke, false, "SERVICE_STANDING", "SERVICE_STANDING_REVOKED" },
        { ServiceStanding.Revoked, SupervisionAction.OpenSpotCheck, false, "SERVICE_STANDING", "SERVICE_STANDING_REVOKED" },
        { ServiceStanding.CancelledByAdministration, SupervisionAction.CancelEmptyShell, false, "SERVICE_STANDING", "SERVICE_STANDING_CANCELLED_BY_ADMINISTRATION" },
        { ServiceStanding.CancelledByAdministration, SupervisionAction.Revoke, false, "SERVICE_STANDING", "SERVICE_STANDING_CANCELLED_BY_ADMINISTRATION" },
        { ServiceStanding.CancelledByAdministration, SupervisionAction.CloseSpotCheck, true, "SERVICE_STANDING", "SERVICE_STANDING_CANCELLED_BY_ADMINISTRATION" },
        { ServiceStanding.Filed, SupervisionAction.OpenSpotCheck, true, "SPOT_CHECK", "OPEN" },
        { ServiceStanding.Restricted, SupervisionAction.CloseSpotCheck, false, "SPOT_CHECK", "NONE" },
        { ServiceStanding.Restricted, SupervisionAction.AddAccess, false, "SERVICE_STANDING", "SERVICE_STANDING_RESTRICTED" },
        { ServiceStanding.Restricted, SupervisionAction.AddAccess, true, "SERVICE_STANDING", "SERVICE_STANDING_RESTRICTED" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_action_the_standing_forbids_is_refused_with_the_standing_named(
        ServiceStanding from, SupervisionAction action, bool spotCheckOpen, string type, string state)
    {
        var e = Assert.Throws<RegulatorException>(() => Supervision.Next(from, action, spotCheckOpen));

        Assert.Equal(RegulatorErrorCode.ServiceStandingForbids, e.Code);
        var violation = Assert.Single(e.PreconditionViolations);
        Assert.Equal((type, state), (violation.Type, violation.Subject));
        Assert.Contains(state, violation.En);
        Assert.Contains(state, violation.Zh);
    }

    [Fact]
    public void Every_action_from_every_standing_is_either_allowed_or_refused_with_the_standing_named()
    {
        foreach (var from in Enum.GetValues<ServiceStanding>().Where(s => s != ServiceStanding.Unspecified))
        {
            foreach (var action in Enum.GetValues<SupervisionAction>().Where(a => a != SupervisionAction.Unspecified))
            {
                foreach (var open in new[] { false, true })
                {
                    try
                    {
                        Assert.NotEqual(ServiceStanding.Unspecified, Supervision.Next(from, action, open));
                        Assert.False(from.IsFinal());
                    }
                    catch (RegulatorException e)
                    {
                        Assert.Equal(RegulatorErrorCode.ServiceStandingForbids, e.Code);
                        Assert.NotEmpty(Assert.Single(e.PreconditionViolations).Subject);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_restriction_is_kept_with_its_reason_and_lifted_back_to_filed()
    {
        var (subject, website, app) = Filed();

        var restricted = subject.Restrict(website, Complaint, Now);

        Assert.Equal(ServiceStanding.Restricted, restricted.Standing);
        Assert.Equal(new Restriction(Now, Complaint), restricted.Restriction);
        Assert.Equal(ServiceStanding.Filed, subject.FindService(app)!.Standing);
        var again = Assert.Throws<RegulatorException>(() => subject.Restrict(website, Complaint, Now.AddHours(1)));
        Assert.Equal("SERVICE_STANDING_RESTRICTED", again.PreconditionViolations[0].Subject);

        var lifted = subject.LiftRestriction(website, Now.AddDays(1));

        Assert.Equal(ServiceStanding.Filed, lifted.Standing);
        Assert.Null(lifted.Restriction);
        Assert.Equal(Now.AddDays(1), subject.UpdatedAt);
    }

    [Fact]
    public void A_revoked_service_leaves_the_registry_and_its_number_is_never_issued_again()
    {
        var (subject, website, app) = Filed();
        subject.Restrict(website, Complaint, Now);

        var revoked = subject.Revoke(website, Now.AddDays(2));
        var next = subject.AddService(Samples.Website("example.com"), "provider-a", Now.AddDays(3));

        Assert.Equal(website, revoked.Number);
        Assert.Null(subject.FindService(website));
        Assert.NotNull(subject.FindService(app));
        Assert.Equal(3, next.Sequence);
        Assert.NotEqual(website, next.Number);
        var gone = Assert.Throws<RegulatorException>(() => subject.Revoke(website, Now.AddDays(4)));
        Assert.Equal(RegulatorErrorCode.ServiceNotFound, gone.Code);
    }

    [Fact]
    public void A_spot_check_opens_once_with_its_deadline_and_closes()
    {
        var (subject, website, _) = Filed();

        var checkedService = subject.OpenSpotCheck(website, FalseData, Now.AddDays(10), Now);

        Assert.Equal(new SpotCheck(Now, Now.AddDays(10), FalseData), checkedService.SpotCheck);
        Assert.Equal(ServiceStanding.Filed, checkedService.Standing);
        var twice = Assert.Throws<RegulatorException>(() => subject.OpenSpotCheck(website, FalseData, Now.AddDays(20), Now));
        Assert.Equal(("SPOT_CHECK", "OPEN"), (twice.PreconditionViolations[0].Type, twice.PreconditionViolations[0].Subject));

        Assert.Null(subject.CloseSpotCheck(website, Now.AddDays(1)).SpotCheck);
        Assert.Throws<RegulatorException>(() => subject.CloseSpotCheck(website, Now.AddDays(2)));
    }

    [Fact]
    public void A_service_left_without_providers_is_an_empty_shell_until_one_returns()
    {
        var (subject, website, _) = Filed();

        subject.RemoveAccess(website, "provider-a", Now);

        Assert.Equal(Now, subject.FindService(website)!.EmptySince);
        subject.AddAccess(website, "provider-c", Now.AddDays(1));
        Assert.Null(subject.FindService(website)!.EmptySince);
        var hosted = Assert.Throws<RegulatorException>(() => subject.CancelEmptyShell(website, Now.AddDays(2)));
        Assert.Equal(RegulatorErrorCode.NotAnEmptyShell, hosted.Code);
    }

    [Fact]
    public void An_empty_shell_is_cancelled_out_of_the_registry()
    {
        var (subject, website, app) = Filed();
        subject.RemoveAccess(website, "provider-a", Now);

        var cancelled = subject.CancelEmptyShell(website, Now.AddDays(30));

        Assert.Equal(website, cancelled.Number);
        Assert.Null(subject.FindService(website));
        Assert.Single(subject.Services, s => s.Number == app);
    }

    [Fact]
    public void No_provider_is_added_to_a_restricted_service_until_the_restriction_is_lifted()
    {
        var (subject, website, _) = Filed();
        subject.Restrict(website, Complaint, Now);

        var refused = Assert.Throws<RegulatorException>(() => subject.AddAccess(website, "provider-c", Now.AddDays(1)));

        Assert.Equal(RegulatorErrorCode.ServiceStandingForbids, refused.Code);
        Assert.Equal(["provider-a"], subject.FindService(website)!.AccessProviders);
        subject.LiftRestriction(website, Now.AddDays(2));
        subject.AddAccess(website, "provider-c", Now.AddDays(3));
        Assert.Equal(["provider-a", "provider-c"], subject.FindService(website)!.AccessProviders);
    }

    [Fact]
    public void An_empty_shell_cancellation_put_off_is_due_when_deferred_to_and_forgotten_once_a_provider_takes_it_on()
    {
        var grace = TimeSpan.FromDays(30);
        var (subject, website, _) = Filed();
        subject.RemoveAccess(website, "provider-a", Now);
        Assert.Equal(Now + grace, Assert.Single(subject.Deadlines(grace)).DueAt);

        subject.DeferEmptyShellCancellation(website, Now + grace + TimeSpan.FromDays(1), Now + grace);

        Assert.Equal(Now + grace + TimeSpan.FromDays(1), Assert.Single(subject.Deadlines(grace)).DueAt);
        subject.AddAccess(website, "provider-c", Now + grace);
        Assert.Empty(subject.Deadlines(grace));
        subject.RemoveAccess(website, "provider-c", Now + grace + grace);
        Assert.Equal(Now + grace + grace + grace, Assert.Single(subject.Deadlines(grace)).DueAt);
    }

    [Fact]
    public void Only_the_last_provider_leaving_starts_the_empty_shell_clock()
    {
        var (subject, website, _) = Filed();
        subject.AddAccess(website, "provider-c", Now);

        subject.RemoveAccess(website, "provider-a", Now.AddDays(1));

        Assert.Null(subject.FindService(website)!.EmptySince);
        subject.RemoveAccess(website, "provider-c", Now.AddDays(2));
        Assert.Equal(Now.AddDays(2), subject.FindService(website)!.EmptySince);
    }
}
