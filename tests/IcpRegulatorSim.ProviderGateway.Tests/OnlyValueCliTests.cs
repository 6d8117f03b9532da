using System.Text.RegularExpressions;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// <c>--only</c>: the one value a script takes into a shell variable (<c>CODE=$(icp-gateway messages … --only code)</c>),
/// as the README's walkthroughs do, printed alone, or an error on stderr and exit 1 when there is none.
/// </summary>
[Collection(CliRun.Collection)]
public sealed partial class OnlyValueCliTests : CliServerTest
{
    [Fact]
    public async Task Messages_only_code_prints_the_latest_code_alone_and_the_new_one_after_a_resend()
    {
        await Cli("submit", Repository.Sample(Repository.CompanySample));
        await Cli("clock", "advance", "5m");

        var first = await Cli("messages", "--recipient", LeaderMobile, "--only", "code");
        await Cli("sms", "resend", "--mobile", LeaderMobile, "--suffix", LeaderSuffix);
        var second = await Cli("messages", "--recipient", LeaderMobile, "--only", "code");

        var inbox = await Gateway.InboxAsync(LeaderMobile);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"{inbox[0].VerificationCode()}\n", first.Output);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal($"{inbox[^1].VerificationCode()}\n", second.Output);
        Assert.NotEqual(inbox[0].VerificationCode(), inbox[^1].VerificationCode());
        var validated = await Cli("sms", "validate", "--mobile", LeaderMobile, "--suffix", LeaderSuffix, "--code", second.Output.Trim());
        Assert.StartsWith("WAITING_FOR_OTHERS", validated.Output);
    }

    [Fact]
    public async Task The_numbers_and_the_password_of_an_approved_order_are_printed_alone()
    {
        var id = await ApprovedCompanyOrderAsync();

        var subject = await Cli("status", id, "--only", "subject-number");
        var services = await Cli("status", id, "--only", "service-numbers");
        var password = await Cli("messages", "--recipient", "zhangwei@yunqi-example.cn", "--only", "password");

        var order = await Gateway.GetFilingAsync(id);
        Assert.True(subject.ExitCode == 0, subject.ToString());
        Assert.Matches(SubjectNumber(), order.SubjectNumber);
        Assert.Equal($"{order.SubjectNumber}\n", subject.Output);
        Assert.True(services.ExitCode == 0, services.ToString());
        Assert.Equal($"{order.SubjectNumber}-1\n", services.Output);
        Assert.True(password.ExitCode == 0, password.ToString());
        var email = (await Gateway.InboxAsync("zhangwei@yunqi-example.cn")).Last(m => m.FilingPassword() is not null);
        Assert.Equal($"{email.FilingPassword()}\n", password.Output);
        Assert.Equal("", subject.Error + services.Error + password.Error);
    }

    [Fact]
    public async Task A_value_not_there_yet_exits_1_saying_why_on_stderr_with_nothing_on_stdout()
    {
        var submitted = await Cli("submit", Repository.Sample(Repository.CompanySample));
        var id = OrderId().Match(submitted.Output).Value;

        var number = await Cli("status", id, "--only", "subject-number");
        var code = await Cli("messages", "--recipient", LeaderMobile, "--only", "code");
        var password = await Cli("messages", "--recipient", LeaderMobile, "--only", "password");

        Assert.True(number.ExitCode == 1, number.ToString());
        Assert.Equal("", number.Output);
        Assert.Equal(
            $"error: {id} carries no subject number (AWAITING_SMS_VALIDATION): an initial filing's numbers are issued on approval.",
            number.Error.TrimEnd());
        Assert.True(code.ExitCode == 1, code.ToString());
        Assert.Equal("", code.Output);
        Assert.Equal($"error: no message to {LeaderMobile} carries a validation code.", code.Error.TrimEnd());
        Assert.True(password.ExitCode == 1, password.ToString());
        Assert.Equal($"error: no message to {LeaderMobile} carries a filing password.", password.Error.TrimEnd());
    }

    [Fact]
    public async Task Only_with_json_or_follow_or_an_unknown_value_is_a_usage_mistake()
    {
        var json = await Cli("--json", "messages", "--recipient", LeaderMobile, "--only", "code");
        var follow = await Cli("messages", "--recipient", LeaderMobile, "--only", "code", "--follow");
        var unknown = await Cli("status", "ord-00000001", "--only", "mobile");

        Assert.True(json.ExitCode == 2, json.ToString());
        Assert.Equal("error: --only prints the value alone; leave out --json.", json.Error.TrimEnd());
        Assert.True(follow.ExitCode == 2, follow.ToString());
        Assert.StartsWith("error: --only reads the whole outbox as it stands", follow.Error);
        Assert.True(unknown.ExitCode != 0, unknown.ToString());
        Assert.Contains("mobile", unknown.Error);
        Assert.Equal("", json.Output + follow.Output);
    }

    private async Task<string> ApprovedCompanyOrderAsync()
    {
        var submitted = await Cli("submit", Repository.Sample(Repository.CompanySample), "--scenario", "fixed-code");
        var id = OrderId().Match(submitted.Output).Value;
        await Cli("clock", "advance", "5m");
        await Cli("sms", "validate", "--mobile", LeaderMobile, "--suffix", LeaderSuffix, "--code", "123456");
        await Cli("sms", "validate", "--mobile", AdminMobile, "--suffix", AdminSuffix, "--code", "123456");
        var approved = await Cli("review", "approve", id);
        Assert.True(approved.ExitCode == 0, approved.ToString());
        return id;
    }

    [GeneratedRegex(@"ord-\d+")]
    private static partial Regex OrderId();

    [GeneratedRegex(@"^浙ICP备\d{10}号$")]
    private static partial Regex SubjectNumber();
}
