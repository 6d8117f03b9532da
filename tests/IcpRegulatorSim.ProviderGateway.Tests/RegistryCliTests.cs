using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// <c>icp-gateway registry</c> and what a provider sees when the domain registry or the blacklist refuses a filing:
/// one line per problem, with its reason and the field it concerns, so the operator knows which domain to fix.
/// The server trusts no unregistered domain; the fixtures are those of <c>samples/registry-fixtures.json</c>.
/// </summary>
[Collection(CliRun.Collection)]
public sealed partial class RegistryCliTests : CliServerTest
{
    private const string Company = "杭州云栖示例科技有限公司";

    protected override string[] ServerArgs => ["--Regulator:TrustUnknownDomains=false"];

    [Fact]
    public async Task Registry_load_prints_each_registration_it_loaded()
    {
        var run = await Cli("registry", "load", Repository.Sample("registry-fixtures.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"registered yunqi-example.cn to {Company} via alibaba-cloud\n", run.Output);
        Assert.Contains($"registered unverified-example.cn to {Company} via alibaba-cloud (not real-name verified)\n", run.Output);
        // With its domains registered to it, the company sample passes the registry checks.
        var submitted = await Cli("submit", Repository.Sample(Repository.CompanySample));
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Equal(OrderStatus.AwaitingSmsValidation, Assert.Single((await Gateway.ListFilingsAsync()).Orders).Status);
    }

    [Fact]
    public async Task A_registry_refusal_prints_one_line_per_problem_with_the_reason_and_the_field_path()
    {
        await LoadFixturesAsync();
        var path = CompanyWithDomains(
            "yunqi-example.cn", "expired-example.cn", "godaddy-example.com", "unverified-example.cn", "someone-else-example.cn", "never-registered-example.cn");

        var run = await Cli("submit", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Output);
        Assert.StartsWith("error: FailedPrecondition DOMAIN_CHECKS_FAILED: ", run.Error);
        Assert.Contains("域名注册信息不符合备案要求", run.Error);
        var problems = run.ErrorLines.Where(l => ProblemLine().IsMatch(l)).ToList();
        (string Reason, string Field, string Domain)[] expected =
        [
            ("DOMAIN_EXPIRED", "filing.services[0].domains[1]", "expired-example.cn"),
            ("REGISTRAR_NOT_APPROVED", "filing.services[0].domains[2]", "godaddy-example.com"),
            ("REAL_NAME_NOT_VERIFIED", "filing.services[0].domains[3]", "unverified-example.cn"),
            ("REGISTRANT_MISMATCH", "filing.services[0].domains[4]", "someone-else-example.cn"),
            ("DOMAIN_NOT_REGISTERED", "filing.services[0].domains[5]", "never-registered-example.cn"),
        ];
        Assert.Equal(expected.Length, problems.Count);
        foreach (var (line, (reason, field, domain)) in problems.Zip(expected))
        {
            Assert.StartsWith($"{reason} {field}: ", line);
            Assert.Contains(domain, line);
        }
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    [Fact]
    public async Task A_blacklisted_domain_exits_1_with_code_1064_until_registry_blacklist_remove_takes_it_off()
    {
        await LoadFixturesAsync();
        var added = await Cli("registry", "blacklist", "--domain", "yunqi-example.com");
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal("added to the blacklist\n", added.Output.ReplaceLineEndings("\n"));

        var refused = await Cli("submit", Repository.Sample(Repository.CompanySample));

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.StartsWith("error: FailedPrecondition DOMAIN_BLACKLISTED (code 1064): ", refused.Error);
        Assert.Single(refused.ErrorLines, l => l.StartsWith("DOMAIN_BLACKLISTED filing.services[0].domains[1]: yunqi-example.com ", StringComparison.Ordinal));

        var removed = await Cli("registry", "blacklist", "--domain", "yunqi-example.com", "--remove");
        Assert.Equal("removed from the blacklist\n", removed.Output.ReplaceLineEndings("\n"));
        var accepted = await Cli("submit", Repository.Sample(Repository.CompanySample));
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
    }

    [Fact]
    public async Task A_blacklisted_subject_exits_1_with_code_1065()
    {
        await LoadFixturesAsync();
        await Cli("registry", "blacklist", "--certificate", "91330106MA2KEXAMP4");

        var refused = await Cli("submit", Repository.Sample(Repository.CompanySample));

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.StartsWith("error: FailedPrecondition SUBJECT_BLACKLISTED (code 1065): ", refused.Error);
        Assert.Single(refused.ErrorLines, l => l.StartsWith("SUBJECT_BLACKLISTED filing.subject.certificate_number: ", StringComparison.Ordinal)
            && l.Contains("91330106MA2KEXAMP4", StringComparison.Ordinal));
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
    }

    private async Task LoadFixturesAsync()
    {
        var run = await Cli("registry", "load", Repository.Sample("registry-fixtures.json"));
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>The company sample with its website's domains replaced; the home URL stays on the first.</summary>
    private string CompanyWithDomains(params string[] domains)
    {
        var json = JsonNode.Parse(File.ReadAllText(Repository.Sample(Repository.CompanySample)))!;
        json["filing"]!["services"]![0]!["domains"] = new JsonArray(domains.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray());
        json["filing"]!["services"]![0]!["homeUrl"] = $"https://www.{domains[0]}/";
        return Scratch.Write("registry-problems.json", json.ToJsonString());
    }


    [GeneratedRegex(@"^[A-Z_]+ filing\.services\[\d+\]\.domains\[\d+\]: ")]
    private static partial Regex ProblemLine();
}
