using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using IcpRegulatorSim.Domain;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The stored documents' generated JSON against reflection's, with the options the stores used with reflection: every
/// document the stores keep, built through the domain's own steps with every optional part present, reads back whole
/// from the JSON reflection wrote (documents already in databases) and from the JSON the generated code writes, and
/// the two write the same JSON.
/// </summary>
public sealed class DocumentJsonTests
{
    /// <summary>How the stores serialized documents by reflection: enums by name, nulls left out.</summary>
    private static readonly JsonSerializerOptions Reflection = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly DateTimeOffset Start = new(2025, 3, 3, 10, 0, 0, BeijingTime.Offset);

    private readonly RuleBook rules = RulesLoader.Load(null, "current");

    [Fact]
    public void An_order_awaiting_its_codes_with_a_scenario_and_codes_sent_failed_resent_and_validated_round_trips()
    {
        var codes = new Codes();
        var scenario = OrderScenario.ParseHeader("sms-late:2h,sync-delay:45m,review-days:3,review-reject:bad_content,restrict-after:30d", "scenario", new Violations());
        var order = FilingOrder.Submit("order-1", "provider-1", new AdmittedOrder(FilingType.Initial, RichFiling(), null, []) { Scenario = scenario }, Start, rules, Planner());
        SendAll(order, codes);
        var at = order.Validations[0].ScheduledAt.AddMinutes(1);
        order.FailValidation(0, at, rules);
        order.ResendCode(0, codes, at.AddMinutes(1), rules);

        var json = RoundTrips(order, DocumentJson.Default.FilingOrder, DocumentWriterJson.Default.FilingOrder);
        Assert.All(new[] { "\"validations\"", "\"CodeHash\"", "\"CodeSentAt\"", "\"ResendsUsed\":1", "\"ConsecutiveFailures\":1",
            "\"People\"", "\"ValidationDeadline\"", "\"Scenario\"", "\"SmsLate\"", "\"AfterApproval\"", "\"PreApprovals\"", "\"App\"", "\"WrongCode\"" },
            part => Assert.Contains(part, json));
    }

    [Fact]
    public void An_order_approved_after_a_verification_call_round_trips()
    {
        var codes = new Codes();
        var scenario = OrderScenario.ParseHeader("verification-call,fixed-code", "scenario", new Violations());
        var order = FilingOrder.Submit("order-2", "provider-1", new AdmittedOrder(FilingType.Initial, RichFiling(), null, []) { Scenario = scenario }, Start, rules, Planner());
        SendAll(order, codes);
        var at = order.Validations.Max(v => v.ScheduledAt).AddMinutes(1);
        for (var i = 0; i < order.Validations.Count; i++)
        {
            order.CompleteValidation(i, at, Planner());
        }
        Assert.Equal(OrderStatus.UnderReview, order.Status);
        order.PlaceVerificationCall(at.AddMinutes(1), rules);
        order.AnswerVerificationCall(at.AddMinutes(2));
        order.Approve(DecisionReasons.Approved(at.AddDays(3), "浙江省通信管理局", ""), "浙ICP备2025000001号",
            ["浙ICP备2025000001号-1", "浙ICP备2025000001号-2A"], "Secret-1", rules);

        var json = RoundTrips(order, DocumentJson.Default.FilingOrder, DocumentWriterJson.Default.FilingOrder);
        Assert.All(new[] { "\"Call\"", "\"AnsweredAt\"", "\"Decision\"", "\"SubjectNumber\"", "\"ServiceNumbers\"", "\"ReviewStartedAt\"", "\"ReviewDueAt\"",
            "\"VerificationCallPlanned\":true", "\"CompletedAt\"", "\"FixedCode\":true", "\"Approved\"" }, part => Assert.Contains(part, json));
    }

    [Fact]
    public void An_order_returned_when_its_codes_expired_round_trips()
    {
        var order = FilingOrder.Submit("order-3", "provider-1", new AdmittedOrder(FilingType.Initial, RichFiling(), null, []), Start, rules, Planner());
        SendAll(order, new Codes());
        order.ExpireValidation(order.ValidationDeadline!.Value, rules);

        var json = RoundTrips(order, DocumentJson.Default.FilingOrder, DocumentWriterJson.Default.FilingOrder);
        Assert.All(new[] { "\"Returned\"", "\"Closed\":true", "SMS_VALIDATION_EXPIRED" }, part => Assert.Contains(part, json));
    }

