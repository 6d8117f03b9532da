using System.Text.Json.Nodes;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Rules are data: a server started on an edited copy of the rules directory follows the edit — a province that
/// accepts no changes, providers confined to their own province.
/// </summary>
public sealed class RulesDataTests : IDisposable
{
    private readonly string rules = Path.Combine(Path.GetTempPath(), $"icp-rules-{Guid.NewGuid():N}");
    private readonly SampleFilings samples = new();

    public RulesDataTests() => CopyDirectory(Path.Combine(AppContext.BaseDirectory, "rules"), rules);

    [Fact]
    public async Task A_province_that_accepts_no_changes_refuses_every_change_order_but_still_cancels()
    {
        EditJson("provinces.json", root => Province(root, "jiangsu")["changesAllowed"] = false);
        await using var server = await RegulatorServer.StartAsync(args: ["--rules", rules]);
        var gateway = server.Gateway();
        Assert.False((await gateway.GetCodeTablesAsync()).Provinces.Single(p => p.Id == "jiangsu").ChangesAllowed);
        var filing = samples.Company("jiangsu");
        filing.Services.Add(samples.Company("jiangsu").Services[0]);
        var filed = await gateway.FileInitialAsync(filing);
        var renamed = filed.Subject.Clone();
        renamed.Name = "南京更名示例科技有限公司";
        var changed = filed.Service(0).Numbered(filed.ServiceNumber(0));
        changed.Name = "更名示例官网";

        SubmitFilingRequest[] changes =
        [
            new() { Type = FilingType.ChangeSubject, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Subject = renamed } },
            new() { Type = FilingType.ChangeService, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Services = { changed } } },
            new() { Type = FilingType.ChangeBoth, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Subject = renamed, Services = { changed } } },
        ];
        foreach (var change in changes)
        {
            var e = await Assert.ThrowsAsync<RequestRefusedException>(() => gateway.SubmitAsync(change));
            Assert.Equal("CHANGES_NOT_ACCEPTED", e.Reason);
            Assert.Equal("jiangsu", Assert.Single(e.PreconditionProblems).Subject);
        }
        Assert.Single((await gateway.ListFilingsAsync()).Orders);

        // Its subjects cancel and file anew instead.
        var cancel = await gateway.FileOrderAsync(
            new SubmitFilingRequest { Type = FilingType.CancelService, ServiceNumbers = { filed.ServiceNumber(1) }, FilingPassword = filed.Password },
            filed.Administrator(1));
        Assert.Equal(OrderStatus.Approved, cancel.Status);
        Assert.Empty((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
    }

    [Fact]
    public async Task Changes_stay_accepted_in_the_other_provinces()
    {
        EditJson("provinces.json", root => Province(root, "jiangsu")["changesAllowed"] = false);
        await using var server = await RegulatorServer.StartAsync(args: ["--rules", rules]);
        var gateway = server.Gateway();
        var filed = await gateway.FileInitialAsync(samples.Company("zhejiang"));
        var renamed = filed.Subject.Clone();
        renamed.Name = "杭州更名示例科技有限公司";

        var order = (await gateway.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject,
            SubjectNumber = filed.SubjectNumber,
            Filing = new Filing { Subject = renamed },
        })).Order;
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    [Fact]
    public async Task A_provider_confined_to_its_own_province_is_refused_elsewhere_with_code_1045()
    {
        EditJson("settings.json", root => root["access"]!["ownProvinceOnly"] = true);
        await using var server = await RegulatorServer.StartAsync(args:
        [
            "--rules", rules,
            "--Regulator:ProviderKeys:0:Key=k1", "--Regulator:ProviderKeys:0:ProviderId=p1", "--Regulator:ProviderKeys:0:Province=zhejiang",
        ]);
        var gateway = server.Gateway(new GatewayOptions { ProviderKey = "k1" });
        Assert.True((await gateway.GetRulesAsync()).OwnProvinceOnly);

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => gateway.SubmitAsync(samples.Company("beijing")));
        Assert.Equal("PROVIDER_PROVINCE", e.Reason);
        Assert.Equal(1045, e.NumericCode);
        Assert.Empty((await gateway.ListFilingsAsync()).Orders);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.SubmitAsync(samples.Company("zhejiang"))).Order.Status);
    }

    public void Dispose() => Directory.Delete(rules, recursive: true);

    private static JsonNode Province(JsonNode root, string id) =>
        root["provinces"]!.AsArray().Single(p => (string?)p!["id"] == id)!;

    private void EditJson(string file, Action<JsonNode> edit)
    {
        var path = Path.Combine(rules, file);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        edit(root);
        File.WriteAllText(path, root.ToJsonString());
    }

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
