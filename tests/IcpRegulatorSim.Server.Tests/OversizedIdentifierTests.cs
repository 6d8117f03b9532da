using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// An identifier of a megabyte names nothing, and is refused as invalid before anything looks it up: a NOT_FOUND that
/// quoted it would carry it three times over in its trailers (message, details, Chinese text), far past the 64 KB of
/// headers a .NET client accepts, and the client would drop the whole connection, failing every call on it.
/// </summary>
public sealed class OversizedIdentifierTests : ServerTest
{
    private static readonly string Huge = "ord-" + new string('9', 1 << 20);

    private ProviderGatewayClient OneAttempt => Server.Gateway(new GatewayOptions { MaxAttempts = 1 });

    [Fact]
    public async Task Getting_an_order_by_an_id_of_a_megabyte_is_invalid() =>
        await AssertInvalidAsync(() => OneAttempt.GetFilingAsync(Huge));

    [Fact]
    public async Task Withdrawing_an_order_by_an_id_of_a_megabyte_is_invalid() =>
        await AssertInvalidAsync(() => OneAttempt.WithdrawAsync(Huge));

    [Fact]
    public async Task Approving_an_order_by_an_id_of_a_megabyte_is_invalid() =>
        await AssertInvalidAsync(() => OneAttempt.ApproveAsync(Huge));

    [Fact]
    public async Task Deleting_a_world_by_an_id_of_a_megabyte_is_invalid() =>
        await AssertInvalidAsync(() => OneAttempt.DeleteWorldAsync(new string('w', 1 << 20)));

    private static async Task AssertInvalidAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<RegulatorCallException>(call);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.True(e.Inner.Status.Detail.Length < 1000, $"The answer quoted {e.Inner.Status.Detail.Length:N0} characters.");
    }
}
