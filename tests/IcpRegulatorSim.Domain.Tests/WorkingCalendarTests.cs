using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class WorkingCalendarTests
{
    private static DateTimeOffset Beijing(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, BeijingTime.Offset);

    [Fact]
    public void Weekend_days_are_not_working_days()
    {
        var calendar = WorkingCalendar.WeekdaysOnly;

        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 3, 7))); // Friday
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 3, 8))); // Saturday
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 3, 9))); // Sunday
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 3, 10))); // Monday
    }

    [Fact]
    public void Adding_a_working_day_to_a_Friday_skips_the_weekend() =>
        Assert.Equal(Beijing(2025, 3, 10, 10), WorkingCalendar.WeekdaysOnly.AddWorkingDays(Beijing(2025, 3, 7, 10), 1));

    [Fact]
    public void Five_working_days_from_a_Monday_end_on_the_next_Monday() =>
        Assert.Equal(Beijing(2025, 3, 10, 10), WorkingCalendar.WeekdaysOnly.AddWorkingDays(Beijing(2025, 3, 3, 10), 5));

    [Fact]
    public void Zero_working_days_is_the_start_itself() =>
        Assert.Equal(Beijing(2025, 3, 4, 15), WorkingCalendar.WeekdaysOnly.AddWorkingDays(Beijing(2025, 3, 4, 15), 0));

    [Fact]
    public void Negative_working_days_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingCalendar.WeekdaysOnly.AddWorkingDays(Beijing(2025, 3, 4, 15), -1));

    [Fact]
    public void Public_holidays_from_the_rules_are_skipped()
    {
        var calendar = TestRules.Load().Calendar;

        // National Day 2025: 1–8 October are holidays; Thursday 9 October is the first working day after them.
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 8)));
        Assert.Equal(Beijing(2025, 10, 9, 10), calendar.AddWorkingDays(Beijing(2025, 9, 30, 10), 1));
    }

    [Fact]
    public void A_weekday_holiday_is_skipped_even_without_the_rules() =>
        Assert.Equal(
            Beijing(2025, 3, 6, 10),
            new WorkingCalendar([new DateOnly(2025, 3, 5)], []).AddWorkingDays(Beijing(2025, 3, 4, 10), 1));

    [Fact]
    public void Make_up_working_days_are_counted()
    {
        var calendar = TestRules.Load().Calendar;

        // Sunday 28 September and Saturday 11 October 2025 are 调休上班 days around National Day.
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 9, 28)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 10, 11)));
        Assert.Equal(Beijing(2025, 9, 28, 10), calendar.AddWorkingDays(Beijing(2025, 9, 26, 10), 1));
        Assert.Equal(Beijing(2025, 10, 11, 10), calendar.AddWorkingDays(Beijing(2025, 10, 10, 10), 1));
    }

    [Fact]
    public void Adding_working_days_keeps_the_Beijing_time_of_day()
    {
        // 01:30 on Friday in Beijing is still Thursday in UTC: the day counted must be the Beijing one.
        var start = Beijing(2025, 3, 7, 1, 30);

        var due = WorkingCalendar.WeekdaysOnly.AddWorkingDays(start, 1);

        Assert.Equal(Beijing(2025, 3, 10, 1, 30), due);
        Assert.Equal(new TimeOnly(1, 30), TimeOnly.FromDateTime(due.ToBeijing().DateTime));
    }

    [Fact]
    public void Late_evening_start_keeps_its_time_across_the_UTC_date_line() =>
        Assert.Equal(
            Beijing(2025, 3, 7, 23, 30),
            WorkingCalendar.WeekdaysOnly.AddWorkingDays(Beijing(2025, 3, 6, 23, 30), 1));

    [Fact]
    public void Start_on_Saturday_counts_from_Monday()
    {
        // Nothing is reviewed at the weekend: an order that arrives on Saturday is where one arriving on Monday is.
        var calendar = WorkingCalendar.WeekdaysOnly;

        var fromSaturday = calendar.AddWorkingDays(Beijing(2025, 3, 8, 10), 3);
        var fromMonday = calendar.AddWorkingDays(Beijing(2025, 3, 10, 10), 3);

        Assert.Equal(fromMonday, fromSaturday);
    }

    [Fact]
    public void Next_working_Friday_from_a_Wednesday_is_that_Friday_at_nine()
    {
        var due = WorkingCalendar.WeekdaysOnly.NextWorkingWeekday(Beijing(2025, 3, 5, 14), DayOfWeek.Friday);

        Assert.Equal(Beijing(2025, 3, 7, 9), due);
    }

    [Fact]
    public void Next_working_Friday_from_a_Friday_is_the_start_itself()
    {
        var start = Beijing(2025, 3, 7, 14);

        Assert.Equal(start, WorkingCalendar.WeekdaysOnly.NextWorkingWeekday(start, DayOfWeek.Friday));
    }

    [Fact]
    public void Next_working_Friday_skips_a_Friday_that_is_a_holiday()
    {
        // Friday 3 October 2025 is National Day; the batch moves to Friday 10 October.
        var due = TestRules.Load().Calendar.NextWorkingWeekday(Beijing(2025, 10, 1, 9), DayOfWeek.Friday);

        Assert.Equal(Beijing(2025, 10, 10, 9), due);
    }

    [Fact]
    public void Next_working_weekday_uses_the_Beijing_date()
    {
        // Thursday 17:00 UTC is already Friday 01:00 in Beijing: it is on the Friday, so it is the start itself.
        var start = new DateTimeOffset(2025, 3, 6, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(start, WorkingCalendar.WeekdaysOnly.NextWorkingWeekday(start, DayOfWeek.Friday));
    }
}
