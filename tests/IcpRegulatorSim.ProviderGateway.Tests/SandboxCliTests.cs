using System.Text.RegularExpressions;
using Google.Protobuf;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// The streams (<c>watch</c>, <c>messages --follow</c>) and the sandbox controls (<c>clock rate</c>, <c>world</c>,
/// <c>key</c>, <c>faults</c>) against the real simulator. Each test has its own server; the followers stop with
/// <c>--count</c>, as a script would.
/// </summary>
[Collection(CliRun.Collection)]
public sealed partial class SandboxCliTests : CliServerTest
{
    [Fact]
    public async Task Watch_prints_one_line_per_event_with_its_sequence_time_order_kind_status_and_mobile()
    {
        var id = await SubmitCompanySampleAsync();
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));

        var run = await Cli("watch", "--count", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                $"#1 2026-03-02 09:00:00  {id}  SUBMITTED     AWAITING_SMS_VALIDATION",
                $"#2 2026-03-02 09:05:00  {id}  CODE_SENT     AWAITING_SMS_VALIDATION  mobile {LeaderMobile}",
                $"#3 2026-03-02 09:05:00  {id}  CODE_SENT     AWAITING_SMS_VALIDATION  mobile {AdminMobile}",
            ],
            Lines(run.Output));
    }

    [Fact]
    public async Task Watch_shows_the_numbers_an_approval_issued_and_the_reason_of_a_withdrawal()
    {
        var approved = await Gateway.FileAsync(Samples.Company());
        var withdrawn = (await Gateway.SubmitAsync(Samples.Individual())).Order;
        await Gateway.WithdrawAsync(withdrawn.OrderId);

        // SUBMITTED, 2 × CODE_SENT, 2 × VALIDATED, UNDER_REVIEW come first.
        var run = await Cli("watch", "--after", "6", "--count", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = Lines(run.Output);
        Assert.Equal(
            $"#7 2026-03-02 09:05:00  {approved.OrderId}  APPROVED      APPROVED  subject {approved.SubjectNumber}  services {approved.SubjectNumber}-1  REVIEW_APPROVED",
            lines[0]);
        Assert.StartsWith($"#8 2026-03-02 09:05:00  {withdrawn.OrderId}  SUBMITTED", lines[1]);
        Assert.Equal(
            $"#9 2026-03-02 09:05:00  {withdrawn.OrderId}  WITHDRAWN     WITHDRAWN  WITHDRAWN_BY_PROVIDER: 接入商已撤回该备案申请。 / Withdrawn by the access provider.",
            lines[2]);
    }

    [Fact]
    public async Task Watch_shows_the_administration_acting_on_a_filed_service_with_the_numbers_and_the_reason()
    {
        var approved = await Gateway.FileAsync(Samples.Company());
        var service = $"{approved.SubjectNumber}-1";
        await Gateway.RestrictServiceAsync(service, "COMPLAINT");
        await Gateway.LiftRestrictionAsync(service, "RESTRICTION_RESOLVED");

        // The order's seven events come first.
        var run = await Cli("watch", "--after", "7", "--count", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                $"#8 2026-03-02 09:05:00  administration  RESTRICTED  subject {approved.SubjectNumber}  services {service}  COMPLAINT: 网站或App被举报或投诉，经核实存在问题。 / The service was reported, and the complaint was found to be justified.",
                $"#9 2026-03-02 09:05:00  administration  RESTRICTION_LIFTED  subject {approved.SubjectNumber}  services {service}  RESTRICTION_RESOLVED: 限制接入的原因已消除。 / The reason for the restriction no longer applies.",
            ],
            Lines(run.Output));
    }

    [Fact]
    public async Task Status_shows_the_administrations_verification_call_ringing_then_answered()
    {
        var filing = Samples.Company();
        var leader = filing.Subject.Leader;
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "verification-call")).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        foreach (var person in new[] { leader, filing.Services[0].Administrator })
        {
            await Gateway.ValidateCodeAsync(person.Mobile, person.CertificateNumber[^6..], await Gateway.LatestCodeAsync(person.Mobile));
        }

        var ringing = await Cli("status", order.OrderId);
        await Gateway.AnswerCallAsync(leader.Mobile);
        var answered = await Cli("status", order.OrderId);

        Assert.Contains("call        the administration called the entity leader at 2026-03-02 09:05:00: ringing, to be answered by 2026-03-03 09:05:00",
            Lines(ringing.Output));
        Assert.Contains("call        the administration called the entity leader at 2026-03-02 09:05:00: answered at 2026-03-02 09:05:00",
            Lines(answered.Output));
    }

    [Fact]
    public async Task Watch_and_status_show_the_administrations_verification_call_going_unanswered_and_the_order_rejected()
    {
        var filing = Samples.Company();
        var leader = filing.Subject.Leader.Mobile;
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "verification-call")).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        foreach (var person in new[] { filing.Subject.Leader, filing.Services[0].Administrator })
        {
            await Gateway.ValidateCodeAsync(person.Mobile, person.CertificateNumber[^6..], await Gateway.LatestCodeAsync(person.Mobile));
        }
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(1));

        // SUBMITTED, 2 × CODE_SENT, 2 × VALIDATED, UNDER_REVIEW come first. The feed is read first with a bounded wait,
        // so that a feed short of three events fails the test rather than leave watch waiting.
        var feed = await Streams.TakeAsync(Gateway.WatchFilingsAsync(afterSequence: 6), 3);
        Assert.Equal(OrderEventKind.Rejected, feed[2].Kind);
        var watched = await Cli("watch", "--after", "6", "--count", "3");
        var status = await Cli("status", order.OrderId);

        Assert.True(watched.ExitCode == 0, watched.ToString());
        var lines = Lines(watched.Output);
        Assert.Equal(
            [
                $"#7 2026-03-02 09:05:00  {order.OrderId}  VERIFICATION_CALL_PLACED UNDER_REVIEW  mobile {leader}",
                $"#8 2026-03-03 09:05:00  {order.OrderId}  VERIFICATION_CALL_UNANSWERED UNDER_REVIEW  mobile {leader}",
            ],
            lines[..2]);
        Assert.StartsWith($"#9 2026-03-03 09:05:00  {order.OrderId}  REJECTED      REJECTED  LEADER_UNREACHABLE: 管局电话核验时无法联系到主体负责人", lines[2]);
        Assert.Contains("call        the administration called the entity leader at 2026-03-02 09:05:00: unanswered by 2026-03-03 09:05:00",
            Lines(status.Output));
    }

    [Fact]
    public async Task Watch_with_a_cursor_file_resumes_after_the_last_event_it_printed_without_loss_or_duplication()
    {
        var cursor = Path.Combine(Scratch.Path, "events.cursor");
        await SubmitCompanySampleAsync();
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));

        var first = await Cli("watch", "--cursor-file", cursor, "--count", "2");
        var storedAfterFirst = File.ReadAllText(cursor).Trim();
        var second = await Cli("watch", "--cursor-file", cursor, "--count", "1");
        // The next event happens while no watch runs; the restarted watch still gets it.
        await Gateway.ValidateCodeAsync(LeaderMobile, "071238", await Gateway.LatestCodeAsync(LeaderMobile));
        var third = await Cli("watch", "--cursor-file", cursor, "--count", "1", "--after", "0");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["#1", "#2"], Lines(first.Output).Select(Sequence));
        Assert.Equal("2", storedAfterFirst);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["#3"], Lines(second.Output).Select(Sequence));
        // The cursor wins over --after once it exists.
        Assert.True(third.ExitCode == 0, third.ToString());
        var line = Assert.Single(Lines(third.Output));
        Assert.StartsWith("#4 ", line);
        Assert.Contains($"VALIDATED     AWAITING_SMS_VALIDATION  mobile {LeaderMobile}", line);
        Assert.Equal("4", File.ReadAllText(cursor).Trim());
    }

    [Fact]
    public async Task Watch_follows_events_that_happen_after_it_started()
    {
        var watching = Cli("watch", "--count", "1");

        var id = (await Gateway.SubmitAsync(Samples.Company())).Order.OrderId;
        var run = await watching.Within("watch to print the submission");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"#1 2026-03-02 09:00:00  {id}  SUBMITTED", run.Output);
    }

    [Fact]
    public async Task Watch_with_json_prints_one_contract_json_event_per_line()
    {
        var id = await SubmitCompanySampleAsync();

        var run = await Cli("--json", "watch", "--count", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        var e = JsonParser.Default.Parse<OrderEvent>(Assert.Single(Lines(run.Output)));
        Assert.Equal((1L, id, OrderEventKind.Submitted), (e.Sequence, e.OrderId, e.Kind));
    }

    [Fact]
    public async Task A_cursor_file_that_holds_no_sequence_exits_2_naming_the_file()
    {
        var cursor = Scratch.Write("garbage.cursor", "not a number");

        var run = await Cli("watch", "--cursor-file", cursor, "--count", "1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error: {cursor}: not a cursor file", run.Error);
    }

    [Fact]
    public async Task Clock_rate_sets_how_fast_the_clock_runs_and_zero_freezes_it_again()
    {
        var running = await Cli("clock", "rate", "86400");
        var frozen = await Cli("clock", "rate", "0");
        var shown = await Cli("clock", "show");

        Assert.True(running.ExitCode == 0, running.ToString());
        Assert.Matches(@"^2026-03-0\dT[\d:.]+\+08:00 \(Beijing\)  .*  rate 86400x$", running.Output.TrimEnd());
        Assert.True(frozen.ExitCode == 0, frozen.ToString());
        Assert.EndsWith("frozen", frozen.Output.TrimEnd());
        Assert.Equal(frozen.Output, shown.Output);
        Assert.Equal(0, (await Gateway.GetClockAsync()).Rate);
    }

    [Fact]
    public async Task Clock_rate_out_of_range_is_refused_by_the_regulator_with_exit_1()
    {
        var run = await Cli("clock", "rate", "--", "-1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("rate: OUT_OF_RANGE", run.Error);
    }

    [Fact]
    public async Task Messages_follow_prints_the_outbox_after_a_sequence_and_stops_after_count()
    {
        await SubmitCompanySampleAsync();
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));

        var leader = await Cli("messages", "--follow", "--recipient", LeaderMobile, "--count", "1");
        var afterFirst = await Cli("messages", "--follow", "--after", "1", "--count", "1");

        Assert.True(leader.ExitCode == 0, leader.ToString());
        Assert.StartsWith($"#1 2026-03-02 09:05:00  SMS to {LeaderMobile} from 106575000130", leader.Output);
        Assert.Matches(@"Your ICP filing validation code is \d{6}\.", leader.Output);
        Assert.True(afterFirst.ExitCode == 0, afterFirst.ToString());
        Assert.StartsWith($"#2 2026-03-02 09:05:00  SMS to {AdminMobile} from 106598051001", afterFirst.Output);
    }

    [Fact]
    public async Task Messages_follow_waits_for_messages_sent_after_it_started()
    {
        await SubmitCompanySampleAsync();
        var following = Cli("messages", "-f", "--recipient", AdminMobile, "--count", "1");

        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var run = await following.Within("messages --follow to print the code");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"SMS to {AdminMobile}", run.Output);
        Assert.DoesNotContain(LeaderMobile, run.Output);
    }

    [Fact]
    public async Task World_create_list_and_delete()
    {
        var created = await Cli("world", "create", "cli-world", "--seed", "7", "--clock-start", "2026-05-06T10:00:00");
        var generated = await Cli("world", "create");
        var listed = await Cli("world", "list");
        var shown = await Cli("--world", "cli-world", "clock", "show");
        var deleted = await Cli("world", "delete", "cli-world");
        var after = await Cli("world", "list");
        var again = await Cli("world", "delete", "cli-world");

        Assert.True(created.ExitCode == 0, created.ToString());
        // Without an offset, the clock start is Beijing time.
        Assert.Equal("cli-world  seed 7  2026-05-06T10:00:00.000+08:00 (Beijing)  frozen", created.Output.TrimEnd());
        Assert.True(generated.ExitCode == 0, generated.ToString());
        var generatedId = generated.Output.Split(' ')[0];
        Assert.Matches("^[a-z0-9-]+$", generatedId);
        Assert.Equal(["cli-world", "default", generatedId], Lines(listed.Output).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.StartsWith("2026-05-06T10:00:00.000+08:00 (Beijing)  working day  frozen", shown.Output);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("deleted world cli-world", deleted.Output.TrimEnd());
        Assert.DoesNotContain("cli-world", after.Output);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.StartsWith("error: NotFound WORLD_NOT_FOUND", again.Error);
    }

    [Fact]
    public async Task A_key_created_in_a_world_files_there_and_the_default_world_does_not_see_it()
    {
        await Cli("world", "create", "acme-world");
        var issued = await Cli("--world", "acme-world", "key", "create", "--provider-id", "acme", "--name", "Acme Cloud", "--province", "zhejiang");
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var key = Lines(issued.Output)[0];
        Assert.Matches("^pk_[0-9a-f]{40}$", key);
        Assert.Equal("provider acme (Acme Cloud) in world acme-world, province zhejiang", Lines(issued.Output)[1]);

        var submitted = await Cli("--key", key, "submit", Repository.Sample(Repository.CompanySample));
        await Cli("--world", "acme-world", "clock", "advance", "5m");

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var listed = await Cli("--key", key, "list");
        Assert.Contains("杭州云栖示例科技有限公司", listed.Output);
        Assert.Contains($"SMS to {LeaderMobile}", (await Cli("--world", "acme-world", "messages")).Output);
        // The default world has none of it: no order, no message, and the same domains are free to file there.
        Assert.Equal("", (await Cli("list")).Output);
        Assert.Equal("", (await Cli("messages")).Output);
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        var here = await Cli("submit", Repository.Sample(Repository.CompanySample));
        Assert.True(here.ExitCode == 0, here.ToString());

        // Deleting the world takes its keys with it.
        await Cli("world", "delete", "acme-world");
        var orphan = await Cli("--key", key, "list");
        Assert.True(orphan.ExitCode == 1, orphan.ToString());
        Assert.StartsWith("error: Unauthenticated", orphan.Error);
    }

    [Fact]
    public async Task Faults_set_makes_a_submit_fail_unavailable_with_exit_1_until_faults_clear()
    {
        var set = await Cli("faults", "set", "FilingService/SubmitFiling", "unavailable", "1");
        var failed = await Cli("submit", Repository.Sample(Repository.CompanySample));
        var cleared = await Cli("faults", "clear");
        var submitted = await Cli("submit", Repository.Sample(Repository.CompanySample));

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("fault icp.regulator.v1.FilingService/SubmitFiling  UNAVAILABLE  probability 1", set.Output.TrimEnd());
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.StartsWith("error: Unavailable", failed.Error);
        Assert.Contains("Injected fault", failed.Error);
        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Equal("no faults injected", cleared.Output.TrimEnd());
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        // The injected failure happened before anything changed: one order, the second submission's.
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task Faults_set_latency_prints_its_delay_and_a_probability_above_1_is_refused_by_the_regulator()
    {
        var latency = await Cli("faults", "set", "*", "latency", "0.5", "--delay", "0.2s");
        var tooLikely = await Cli("faults", "set", "*", "unavailable", "2");

        Assert.True(latency.ExitCode == 0, latency.ToString());
        Assert.Equal("fault *  LATENCY  probability 0.5  delay 0.2s", latency.Output.TrimEnd());
        Assert.True(tooLikely.ExitCode == 1, tooLikely.ToString());
        Assert.Contains("faults[0].probability: OUT_OF_RANGE", tooLikely.Error);
    }


    private async Task<string> SubmitCompanySampleAsync()
    {
        var run = await Cli("submit", Repository.Sample(Repository.CompanySample));
        Assert.True(run.ExitCode == 0, run.ToString());
        return OrderId().Match(run.Output).Value;
    }

    private static string Sequence(string line) => line.Split(' ')[0];

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"ord-\d+")]
    private static partial Regex OrderId();
}
