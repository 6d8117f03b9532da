using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class ReviewPlannerTests
{
    private static readonly ReviewRules ThreeToTwenty = new(3, 20, TimeSpan.FromDays(1));

    private static IReadOnlyList<int> DaysFor(long seed, int orders)
    {
        var planner = new ReviewPlanner(WorkingCalendar.WeekdaysOnly, ThreeToTwenty, seed);
        return Enumerable.Range(0, orders).Select(i => planner.WorkingDaysFor($"order-{i}")).ToList();
    }

    [Fact]
    public void Review_rules_in_the_data_are_3_to_20_working_days() =>
        Assert.Equal(ThreeToTwenty, TestRules.Load().Review);

    [Fact]
    public void Review_always_takes_3_to_20_working_days()
    {
        var days = DaysFor(seed: 7, orders: 1000);

        Assert.All(days, d => Assert.InRange(d, 3, 20));
        // Both ends of the range are actually drawn.
        Assert.Equal(3, days.Min());
        Assert.Equal(20, days.Max());
    }

    [Fact]
    public void Same_seed_and_order_give_the_same_review_time()
    {
        var first = new ReviewPlanner(WorkingCalendar.WeekdaysOnly, ThreeToTwenty, 12345);
        var second = new ReviewPlanner(WorkingCalendar.WeekdaysOnly, ThreeToTwenty, 12345);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(first.WorkingDaysFor($"order-{i}"), second.WorkingDaysFor($"order-{i}"));
        }
        Assert.Equal(
            first.DueAt("order-7", Samples.MondayMorning),
            second.DueAt("order-7", Samples.MondayMorning));
    }

    [Fact]
    public void Different_seeds_spread_the_same_orders_differently() =>
        Assert.NotEqual(DaysFor(seed: 1, orders: 100), DaysFor(seed: 2, orders: 100));

    [Fact]
    public void Different_orders_of_one_world_get_different_review_times() =>
        Assert.True(DaysFor(seed: 1, orders: 100).Distinct().Count() > 5);

    [Fact]
    public void Reviews_are_skewed_towards_short()
    {
        var days = DaysFor(seed: 2025, orders: 1000).Order().ToList();
        var mostCommon = days.GroupBy(d => d).MaxBy(g => g.Count())!.Key;

        // A smooth case takes about four working days; the long tail reaches twenty.
        Assert.True(days[days.Count / 2] <= 7, $"median was {days[days.Count / 2]}");
        Assert.Equal(3, mostCommon);
        Assert.True(days.Count(d => d <= 5) > days.Count(d => d > 5), "most reviews should take five working days or fewer");
    }

    [Fact]
    public void Due_time_is_the_drawn_number_of_working_days_after_the_start()
    {
        var calendar = TestRules.Load().Calendar;
        var planner = new ReviewPlanner(calendar, ThreeToTwenty, 99);
        var start = Samples.MondayMorning;

        Assert.Equal(calendar.AddWorkingDays(start, planner.WorkingDaysFor("order-x")), planner.DueAt("order-x", start));
    }
}
