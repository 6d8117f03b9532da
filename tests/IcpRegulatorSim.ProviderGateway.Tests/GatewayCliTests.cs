using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// <c>icp-gateway</c> against the real simulator, with the sandbox keys it uses by default. Each test has its own
/// server; the samples are the files in <c>samples/</c>, so what the README tells users to run is what runs here.
/// </summary>
[Collection(CliRun.Collection)]
public sealed partial class GatewayCliTests : CliServerTest
{
    [Fact]
    public async Task Submit_prints_the_order_id_and_that_it_awaits_sms_validation()
    {
        var run = await Cli("submit", Repository.Sample(Repository.CompanySample));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        var id = OrderIdIn(run.Output);
        Assert.StartsWith($"Order {id}  INITIAL  AWAITING_SMS_VALIDATION", run.Output);
        Assert.Contains("杭州云栖示例科技有限公司 (zhejiang), certificate 91330106MA2KEXAMP4", run.Output);
        Assert.Contains($"sms         {LeaderMobile} ENTITY_LEADER", run.Output);
        Assert.Contains($"sms         {AdminMobile} SERVICE_ADMINISTRATOR", run.Output);
        Assert.DoesNotContain("replayed", run.Output);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.GetFilingAsync(id)).Status);
    }

    [Fact]
    public async Task Submitting_again_with_the_same_idempotency_key_replays_the_first_order()
    {
        var file = Repository.Sample(Repository.IndividualSample);
        var first = await Cli("submit", file, "--idempotency-key", "retry-me");
        var second = await Cli("submit", file, "--idempotency-key", "retry-me");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(OrderIdIn(first.Output), OrderIdIn(second.Output));
        Assert.Contains("(replayed: this idempotency key was used before)", second.Output);
        Assert.Single((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task Status_shows_the_order_with_its_times_in_beijing_time()
    {
        var id = await SubmitCompanySampleAsync();

        var run = await Cli("status", id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"Order {id}  INITIAL  AWAITING_SMS_VALIDATION", run.Output);
        Assert.Contains("submitted   2026-03-02 09:00:00", run.Output);
        // The 24 hours of validity run from when the codes go out, five minutes after submission.
        Assert.Contains("validate by 2026-03-03 09:05:00", run.Output);
    }

    [Fact]
    public async Task List_shows_this_providers_orders_and_filters_them_by_status()
    {
        var company = await SubmitCompanySampleAsync();
        var individual = OrderIdIn((await Cli("submit", Repository.Sample(Repository.IndividualSample))).Output);

        var all = await Cli("list");
        var awaiting = await Cli("list", "--status", "awaiting-sms-validation");
        var underReview = await Cli("list", "--status", "UNDER_REVIEW");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(2, all.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(company, all.Output);
        Assert.Contains(individual, all.Output);
        Assert.Contains("王小明", all.Output);
        Assert.Contains(company, awaiting.Output);
        Assert.Contains(individual, awaiting.Output);
        Assert.True(underReview.ExitCode == 0, underReview.ToString());
        Assert.Equal("", underReview.Output);
    }

    [Fact]
    public async Task List_pages_through_the_orders_with_the_token_it_prints()
    {
        await SubmitCompanySampleAsync();
        await Cli("submit", Repository.Sample(Repository.IndividualSample));

        var first = await Cli("list", "--page-size", "1");
        var token = Regex.Match(first.Output, @"\(more: --page-token (\S+)\)");
        Assert.True(token.Success, first.ToString());
        var second = await Cli("list", "--page-size", "1", "--page-token", token.Groups[1].Value);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.NotEqual(OrderIdIn(first.Output), OrderIdIn(second.Output));
    }

    [Fact]
    public async Task Withdraw_prints_the_withdrawn_order_and_a_second_withdrawal_is_refused()
    {
        var id = await SubmitCompanySampleAsync();

        var withdrawn = await Cli("withdraw", id);
        var again = await Cli("withdraw", id);

        Assert.True(withdrawn.ExitCode == 0, withdrawn.ToString());
        Assert.StartsWith($"Order {id}  INITIAL  WITHDRAWN", withdrawn.Output);
        Assert.Contains("WITHDRAWN", (await Cli("status", id)).Output);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.StartsWith("error: FailedPrecondition ILLEGAL_TRANSITION", again.Error);
    }

    [Fact]
    public async Task The_sms_reaches_the_outbox_five_simulated_minutes_after_submission()
    {
        await SubmitCompanySampleAsync();
        var before = await Cli("messages", "--recipient", LeaderMobile);

        var advanced = await Cli("clock", "advance", "5m");
        var after = await Cli("messages", "--recipient", LeaderMobile);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal("", before.Output);
        Assert.True(advanced.ExitCode == 0, advanced.ToString());
        Assert.StartsWith("2026-03-02T09:05:00.000+08:00 (Beijing)  working day  frozen", advanced.Output);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains($"SMS to {LeaderMobile} from 106575000130", after.Output);
        Assert.Matches(@"Your ICP filing validation code is \d{6}\.", after.Output);
        Assert.Matches(@"您的ICP备案短信核验码为\d{6}", after.Output);
        Assert.DoesNotContain(AdminMobile, after.Output);
    }

    [Fact]
    public async Task Clock_show_prints_the_frozen_start_time()
    {
        var run = await Cli("clock", "show");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2026-03-02T09:00:00.000+08:00 (Beijing)  working day  frozen", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Sms_validate_prints_the_outcome_and_the_page_message_in_both_languages()
    {
        await SubmitCompanySampleAsync();
        await Cli("clock", "advance", "5m");
        var leaderCode = await CodeFromOutboxAsync(LeaderMobile);
        var adminCode = await CodeFromOutboxAsync(AdminMobile);

        var wrong = await Cli("sms", "validate", "--mobile", LeaderMobile, "--suffix", LeaderSuffix, "--code", Phone.WrongCode(leaderCode));
        var leader = await Cli("sms", "validate", "--mobile", LeaderMobile, "--suffix", LeaderSuffix, "--code", leaderCode);
        var admin = await Cli("sms", "validate", "--mobile", AdminMobile, "--suffix", AdminSuffix, "--code", adminCode);

        // The page answers every attempt; a failed validation is the applicant's outcome, not a CLI error.
        Assert.True(wrong.ExitCode == 0, wrong.ToString());
        Assert.Equal(
            ["FAILED", "尊敬的ICP用户：您的短信核验失败，请重试。", "Dear ICP user: Your text message validation failed. Please try again."],
            Lines(wrong.Output));
        Assert.Equal(
            ["WAITING_FOR_OTHERS", "尊敬的ICP用户：您的短信核验已完成，请等待其他人员完成短信核验。",
                "Dear ICP user: Your text message validation is complete. Please wait for other personnel to complete their text message validation."],
            Lines(leader.Output));
        Assert.Equal(
            ["COMPLETE", "尊敬的ICP用户：您的短信核验已完成，该申请将提交至通信管理局审核。",
                "Dear ICP user: Your text message validation is complete. This request will be submitted to the communications administration for review."],
            Lines(admin.Output));
    }

    [Fact]
    public async Task Sms_validate_says_after_the_page_message_that_a_wrong_code_too_many_rejected_the_order()
    {
        var orderId = await SubmitCompanySampleAsync();
        await Cli("clock", "advance", "5m");
        var wrong = Phone.WrongCode(await CodeFromOutboxAsync(LeaderMobile));
        var runs = new List<CliRun>();
        var failures = (await Gateway.GetRulesAsync()).MaxConsecutiveFailures;
        for (var i = 0; i < failures; i++)
        {
            runs.Add(await Cli("sms", "validate", "--mobile", LeaderMobile, "--suffix", LeaderSuffix, "--code", wrong));
        }

        Assert.All(runs[..^1], run => Assert.DoesNotContain("ORDER_REJECTED", run.Output, StringComparison.Ordinal));
        var last = Lines(runs[^1].Output);
        Assert.Equal(["FAILED", "尊敬的ICP用户：您的短信核验失败，请重试。", "Dear ICP user: Your text message validation failed. Please try again.", "ORDER_REJECTED"], last[..4]);
        Assert.StartsWith("该备案申请已被驳回：", last[4], StringComparison.Ordinal);
        Assert.StartsWith("The filing application was rejected: ", last[5], StringComparison.Ordinal);
        Assert.Contains("REJECTED", (await Cli("status", orderId)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_resend_prints_the_outcome_and_a_new_code_arrives()
    {
        await SubmitCompanySampleAsync();
        await Cli("clock", "advance", "5m");

        var resent = await Cli("sms", "resend", "--mobile", LeaderMobile, "--suffix", LeaderSuffix);
        var stranger = await Cli("sms", "resend", "--mobile", "13900000000", "--suffix", "000000");

        Assert.True(resent.ExitCode == 0, resent.ToString());
        var lines = Lines(resent.Output);
        Assert.Equal("RESENT", lines[0]);
        Assert.StartsWith("尊敬的ICP用户：", lines[1]);
        Assert.Equal(
            "Dear ICP user: Your text message verification code has been resent successfully. "
            + "Please check your mobile phone and complete the text message validation as soon as possible.", lines[2]);
        Assert.Equal(2, (await Gateway.InboxAsync(LeaderMobile)).Count);
        Assert.Equal(
            ["NOT_FOUND", "尊敬的ICP用户：核验库中未找到该记录。", "Dear ICP user: The record cannot be found in the validation database."],
            Lines(stranger.Output));
    }

    [Fact]
    public async Task Review_approve_issues_the_numbers_that_the_public_query_then_prints()
    {
        var id = await SubmitCompanySampleAsync();
        await ValidateBothPeopleAsync();

        var pending = await Cli("review", "list");
        var approved = await Cli("review", "approve", id, "--opinion", "资料齐全");

        Assert.True(pending.ExitCode == 0, pending.ToString());
        Assert.Contains(id, pending.Output);
        Assert.Contains("zhejiang", pending.Output);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.StartsWith($"Order {id}  INITIAL  APPROVED", approved.Output);
        var subjectNumber = Regex.Match(approved.Output, @"subject no\. (浙ICP备\d{10}号)").Groups[1].Value;
        var serviceNumber = Regex.Match(approved.Output, @"service 0 +WEBSITE 云栖示例科技官网  yunqi-example\.cn, yunqi-example\.com  (浙ICP备\d{10}号-1)").Groups[1].Value;
        Assert.NotEqual("", subjectNumber);
        Assert.Equal($"{subjectNumber}-1", serviceNumber);

        var byDomain = await Cli("query", "domain", "yunqi-example.com");
        var byNumber = await Cli("query", "number", subjectNumber);
        var bySubject = await Cli("query", "subject", "杭州云栖示例科技有限公司");

        foreach (var query in new[] { byDomain, byNumber, bySubject })
        {
            Assert.True(query.ExitCode == 0, query.ToString());
            Assert.StartsWith($"{serviceNumber}  云栖示例科技官网  (WEBSITE)", query.Output);
            Assert.Contains($"subject   杭州云栖示例科技有限公司  {subjectNumber}  企业", query.Output);
            Assert.Contains("approved  2026-03-02", query.Output);
            Assert.DoesNotContain(LeaderMobile, query.Output);
        }
    }

    [Fact]
    public async Task Query_of_an_unfiled_domain_says_nothing_was_found()
    {
        var run = await Cli("query", "domain", "never-filed-example.cn");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("No filing found. (未查询到备案信息)", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Review_reject_prints_the_reason()
    {
        var id = await SubmitCompanySampleAsync();
        await ValidateBothPeopleAsync();

        var rejected = await Cli("review", "reject", id, "--reason", "网站名称与主体不符");

        Assert.True(rejected.ExitCode == 0, rejected.ToString());
        Assert.StartsWith($"Order {id}  INITIAL  REJECTED", rejected.Output);
        Assert.Contains("网站名称与主体不符", rejected.Output);
    }

    [Fact]
    public async Task Json_prints_replies_the_contracts_parser_reads_back()
    {
        var submitted = await Cli("--json", "submit", Repository.Sample(Repository.CompanySample));
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var order = JsonParser.Default.Parse<SubmitFilingResponse>(submitted.Output).Order;
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
        Assert.Equal("杭州云栖示例科技有限公司", order.Filing.Subject.Name);

        // --json is accepted after the command too.
        var status = await Cli("status", order.OrderId, "--json");
        Assert.Equal(await Gateway.GetFilingAsync(order.OrderId), JsonParser.Default.Parse<FilingOrder>(status.Output));

        var advanced = JsonParser.Default.Parse<AdvanceClockResponse>((await Cli("--json", "clock", "advance", "PT5M")).Output);
        Assert.Equal(RegulatorServer.Start.AddMinutes(5), advanced.Clock.Now.ToDateTimeOffset());

        var messages = JsonParser.Default.Parse<ListMessagesResponse>((await Cli("--json", "messages", "--recipient", LeaderMobile)).Output);
        var sms = Assert.Single(messages.Messages);
        Assert.Equal(MessageChannel.Sms, sms.Channel);
        Assert.Equal(order.OrderId, sms.OrderId);

        var list = JsonParser.Default.Parse<ListFilingsResponse>((await Cli("--json", "list")).Output);
        Assert.Equal(order.OrderId, Assert.Single(list.Orders).OrderId);

        var page = JsonParser.Default.Parse<ValidateCodeResponse>(
            (await Cli("--json", "sms", "validate", "--mobile", LeaderMobile, "--suffix", LeaderSuffix, "--code", "000001")).Output);
        Assert.Contains(page.Outcome, new[] { ValidateOutcome.Failed, ValidateOutcome.WaitingForOthers });
        Assert.NotEqual("", page.Message.Zh);
    }

    [Fact]
    public async Task An_invalid_filing_exits_1_with_one_line_per_violation_naming_the_field()
    {
        var json = JsonNode.Parse(File.ReadAllText(Repository.Sample(Repository.CompanySample)))!;
        json["filing"]!["subject"]!["leader"]!["mobile"] = "1380013800";
        json["filing"]!["services"]![0]!["administrator"]!["email"] = "lina-at-example";
        var path = Scratch.Write("broken-mobile.json", json.ToJsonString());

        var run = await Cli("submit", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Output);
        Assert.StartsWith("error: InvalidArgument INVALID_REQUEST: ", run.Error);
        var violations = run.ErrorLines.Where(l => FieldLine().IsMatch(l)).ToList();
        Assert.Equal(2, violations.Count);
        Assert.Equal(
            "filing.subject.leader.mobile: INVALID_FORMAT: A mobile number has 11 digits and starts with 1. (手机号码应为以1开头的11位数字。)",
            Assert.Single(violations, l => l.StartsWith("filing.subject.leader.mobile:", StringComparison.Ordinal)));
        Assert.Single(violations, l => l.StartsWith("filing.services[0].administrator.email: INVALID_FORMAT: ", StringComparison.Ordinal));
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task A_domain_filed_under_another_subject_exits_1_with_the_regulators_code_1005()
    {
        await SubmitCompanySampleAsync();
        var json = JsonNode.Parse(File.ReadAllText(Repository.Sample(Repository.IndividualSample)))!;
        json["filing"]!["services"]![0]!["domains"] = new JsonArray("yunqi-example.com");
        json["filing"]!["services"]![0]!["homeUrl"] = "https://yunqi-example.com/";
        var path = Scratch.Write("taken-domain.json", json.ToJsonString());

        var run = await Cli("submit", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: AlreadyExists DOMAIN_CONFLICT (code 1005): ", run.Error);
        Assert.Contains("该域名已在其他主体下备案或正在备案。", run.Error);
        Assert.Contains("DOMAIN_CONFLICT yunqi-example.com: ", run.Error);
    }

    [Fact]
    public async Task An_unknown_order_exits_1_with_not_found()
    {
        var status = await Cli("status", "ord-99999999");
        var withdraw = await Cli("withdraw", "ord-99999999");

        foreach (var run in new[] { status, withdraw })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal("", run.Output);
            Assert.StartsWith("error: NotFound ORDER_NOT_FOUND: ", run.Error);
            Assert.Contains("ord-99999999", run.Error);
            Assert.Contains("未找到该备案申请", run.Error);
        }
    }

    [Fact]
    public async Task A_wrong_provider_key_exits_1_unauthenticated()
    {
        var run = await Cli("--key", "not-a-key", "list");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: Unauthenticated UNAUTHENTICATED", run.Error);
    }

    [Fact]
    public async Task An_admin_key_cannot_act_as_a_provider_nor_a_provider_key_as_an_admin()
    {
        var adminAsProvider = await Cli("--key", "sandbox-admin-key", "list");
        var providerAsAdmin = await Cli("--admin-key", "sandbox-provider-key", "clock", "advance", "1h");

        Assert.True(adminAsProvider.ExitCode == 1, adminAsProvider.ToString());
        Assert.StartsWith("error: PermissionDenied PERMISSION_DENIED", adminAsProvider.Error);
        Assert.True(providerAsAdmin.ExitCode == 1, providerAsAdmin.ToString());
        Assert.StartsWith("error: PermissionDenied PERMISSION_DENIED", providerAsAdmin.Error);
        Assert.Equal(RegulatorServer.Start, (await Gateway.GetClockAsync()).Now.ToDateTimeOffset());
    }

    [Fact]
    public async Task An_unknown_world_exits_1_with_not_found()
    {
        var run = await Cli("--world", "no-such-world", "clock", "show");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: NotFound WORLD_NOT_FOUND", run.Error);
    }


    private async Task<string> SubmitCompanySampleAsync()
    {
        var run = await Cli("submit", Repository.Sample(Repository.CompanySample));
        Assert.True(run.ExitCode == 0, run.ToString());
        return OrderIdIn(run.Output);
    }

    private async Task ValidateBothPeopleAsync()
    {
        await Cli("clock", "advance", "5m");
        var leader = await Cli("sms", "validate", "--mobile", LeaderMobile, "--suffix", LeaderSuffix, "--code", await CodeFromOutboxAsync(LeaderMobile));
        var admin = await Cli("sms", "validate", "--mobile", AdminMobile, "--suffix", AdminSuffix, "--code", await CodeFromOutboxAsync(AdminMobile));
        Assert.StartsWith("WAITING_FOR_OTHERS", leader.Output);
        Assert.StartsWith("COMPLETE", admin.Output);
    }

    // Read the code the way a user of the CLI would: from the printed outbox.
    private async Task<string> CodeFromOutboxAsync(string mobile)
    {
        var run = await Cli("messages", "--recipient", mobile);
        var codes = CodeLine().Matches(run.Output);
        Assert.True(codes.Count > 0, run.ToString());
        return codes[^1].Groups[1].Value;
    }

    private static string OrderIdIn(string output)
    {
        var match = OrderId().Match(output);
        Assert.True(match.Success, output);
        return match.Value;
    }

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"ord-\d+")]
    private static partial Regex OrderId();

    [GeneratedRegex(@"validation code is (\d{6})")]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*: [A-Z_]+: ")]
    private static partial Regex FieldLine();
}
