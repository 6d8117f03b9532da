namespace IcpRegulatorSim.Domain.Time;

/// <summary>
/// Working days as the administrations count them: Monday to Friday, minus public holidays, plus the
/// weekend days the State Council declares make-up working days (调休上班).
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkingDays)
{
    private readonly HashSet<DateOnly> holidays = [.. holidays];
    private readonly HashSet<DateOnly> makeUpWorkingDays = [.. makeUpWorkingDays];

    public static WorkingCalendar WeekdaysOnly { get; } = new([], []);

    public bool IsWorkingDay(DateOnly date) =>
        makeUpWorkingDays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date));

    /// <summary>
    /// The instant <paramref name="days"/> working days after <paramref name="start"/>, at the same Beijing time of day.
    /// A start on a non-working day counts from the next working day.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = start.ToBeijing();
        var date = DateOnly.FromDateTime(local.DateTime);
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }
        return new DateTimeOffset(date.ToDateTime(TimeOnly.FromDateTime(local.DateTime)), BeijingTime.Offset).ToUniversalTime();
    }

    /// <summary>The first instant, at or after <paramref name="start"/>, that falls on the given weekday (Beijing time) and is a working day.</summary>
    public DateTimeOffset NextWorkingWeekday(DateTimeOffset start, DayOfWeek weekday)
    {
        var date = BeijingTime.DateOf(start);
        while (date.DayOfWeek != weekday || !IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }
        return date == BeijingTime.DateOf(start) ? start : BeijingTime.StartOf(date).AddHours(9).ToUniversalTime();
    }
}
