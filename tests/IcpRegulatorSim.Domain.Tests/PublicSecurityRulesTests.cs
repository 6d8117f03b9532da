using System.Text;
using System.Text.Json.Nodes;
using IcpRegulatorSim.Domain.PublicSecurity;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>The public-security platform's rules, read from the real rules file and checked against MIIT's provinces.</summary>
public sealed class PublicSecurityRulesTests
{
    private static string RulesFile => Path.Combine(TestRules.Directory, PublicSecurityRulesJson.File);

    private static PublicSecurityRules Read(string json) =>
        PublicSecurityRulesJson.Read(_ => new MemoryStream(Encoding.UTF8.GetBytes(json)), TestRules.Load());

    private static PublicSecurityRules Real() => Read(File.ReadAllText(RulesFile));

    // The real file as a JSON tree, to break one thing in it (comments dropped).
    private static JsonObject RealTree() =>
        JsonNode.Parse(File.ReadAllText(RulesFile), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();

    [Fact]
    public void Every_province_has_one_office_whose_code_begins_its_numbers()
    {
        var rules = Real();

        foreach (var province in TestRules.Load().Provinces)
        {
            var office = rules.OfficeFor(province.Id);
            Assert.StartsWith(province.GbCode[..2], office.Code, StringComparison.Ordinal);
            Assert.StartsWith($"{province.Abbreviation}公网安备{office.Code}", PublicSecurityNumber.Issue(province.Abbreviation, office.Code, 1).ToString(),
                StringComparison.Ordinal);
            Assert.NotEmpty(office.NameZh);
            Assert.NotEmpty(office.NameEn);
        }
    }

    [Fact]
    public void Filings_are_due_thirty_days_after_opening_and_reviews_take_the_offices_working_days()
    {
        var rules = Real();

        Assert.Equal(30, rules.FilingDeadlineDays);
        Assert.Equal(20, rules.ReviewWorkingDays(rules.OfficeFor("beijing")));
        Assert.Equal(rules.DefaultReviewWorkingDays, rules.ReviewWorkingDays(rules.OfficeFor("zhejiang")));
    }

    [Fact]
    public void Each_rejection_reason_says_why_in_both_languages()
    {
        var rules = Real();

        Assert.Contains(rules.RejectionReasons, r => r.Code == "INTERACTIVE_WITHOUT_ASSESSMENT");
        Assert.All(rules.RejectionReasons, r => Assert.True(r.Zh.Length > 0 && r.En.Length > 0, r.Code));
        Assert.Null(rules.RejectionReason("NO_SUCH_REASON"));
    }

    [Fact]
    public void An_office_for_no_province_a_province_without_one_or_a_code_of_another_province_is_refused()
    {
        var unknown = RealTree();
        unknown["offices"]![0]!["province"] = "atlantis";
        var foreign = RealTree();
        foreign["offices"]![0]!["code"] = "330106";

        var first = Assert.Throws<InvalidDataException>(() => Read(unknown.ToJsonString()));
        var second = Assert.Throws<InvalidDataException>(() => Read(foreign.ToJsonString()));

        Assert.Contains("'atlantis', which is no province's id", first.Message, StringComparison.Ordinal);
        Assert.Contains("Province beijing needs exactly one office", first.Message, StringComparison.Ordinal);
        Assert.Contains("Office 330106 is not a division code of beijing", second.Message, StringComparison.Ordinal);
    }
}
