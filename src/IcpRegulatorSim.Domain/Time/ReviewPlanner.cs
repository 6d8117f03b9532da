using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Time;

/// <summary>
/// How long the administration takes over an order. The draw derives from the world's seed and the order id,
/// so a world replays the same review times.
/// </summary>
public sealed class ReviewPlanner(
    WorkingCalendar calendar, ReviewRules rules, long worldSeed, IReadOnlyDictionary<string, DayOfWeek>? cancellationBatchDays = null)
{
    public static ReviewPlanner For(RuleBook rules, long worldSeed) =>
        new(rules.Calendar, rules.Review, worldSeed,
            rules.Provinces.Where(p => p.CancellationBatchDay is not null).ToDictionary(p => p.Id, p => p.CancellationBatchDay!.Value));

    /// <summary>
    /// When the administration decides the order. Provinces that batch cancellations (Hunan: Fridays) decide
    /// CANCEL orders only on their batch day: the first one on or after the drawn date.
    /// </summary>
    /// <param name="workingDays">A fixed review time instead of the drawn one (a sandbox scenario).</param>
    public DateTimeOffset DueAt(string orderId, FilingType type, string province, DateTimeOffset underReviewSince, int? workingDays = null)
    {
        var due = workingDays is { } days ? calendar.AddWorkingDays(underReviewSince, days) : DueAt(orderId, underReviewSince);
        return type.IsCancel() && BatchDayOf(province) is { } day ? calendar.NextWorkingWeekday(due, day) : due;
    }

    public DayOfWeek? BatchDayOf(string province) =>
        cancellationBatchDays is not null && cancellationBatchDays.TryGetValue(province, out var day) ? day : null;

    public int WorkingDaysFor(string orderId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{worldSeed}:review:{orderId}"));
        var u = (BitConverter.ToUInt64(digest, 0) >> 11) * (1.0 / (1UL << 53));
        // Skewed towards short reviews: a smooth case takes about four working days, a few take the full twenty.
        var span = rules.MaxWorkingDays - rules.MinWorkingDays + 1;
        return rules.MinWorkingDays + Math.Min(span - 1, (int)(u * u * u * span));
    }

    public DateTimeOffset DueAt(string orderId, DateTimeOffset underReviewSince) =>
        calendar.AddWorkingDays(underReviewSince, WorkingDaysFor(orderId));
}