    [Fact]
    public void A_filed_subject_under_supervision_with_an_empty_shell_and_locked_password_checks_round_trips()
    {
        var subject = SupervisedSubject(out var json);
        Assert.All(new[] { "\"services\"", "\"Restriction\"", "\"SpotCheck\"", "\"EmptySince\"", "\"EmptyShellDeferredTo\"", "\"Planned\"",
            "\"PasswordLockedUntil\"", "\"FailedPasswordChecks\"", "\"LastServiceSequence\":3", "\"AccessProviders\"" }, part => Assert.Contains(part, json));
        Assert.Equal(3, subject.Services.Count);
    }

    [Fact]
    public void Public_records_and_event_details_round_trip()
    {
        var subject = SupervisedSubject(out _);
        foreach (var record in PublicRecord.Of(subject))
        {
            RoundTrips(record, DocumentJson.Default.PublicRecord, DocumentWriterJson.Default.PublicRecord);
        }
        Assert.Contains("\"AccessRestricted\":true", string.Concat(PublicRecord.Of(subject).Select(r => JsonSerializer.Serialize(r, Reflection))));
        RoundTrips(new EventDetail("浙ICP备2025000001号", ["浙ICP备2025000001号-1"], "REVIEW_REJECTED", "Rejected", "驳回", 1002), StoreRowJson.Default.EventDetail, StoreRowJson.Default.EventDetail);
        RoundTrips(new EventDetail(null, null, null, null, null), StoreRowJson.Default.EventDetail, StoreRowJson.Default.EventDetail);
        IEnumerable<string> list = ["example.cn", "app:cn.example.shop"];
        Assert.Equal(JsonSerializer.Serialize(list, Reflection), JsonSerializer.Serialize(list, StoreRowJson.Default.IEnumerableString));
    }

