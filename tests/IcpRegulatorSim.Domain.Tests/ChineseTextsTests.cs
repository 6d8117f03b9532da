using System.Reflection;
using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>
/// Every text a person reads exists in both languages: its Chinese form is Chinese. Walks the error catalogue, the
/// decision reasons and the rejection reasons table, the scenarios, the page messages, the code tables, every
/// notice the regulator sends by SMS and email, and every label of the web pages.
/// </summary>
public sealed partial class ChineseTextsTests
{
    private static readonly Rules.RuleBook Rules = TestRules.Load();
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<string, string> Texts()
    {
        var texts = new TheoryData<string, string>();
        foreach (var error in typeof(RegulatorErrors).GetFields().Select(f => f.GetValue(null)).OfType<RegulatorError>())
        {
            texts.Add($"error {error.Reason}", error.Zh);
        }
        var decisions = new[]
        {
            DecisionReasons.Approved(Now, "reviewer", ""),
            DecisionReasons.TooManyFailedCodes(Now, 5),
            DecisionReasons.ValidationExpired(Now),
            DecisionReasons.Withdrawn(Now, "provider"),
        }.Concat(Rules.CodeTables.RejectionReasons.Select(r => DecisionReasons.Rejected(Now, "reviewer", Rules.CodeTables.RejectionReason(r.Code))))
            .Append(DecisionReasons.Rejected(Now, "reviewer", Rules.CodeTables.RejectionReason("A_CODE_OF_THE_SANDBOX_USERS_OWN")));
        foreach (var decision in decisions)
        {
            texts.Add($"decision {decision.ReasonCode}", decision.Zh);
            AddMessages(texts, $"on {decision.ReasonCode}", Notices.Ended(Rules, Samples.Leader(), "ord-00000001", decision));
        }
        foreach (var scenario in OrderScenario.Catalogue)
        {
            texts.Add($"scenario {scenario.Name}", scenario.Zh);
            if (scenario.ParameterText is { } parameter)
            {
                texts.Add($"scenario {scenario.Name}'s parameter", parameter.Zh);
            }
        }
        foreach (var outcome in Enum.GetValues<ValidateOutcome>().Where(o => o != ValidateOutcome.Unspecified))
        {
            texts.Add($"validate {outcome}", PageMessages.For(outcome).Zh);
        }
        foreach (var outcome in Enum.GetValues<ResendOutcome>().Where(o => o != ResendOutcome.Unspecified))
        {
            texts.Add($"resend {outcome}", PageMessages.For(outcome).Zh);
        }
        var tables = Rules.CodeTables;
        foreach (var (table, entries) in new[]
        {
            ("nature", tables.SubjectNatures.Select(e => (e.Code.ToString(), e.Zh))),
            ("subject certificate", tables.SubjectCertificateTypes.Select(e => (e.Code.ToString(), e.Zh))),
            ("leader certificate", tables.LeaderCertificateTypes.Select(e => (e.Code.ToString(), e.Zh))),
            ("pre-approval", tables.PreApprovalTypes.Select(e => (e.Code.ToString(), e.Zh))),
            ("language", tables.Languages.Select(e => (e.Code.ToString(), e.Zh))),
            ("access method", tables.AccessMethods.Select(e => (e.Code.ToString(), e.Zh))),
            ("rejection reason", tables.RejectionReasons.Select(e => (e.Code, e.Zh))),
            ("province", Rules.Provinces.Select(p => (p.Id, p.NameZh + p.Administration))),
            ("carrier", Rules.Carriers.Select(c => (c.Id, c.NameZh))),
        })
        {
            foreach (var (code, zh) in entries)
            {
                texts.Add($"{table} {code}", zh);
            }
        }
        foreach (var type in Enum.GetValues<FilingType>().Where(t => t != FilingType.Unspecified))
        {
            texts.Add($"type {type}", Notices.Names[type].Zh);
            AddMessages(texts, $"approving {type}",
                Notices.Approved(Rules, Samples.Leader(), "ord-00000001", type, "浙ICP备2026000001号", ["浙ICP备2026000001号-1"], "Pw123456"));
        }
        AddMessages(texts, "with a code", [Notices.Code(Rules, "13800138000", "123456", Now.AddDays(1))]);
        AddMessages(texts, "resetting the password", Notices.PasswordReset(Rules, Samples.Leader(), "浙ICP备2026000001号", "Pw123456"));
        texts.Add("validation rejected the order", PageMessages.Rejected(DecisionReasons.TooManyFailedCodes(Now, 5)).Zh);
        texts.Add("password sent", PageMessages.PasswordSent("138****8000", "w***@example.com").Zh);
        AddLabels(texts);
        return texts;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_chinese_form_of_every_text_is_chinese(string text, string zh) =>
        Assert.True(HanCharacter().IsMatch(zh), $"The Chinese text of {text} has no Chinese in it: \"{zh}\"");

    /// <summary>The web pages' labels: every field, and every label made from values, with each value of an enum it takes.</summary>
    private static void AddLabels(TheoryData<string, string> texts)
    {
        // The language switch is the one label that names the other language, in that language: "English" on a Chinese page.
        foreach (var field in typeof(Labels).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f.FieldType == typeof(PageMessage) && f.Name != nameof(Labels.OtherLanguage)))
        {
            texts.Add($"label {field.Name}", ((PageMessage)field.GetValue(null)!).Zh);
        }
        foreach (var method in typeof(Labels).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(PageMessage)))
        {
            var parameters = method.GetParameters();
            var calls = parameters is [{ ParameterType.IsEnum: true } only]
                ? Enum.GetValues(only.ParameterType).Cast<object>().Select(v => new[] { v })
                : [parameters.Select(p => Sample(p.ParameterType)).ToArray()];
            foreach (var arguments in calls)
            {
                texts.Add($"label {method.Name}({string.Join(", ", arguments)})", ((PageMessage)method.Invoke(null, arguments)!).Zh);
            }
        }
    }

    private static object Sample(Type type) =>
        type == typeof(string) ? "13800138000"
        : type == typeof(int) ? 2
        : type == typeof(IReadOnlyList<string>) ? new[] { "浙ICP备2026000001号-1" }
        : type == typeof((string, string)) ? ("首次备案", "initial filing")
        : throw new InvalidOperationException($"No sample {type} for a label.");

    /// <summary>The Chinese part of each message, which comes before the English one: the body's first line, and an email's subject before its " / ".</summary>
    private static void AddMessages(TheoryData<string, string> texts, string what, IEnumerable<OutgoingMessage> messages)
    {
        foreach (var message in messages)
        {
            texts.Add($"{message.Channel} {what}", message.Body.Split('\n')[0]);
            if (message.Subject.Length > 0)
            {
                texts.Add($"{message.Channel} subject {what}", message.Subject.Split(" / ")[0]);
            }
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}
