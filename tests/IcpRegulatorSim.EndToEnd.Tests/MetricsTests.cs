using System.Globalization;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// /metrics (Prometheus): the regulator's own counters move by what an exchange did, and no further. OpenTelemetry
/// listens to meters by name, across the process: this class runs alone, so that no other test's server counts with it.
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed partial class MetricsTests : ServerTest
{
    [Fact]
    public async Task An_exchange_moves_the_counters_by_what_it_did()
    {
        using var http = new HttpClient { BaseAddress = Server.WebAddress };
        var before = await ScrapeAsync(http);

        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(filing)).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var leader = filing.Subject.Leader;
        var administrator = filing.Services[0].Administrator;
        Assert.Equal(ValidateOutcome.Failed, (await Gateway.ValidateCodeAsync(leader.Mobile, leader.CertificateNumber[^6..],
            Phone.WrongCode(await Gateway.LatestCodeAsync(leader.Mobile)))).Outcome);
        Assert.Equal(ResendOutcome.Resent, (await Gateway.ResendCodeAsync(leader.Mobile, leader.CertificateNumber[^6..])).Outcome);
        await Gateway.ValidateCodeAsync(leader.Mobile, leader.CertificateNumber[^6..], await Gateway.LatestCodeAsync(leader.Mobile));
        await Gateway.ValidateCodeAsync(administrator.Mobile, administrator.CertificateNumber[^6..], await Gateway.LatestCodeAsync(administrator.Mobile));
        await Gateway.ApproveAsync(order.OrderId);
        await Assert.ThrowsAnyAsync<RegulatorCallException>(() => Gateway.GetFilingAsync("ord-99999999"));

        var after = await ScrapeAsync(http);
        double Moved(string series) => after.GetValueOrDefault(series) - before.GetValueOrDefault(series);
        Assert.Equal(1, Moved("icp_orders_submitted_total{type=\"initial\"}"));
        Assert.Equal(1, Moved("icp_orders_decided_total{type=\"initial\",outcome=\"approved\"}"));
        Assert.Equal(1, Moved("icp_sms_validations_total{outcome=\"failed\"}"));
        Assert.Equal(1, Moved("icp_sms_validations_total{outcome=\"waiting_for_others\"}"));
        Assert.Equal(1, Moved("icp_sms_validations_total{outcome=\"complete\"}"));
        Assert.Equal(1, Moved("icp_sms_resends_total{outcome=\"resent\"}"));
        // Two codes, one resent code, and the approval to the leader: four SMS; the approval email.
        Assert.Equal(4, Moved("icp_messages_sent_total{channel=\"sms\"}"));
        Assert.Equal(1, Moved("icp_messages_sent_total{channel=\"email\"}"));
        Assert.True(Moved("icp_writer_batch_size_count") >= 7);
        // The codes were sent by a deadline, applied by the advance at its own instant: no lag.
        Assert.True(Moved("icp_deadlines_lag_seconds_count") >= 1);
        Assert.Equal(Moved("icp_deadlines_lag_seconds_count"), Moved("icp_deadlines_lag_seconds_bucket{le=\"0\"}"));
        Assert.True(after.ContainsKey("icp_writer_queue_depth"));
        // What the writer asked of its database: at least a statement a batch, the rows of an order and more; round
        // trips to PostgreSQL, none to SQLite, a library in the process, whose commits wrote pages to its WAL instead.
        Assert.True(Moved("icp_writer_statements_total") >= Moved("icp_writer_batch_size_count"));
        Assert.True(Moved("icp_writer_rows_total") >= 10);
        if (TestStore.Postgres)
        {
            Assert.True(Moved("icp_writer_round_trips_total") >= Moved("icp_writer_batch_size_count"));
            Assert.Equal(0, Moved("icp_writer_pages_total"));
        }
        else
        {
            Assert.Equal(0, Moved("icp_writer_round_trips_total"));
            Assert.True(Moved("icp_writer_pages_total") >= Moved("icp_writer_batch_size_count"));
        }
        // ASP.NET Core's request metrics: gRPC calls among them, by method and status.
        double Calls(string method, int status) => after.Where(p => IsCall(p.Key, method, status)).Sum(p => p.Value)
                                                   - before.Where(p => IsCall(p.Key, method, status)).Sum(p => p.Value);
        Assert.Equal(1, Calls("FilingService/SubmitFiling", 0));
        Assert.Equal(1, Calls("ReviewService/ApproveFiling", 0));
        Assert.Equal(1, Calls("FilingService/GetFiling", 5));
        Assert.Equal(0, Calls("FilingService/GetFiling", 0));
    }

    private static bool IsCall(string series, string method, int status) =>
        series.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
        && series.Contains($"http_route=\"/icp.regulator.v1.{method}\"", StringComparison.Ordinal)
        && series.Contains($"rpc_grpc_status_code=\"{status}\"", StringComparison.Ordinal);

    /// <summary>A series as <c>name{label="value",…}</c>, its labels in the order written here, the scope's left out.</summary>
    private static string Series(string sample)
    {
        var brace = sample.IndexOf('{');
        if (brace < 0)
        {
            return sample;
        }
        var labels = Label().Matches(sample[brace..]).Select(m => m.Value).Where(l => !l.StartsWith("otel_scope_", StringComparison.Ordinal)).ToList();
        var order = new[] { "type", "outcome", "channel" };
        labels.Sort((a, b) => Rank(a).CompareTo(Rank(b)));
        return labels.Count == 0 ? sample[..brace] : $"{sample[..brace]}{{{string.Join(",", labels)}}}";

        int Rank(string label) => Array.FindIndex(order, l => label.StartsWith(l + "=", StringComparison.Ordinal)) is var i and >= 0 ? i : order.Length;
    }

    [System.Text.RegularExpressions.GeneratedRegex("[a-z_]+=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex Label();

    /// <summary>Each sample of the scrape by its name and labels (the scope label left out), with its value.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && l[0] != '#'))
        {
            var space = line.LastIndexOf(' ');
            var series = Series(line[..space]);
            if (double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples[series] = samples.GetValueOrDefault(series) + value;
            }
        }
        return samples;
    }
}

[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;