    [Fact]
    public void Every_stored_type_and_every_type_inside_it_is_generated_with_every_member_reflection_reads_and_writes()
    {
        // A generated context answers only for the types it was generated for (no reflection behind it): a type it
        // lacks would be null here. Each type's members are reflection's, each settable where reflection's is.
        var seen = new HashSet<Type>();
        var pending = new Queue<(JsonSerializerContext Context, Type Type, string From)>(
        [
            (DocumentJson.Default, typeof(FilingOrder), "the orders"),
            (DocumentJson.Default, typeof(FiledSubject), "the subjects"),
            (DocumentJson.Default, typeof(PublicRecord), "the public records"),
            (DocumentJson.Default, typeof(WebsiteFiling), "the public-security filings"),
            (DocumentJson.Default, typeof(PublicSecurityAccount), "the public-security accounts"),
            (StoreRowJson.Default, typeof(EventDetail), "the events"),
            (StoreRowJson.Default, typeof(IEnumerable<string>), "the lists"),
        ]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Type))
            {
                continue;
            }
            var generated = next.Context.GetTypeInfo(next.Type);
            Assert.True(generated is not null, $"{next.Type} ({next.From}) is not generated");
            var reflected = Reflection.GetTypeInfo(next.Type);
            Assert.Equal(reflected.Kind, generated.Kind);
            Assert.Equal(reflected.Properties.Select(p => p.Name).Order(), generated.Properties.Select(p => p.Name).Order());
            foreach (var property in reflected.Properties)
            {
                var twin = generated.Properties.Single(p => p.Name == property.Name);
                Assert.True(property.Set is null || twin.Set is not null || property.AssociatedParameter is not null,
                    $"{next.Type.Name}.{property.Name} is set by reflection but not by the generated code");
                Assert.True(property.Get is null || twin.Get is not null, $"{next.Type.Name}.{property.Name} is read by reflection but not by the generated code");
                if (property.Get is not null || property.Set is not null)
                {
                    pending.Enqueue((next.Context, property.PropertyType, $"{next.Type.Name}.{property.Name}"));
                }
            }
            if (reflected.ElementType is { } element)
            {
                pending.Enqueue((next.Context, element, $"{next.Type.Name}'s elements"));
            }
            Assert.Equal(reflected.CreateObject is null && reflected.Kind == JsonTypeInfoKind.Object && reflected.Properties.All(p => p.AssociatedParameter is null),
                generated.CreateObject is null && generated.Kind == JsonTypeInfoKind.Object && generated.Properties.All(p => p.AssociatedParameter is null));
        }
        Assert.Contains(typeof(SmsValidation), seen);
        Assert.All(new[] { typeof(FilingOrder), typeof(FiledSubject), typeof(PublicRecord), typeof(WebsiteFiling), typeof(PublicSecurityAccount) },
            type => Assert.True(DocumentWriterJson.Default.GetTypeInfo(type) is not null, $"{type} has no generated writer"));
    }

    /// <summary>
    /// Serializes <paramref name="value"/> by reflection, by the generated contract and by the generated writer, and
    /// reads each back both ways: each writes the same JSON, and every reading, written again by reflection, is that JSON.
    /// Returns it.
    /// </summary>
    private static string RoundTrips<T>(T value, JsonTypeInfo<T> generated, JsonTypeInfo<T> writer)
    {
        var reflected = JsonSerializer.SerializeToUtf8Bytes(value, Reflection);
        var written = JsonSerializer.SerializeToUtf8Bytes(value, writer);
        var expected = Encoding.UTF8.GetString(reflected);
        Assert.Equal(expected, Encoding.UTF8.GetString(written));
        Assert.Equal(expected, JsonSerializer.Serialize(value, generated));
        Assert.Equal(expected, Again(JsonSerializer.Deserialize(reflected, generated)));
        Assert.Equal(expected, Again(JsonSerializer.Deserialize(written, generated)));
        Assert.Equal(expected, Again(JsonSerializer.Deserialize<T>(written, Reflection)));
        return expected;

        static string Again(T? read) => JsonSerializer.Serialize(read, Reflection);
    }

    private FiledSubject SupervisedSubject(out string json)
    {
        var subject = FiledSubject.Create("浙ICP备2025000001号", RichFiling().Subject, "hash", Start);
        var services = RichFiling().Services;
        var first = subject.AddService(services[0], "provider-1", Start).Number;
        var app = subject.AddService(services[1], "provider-2", Start).Number;
        var shell = subject.AddService(services[0] with { Domains = ["example.com.cn"], HomeUrl = "https://www.example.com.cn/" }, "provider-3", Start).Number;
        var reason = new AdministrativeReason("CONTENT", 12, "Content", "内容");
        subject.AddAccess(first, "provider-4", Start.AddDays(1));
        subject.OpenSpotCheck(first, reason, Start.AddDays(11), Start.AddDays(1));
        subject.Plan(first, SupervisionAction.Revoke, Start.AddDays(30), Start.AddDays(1));
        subject.Restrict(app, reason, Start.AddDays(2));
        subject.RemoveAccess(shell, "provider-3", Start.AddDays(3));
        subject.DeferEmptyShellCancellation(shell, Start.AddDays(40), Start.AddDays(3));
        for (var i = 0; i < rules.Passwords.MaxFailedChecks; i++)
        {
            subject.RecordPasswordCheck(false, Start.AddDays(4), rules.Passwords);
        }
        json = RoundTrips(subject, DocumentJson.Default.FiledSubject, DocumentWriterJson.Default.FiledSubject);
        return subject;
    }

    private ReviewPlanner Planner() => new(rules.Calendar, rules.Review, 42);

    private void SendAll(FilingOrder order, Codes codes)
    {
        foreach (var deadline in order.Deadlines().Where(d => d.Kind == DeadlineKind.SendCode).ToList())
        {
            order.SendCode(deadline.Item, codes, deadline.DueAt, rules);
        }
    }

    /// <summary>A company filing a website (with a pre-approval) and an app, each run by another administrator.</summary>
    private static Filing RichFiling()
    {
        var address = new Address("zhejiang", "杭州市", "西湖区文三路 100 号");
        var leader = new Person("张三", 2, "330106198503071238", "13800138000", "zhangsan@example.cn");
        var subject = new Subject(4, "杭州示例科技有限公司", 13, "91330106MA2KEXAMP4", "zhejiang", address, address with { Detail = "滨江区 1 号" }, leader);
        var website = new Service(ServiceKind.Website, "示例科技官网", ["example.cn", "example.com.cn"], "https://www.example.cn/", [1, 2], "企业介绍",
            new Person("李四", 2, "11010519491231002X", "13012345678", "lisi@example.cn"))
        {
            PreApprovals = [new PreApproval(6, "浙通信 2025-001")],
        };
        var app = new Service(ServiceKind.App, "示例 App", [], "", [1], "企业介绍", new Person("王五", 2, "110101199003074514", "18912345678", "wangwu@example.cn"),
            new AppInfo("cn.example.shop", AppPlatform.Android, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "0123456789ABCDEF0123456789abcdef"));
        return new Filing(subject, [website, app]);
    }

    private sealed class Codes : ISmsCodes
    {
        private int issued;

        public string NewCode() => (100001 + issued++).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        public byte[] Hash(string orderId, int index, string code) => SHA256.HashData(Encoding.UTF8.GetBytes($"{orderId}:{index}:{code}"));
    }
}
