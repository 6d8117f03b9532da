using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class FiledSubjectTests
{
    /// <summary>Monday 2025-03-03 15:30 UTC is 23:30 in Beijing: the next Beijing midnight is half an hour away.</summary>
    private static readonly DateTimeOffset LateEvening = new(2025, 3, 3, 15, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextBeijingMidnight = new(2025, 3, 3, 16, 0, 0, TimeSpan.Zero);

    private static PasswordRules Rules => TestRules.Load().Passwords;

    private static FiledSubject NewSubject() =>
        FiledSubject.Create("浙ICP备2025000001号", Samples.Company(), "hash-1", Samples.MondayMorning);

    private static void Fail(FiledSubject subject, int times, DateTimeOffset at)
    {
        for (var i = 0; i < times; i++)
        {
            subject.RecordPasswordCheck(false, at, Rules);
        }
    }

    [Fact]
    public void Password_rules_in_the_data_allow_five_checks_of_ten_character_passwords() =>
        Assert.Equal(new PasswordRules(5, 10), Rules);

    [Fact]
    public void Four_failed_checks_leave_one_more()
    {
        var subject = NewSubject();

        Fail(subject, 4, LateEvening);

        Assert.False(subject.PasswordChecksLocked(LateEvening));
        Assert.Equal(1, subject.RemainingPasswordChecks(Rules));
    }

    [Fact]
    public void Fifth_failed_check_locks_until_the_next_Beijing_midnight()
    {
        var subject = NewSubject();

        Fail(subject, 5, LateEvening);

        Assert.Equal(NextBeijingMidnight, subject.PasswordLockedUntil);
        Assert.Equal(0, subject.RemainingPasswordChecks(Rules));
        Assert.True(subject.PasswordChecksLocked(LateEvening));
        Assert.True(subject.PasswordChecksLocked(NextBeijingMidnight.AddSeconds(-1)));
        Assert.False(subject.PasswordChecksLocked(NextBeijingMidnight));
    }

    [Fact]
    public void Lock_counts_the_Beijing_day_not_the_UTC_day()
    {
        // 00:30 on Tuesday in Beijing is still Monday in UTC; the lock runs to Wednesday 00:00 Beijing.
        var subject = NewSubject();
        var justAfterMidnight = new DateTimeOffset(2025, 3, 3, 16, 30, 0, TimeSpan.Zero);

        Fail(subject, 5, justAfterMidnight);

        Assert.Equal(new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.FromHours(8)), subject.PasswordLockedUntil);
    }

    [Fact]
    public void Successful_check_resets_the_count_of_failures()
    {
        var subject = NewSubject();
        Fail(subject, 4, LateEvening);

        subject.RecordPasswordCheck(true, LateEvening, Rules);
        Fail(subject, 4, LateEvening);

        Assert.False(subject.PasswordChecksLocked(LateEvening));
        Assert.Equal(4, subject.FailedPasswordChecks);
    }

    [Fact]
    public void After_the_lock_expires_failures_count_from_one_again()
    {
        var subject = NewSubject();
        Fail(subject, 5, LateEvening);

        subject.RecordPasswordCheck(false, NextBeijingMidnight.AddHours(9), Rules);

        Assert.Equal(1, subject.FailedPasswordChecks);
        Assert.Null(subject.PasswordLockedUntil);
        Assert.False(subject.PasswordChecksLocked(NextBeijingMidnight.AddHours(9)));
    }

    [Fact]
    public void Reset_password_unlocks_the_checks()
    {
        var subject = NewSubject();
        Fail(subject, 5, LateEvening);

        subject.ResetPassword("hash-2", LateEvening.AddMinutes(5));

        Assert.False(subject.PasswordChecksLocked(LateEvening.AddMinutes(5)));
        Assert.Null(subject.PasswordLockedUntil);
        Assert.Equal(0, subject.FailedPasswordChecks);
        Assert.Equal(Rules.MaxFailedChecks, subject.RemainingPasswordChecks(Rules));
        Assert.Equal("hash-2", subject.PasswordHash);
        Assert.Equal(LateEvening.AddMinutes(5), subject.UpdatedAt);
    }

    [Fact]
    public void Service_numbers_count_on_and_apps_carry_A()
    {
        var subject = NewSubject();

        var website = subject.AddService(Samples.Website(), "provider-a", Samples.MondayMorning);
        var app = subject.AddService(Samples.App(), "provider-b", Samples.MondayMorning);

        Assert.Equal("浙ICP备2025000001号-1", website.Number);
        Assert.Equal("浙ICP备2025000001号-2A", app.Number);
        Assert.Equal(["provider-b"], app.AccessProviders);
        Assert.Equal(ServiceKind.App, app.Service.Kind);
    }
}
