using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Weekly cancellation batches: Hunan's administration decides cancellation orders on Fridays only (provinces.json),
/// whoever decides them; other administrations decide them on any working day.
/// </summary>
public sealed class CancellationBatchTests : ServerTest
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_hunan_cancellation_is_due_on_a_friday_and_staff_cannot_decide_it_on_a_monday()
    {
        // The INITIAL filing itself is approved on the Monday: only cancellations wait for the batch.
        var filed = await FileWithTwoWebsitesAsync("hunan");
        var order = await CancelSecondWebsiteAsync(filed);

        var review = Assert.Single((await Gateway.ListPendingReviewsAsync(province: "hunan")).Reviews);
        var due = review.DueAt.ToDateTimeOffset().ToOffset(Beijing);
        Assert.Equal(DayOfWeek.Friday, due.DayOfWeek);
        Assert.Equal(DayOfWeek.Monday, (await Gateway.GetClockAsync()).Now.ToDateTimeOffset().ToOffset(Beijing).DayOfWeek);

        var approve = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.ApproveAsync(order.OrderId));
        Assert.Equal("CANCELLATION_BATCH_DAY", approve.Reason);
        Assert.Equal("FRIDAY", Assert.Single(approve.PreconditionProblems).Subject);
        var reject = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.RejectAsync(order.OrderId, "资料不全"));
        Assert.Equal("CANCELLATION_BATCH_DAY", reject.Reason);
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task The_hunan_administration_decides_a_cancellation_when_the_clock_reaches_the_due_friday()
    {
        var filed = await FileWithTwoWebsitesAsync("hunan");
        var order = await CancelSecondWebsiteAsync(filed);
        var due = Assert.Single((await Gateway.ListPendingReviewsAsync(province: "hunan")).Reviews).DueAt.ToDateTimeOffset();

        await Gateway.AdvanceClockToAsync(due.AddSeconds(-1));
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        await Gateway.AdvanceClockToAsync(due);

        var decided = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Approved, decided.Status);
        Assert.Equal(DayOfWeek.Friday, decided.Decision.DecidedAt.ToDateTimeOffset().ToOffset(Beijing).DayOfWeek);
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
    }

    [Fact]
    public async Task Hunan_staff_may_decide_a_cancellation_on_a_friday_before_it_is_due()
    {
        var filed = await FileWithTwoWebsitesAsync("hunan");
        var order = await CancelSecondWebsiteAsync(filed);

        // The first Friday, before 09:00: no review drawn from a Monday is due before then.
        await Gateway.AdvanceClockToAsync(new DateTimeOffset(2026, 3, 6, 8, 30, 0, Beijing));
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        Assert.Equal(OrderStatus.Approved, (await Gateway.ApproveAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task A_zhejiang_cancellation_can_be_decided_on_any_working_day()
    {
        var filed = await FileWithTwoWebsitesAsync("zhejiang");
        var order = await CancelSecondWebsiteAsync(filed);

        Assert.Equal(DayOfWeek.Monday, (await Gateway.GetClockAsync()).Now.ToDateTimeOffset().ToOffset(Beijing).DayOfWeek);
        Assert.Equal(OrderStatus.Approved, (await Gateway.ApproveAsync(order.OrderId)).Status);
        Assert.Empty((await Gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
    }

    [Fact]
    public async Task The_batch_day_is_published_with_the_provinces()
    {
        var provinces = (await Gateway.GetCodeTablesAsync()).Provinces.ToDictionary(p => p.Id);
        Assert.Equal("FRIDAY", provinces["hunan"].CancellationBatchDay);
        Assert.Equal("", provinces["zhejiang"].CancellationBatchDay);
    }

    private async Task<Filed> FileWithTwoWebsitesAsync(string province)
    {
        var filing = Samples.Company(province);
        filing.Services.Add(Samples.Company(province).Services[0]);
        return await Gateway.FileInitialAsync(filing);
    }

    /// <summary>Cancels the second website and has its administrator validate: the order is then under review.</summary>
    private async Task<FilingOrder> CancelSecondWebsiteAsync(Filed filed)
    {
        var order = (await Gateway.SubmitAsync(filed.CancelService(1))).Order;
        var validated = await Gateway.ValidateAsAsync(order, filed.Administrator(1));
        Assert.Equal(OrderStatus.UnderReview, validated.Status);
        return validated;
    }
}
