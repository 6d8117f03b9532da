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
/// notice the regulator sends by SMS and email, every label of the web pages, and every text of the catalogue's
/// other classes (field violations, refusals, verdicts, decisions, scenarios).
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
        foreach (var scenario in OrderScenario.Catalogue.Concat(WebsiteFilingScenario.Catalogue))
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
        AddCatalogue(texts);
        return texts;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_chinese_form_of_every_text_is_chinese(string text, string zh) =>
        Assert.True(HanCharacter().IsMatch(zh), $"The Chinese text of {text} has no Chinese in it: \"{zh}\"");

    private static readonly Type[] Catalogue =
        [typeof(Labels), typeof(FieldTexts), typeof(RefusalTexts), typeof(VerdictTexts), typeof(DecisionTexts), typeof(ScenarioTexts),
         typeof(PublicSecurityDeskTexts)];

    // Texts with no words to translate. The language switch names the other language, in that language ("English" on
    // a Chinese page); a transition is a state and an action, as the contract spells them.
    private static readonly string[] NotTranslated =
        [$"{nameof(Labels)}.{nameof(Labels.OtherLanguage)}", $"{nameof(RefusalTexts)}.{nameof(RefusalTexts.Transition)}"];

    /// <summary>
    /// The catalogue's classes: every field, and every text made from values, with each value of each enum and
    /// boolean it takes (in every combination), and a sample of anything else.
    /// </summary>
    private static void AddCatalogue(TheoryData<string, string> texts)
    {
        foreach (var type in Catalogue)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
                         .Where(f => f.FieldType == typeof(PageMessage) && !NotTranslated.Contains($"{type.Name}.{f.Name}")))
            {
                texts.Add($"{type.Name}.{field.Name}", ((PageMessage)field.GetValue(null)!).Zh);
            }
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                         .Where(m => m.ReturnType == typeof(PageMessage) && !NotTranslated.Contains($"{type.Name}.{m.Name}")))
            {
                var calls = method.GetParameters().Aggregate(
                    (IEnumerable<object?[]>)[[]], (before, p) => before.SelectMany(call => Values(p.ParameterType).Select(v => (object?[])[.. call, v])));
                foreach (var arguments in calls)
                {
                    texts.Add($"{type.Name}.{method.Name}({string.Join(", ", arguments)})", ((PageMessage)method.Invoke(null, arguments)!).Zh);
                }
            }
        }
    }

    // An enum's Unspecified is never a value a text is made from.
    private static IEnumerable<object?> Values(Type type) =>
        type.IsEnum ? Enum.GetValues(type).Cast<object>().Where(v => v.ToString() != "Unspecified")
        : type == typeof(bool) ? [true, false]
        : [Sample(Nullable.GetUnderlyingType(type) ?? type)];

    private static object Sample(Type type) =>
        type == typeof(string) ? "13800138000"
        : type == typeof(int) ? 2
        : type == typeof(double) ? 2.5
        : type == typeof(TimeSpan) ? TimeSpan.FromDays(3)
        : type == typeof(DateTimeOffset) ? Now
        : type == typeof(DateOnly) ? DateOnly.FromDateTime(Now.DateTime)
        : type == typeof(IReadOnlyList<string>) ? new[] { "浙ICP备2026000001号-1" }
        : type == typeof((string, string)) ? ("首次备案", "initial filing")
        : type == typeof(Rules.ProvinceRule) ? Rules.Provinces[0]
        : type == typeof(PageMessage) ? RefusalTexts.SubjectNotFiled
        : throw new InvalidOperationException($"No sample {type} for a text of the catalogue.");

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
