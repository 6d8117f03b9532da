using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// The world a scenario runs in, created for it and deleted after it, so that nothing it files, sends or moves
/// (orders, numbers, outbox, clock) touches anything else on the server. It also holds the steps every script
/// takes in the same way: submitting, letting the codes go out, validating as the applicants, deciding.
/// </summary>
public sealed class ScenarioWorld
{
    /// <summary>
    /// Where every scenario's clock starts, frozen: a Monday 09:00 in Beijing, in the years the holiday calendar
    /// ships, so review times counted in working days come out the same on every run.
    /// </summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public const long Seed = 20260302;

    /// <summary>The province the scripts file in, and of the providers they create (so <c>ownProvinceOnly</c> lets them).</summary>
    public const string Province = "zhejiang";

    private readonly ProviderGatewayClient gateway;

    private ScenarioWorld(ProviderGatewayClient gateway, string worldId, ScenarioSteps steps)
    {
        this.gateway = gateway;
        WorldId = worldId;
        Steps = steps;
        // No provider key: the gateway's own would file in the world that key belongs to (the default one), so a
        // provider call made through this client by mistake is refused instead of disturbing that world.
        Regulator = gateway.InWorld(worldId, providerKey: "");
    }

    public string WorldId { get; }

    public ScenarioSteps Steps { get; }

    /// <summary>The administration, the sandbox and the public pages of this world (admin key, world header); no provider.</summary>
    public ProviderGatewayClient Regulator { get; }

    /// <summary>The rules in force (SMS delay and validity, resends, failures), read by <see cref="ReadRulesAsync"/>.</summary>
    public Rules Rules { get; private set; } = new();

    public SampleFilings Samples { get; } = new(seed: 12381);

    public static async Task<ScenarioWorld> CreateAsync(
        ProviderGatewayClient gateway, string scenario, ScenarioSteps steps, CancellationToken cancellationToken)
    {
        var id = $"scn-{scenario}-{Guid.NewGuid():N}"[..Math.Min(40, scenario.Length + 11)];
        await steps.CallAsync($"create world {id}", () => gateway.CreateWorldAsync(id, Seed, ClockStart, clockRate: 0, cancellationToken),
            w => $"clock frozen at {w.Clock.BeijingTime} (Beijing)");
        return new ScenarioWorld(gateway, id, steps);
    }

    public async Task ReadRulesAsync(CancellationToken cancellationToken) =>
        Rules = await Steps.CallAsync("read the rules in force", () => Regulator.GetRulesAsync(cancellationToken),
            r => $"profile {r.Profile}: codes {Span(r.SmsSendDelay.ToTimeSpan())} after submission, valid {Span(r.SmsValidity.ToTimeSpan())}, "
                + $"{r.MaxResends} resends, {r.MaxConsecutiveFailures} failures reject");

    /// <summary>Deletes the world; a failure is reported as a failed step, never thrown, since this runs on the way out.</summary>
    public async Task DeleteAsync()
    {
        try
        {
            // Not the script's token: an interrupted scenario still cleans up after itself.
            await gateway.DeleteWorldAsync(WorldId, CancellationToken.None);
            Steps.Pass($"delete world {WorldId}");
        }
        catch (RegulatorCallException e)
        {
            Steps.Fail($"delete world {WorldId}", "an answer", ScenarioSteps.Refusal(e));
        }
    }

    /// <summary>A provider of this world, with a key of its own.</summary>
    public async Task<ProviderGatewayClient> ProviderAsync(string providerId, string name, CancellationToken cancellationToken)
    {
        var key = await Steps.CallAsync($"create a key for provider {providerId}",
            () => Regulator.CreateProviderKeyAsync(providerId, name, Province, cancellationToken), k => $"{k.Name}, {k.Province}");
        return gateway.InWorld(WorldId, key.Key);
    }

    /// <summary>
    /// Registers the filing's domains to its subject in the world's registry, so the script runs the same whether or
    /// not the server trusts domains it has no fixture for (<c>TrustUnknownDomains</c>).
    /// </summary>
    public async Task RegisterDomainsAsync(Filing filing, CancellationToken cancellationToken)
    {
        var domains = filing.Services.SelectMany(s => s.Domains).ToList();
        var step = $"register {string.Join(", ", domains)} to {filing.Subject.Name}";
        foreach (var domain in domains)
        {
            await Steps.QuietAsync(step, () => Regulator.RegisterDomainAsync(
                SampleFilings.Registration(filing, domain, ClockStart.AddYears(2)), cancellationToken));
        }
        Steps.Pass(step);
    }

    public Task<AdvanceClockResponse> AdvanceAsync(TimeSpan by, string what, CancellationToken cancellationToken) =>
        Steps.CallAsync($"{Span(by)} pass{what}", () => Regulator.AdvanceClockAsync(by, cancellationToken),
            r => $"{r.Clock.BeijingTime}, {r.DeadlinesApplied} deadline{(r.DeadlinesApplied == 1 ? "" : "s")} applied");

    /// <summary>The order syncs into the validation database and the SMS delay passes: the codes go out.</summary>
    public Task<AdvanceClockResponse> LetCodesGoOutAsync(CancellationToken cancellationToken) =>
        AdvanceAsync((Rules.SmsSyncDelay?.ToTimeSpan() ?? TimeSpan.Zero) + Rules.SmsSendDelay.ToTimeSpan(), ": the codes go out", cancellationToken);

    /// <summary>Submits an order that must come back in <paramref name="expected"/> status; <paramref name="step"/> says what it submits ("submit …").</summary>
    public async Task<FilingOrder> SubmitAsync(
        ProviderGatewayClient provider, string step, SubmitFilingRequest request, OrderStatus expected, CancellationToken cancellationToken) =>
        (await Steps.ExpectAsync(step, () => provider.SubmitAsync(request, cancellationToken), r => r.Order.Status, expected,
            r => $"{r.Order.OrderId} {ScenarioSteps.Show(r.Order.Type)} {ScenarioSteps.Show(r.Order.Status)}")).Order;

    /// <summary>
    /// The opening most scripts share: provider A submits an INITIAL filing of a new company (its domains registered
    /// to it) and the codes go out; returns the provider, the filing, and the order awaiting validation.
    /// </summary>
    public async Task<(ProviderGatewayClient Provider, Filing Filing, FilingOrder Order)> SubmitCompanyAsync(CancellationToken cancellationToken)
    {
        var provider = await ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var filing = Samples.Company(Province);
        await RegisterDomainsAsync(filing, cancellationToken);
        var order = await SubmitAsync(provider, $"submit an INITIAL filing for {filing.Subject.Name}",
            new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing }, OrderStatus.AwaitingSmsValidation, cancellationToken);
        await LetCodesGoOutAsync(cancellationToken);
        return (provider, filing, order);
    }

    public Task<FilingOrder> ExpectStatusAsync(
        ProviderGatewayClient provider, string orderId, OrderStatus expected, string step, CancellationToken cancellationToken) =>
        Steps.ExpectAsync(step, () => provider.GetFilingAsync(orderId, cancellationToken), o => o.Status, expected);

    /// <summary>The latest code on <paramref name="person"/>'s phone; the step fails when none arrived.</summary>
    public async Task<string> CodeAsync(Person person, CancellationToken cancellationToken)
    {
        var step = $"a code reaches {Who(person)}";
        var codes = (await Inbox(step, person.Mobile, cancellationToken)).Select(m => m.VerificationCode()).OfType<string>().ToList();
        Steps.Expect(step, codes.Count > 0, "an SMS with a code", codes.Count > 0 ? codes[^1] : "none");
        return codes[^1];
    }

    public Task<ValidateCodeResponse> ValidateAsync(
        Person person, string code, ValidateOutcome expected, string what, CancellationToken cancellationToken) =>
        Steps.ExpectAsync($"{Who(person)} {what}", () => Regulator.ValidateCodeAsync(person.Mobile, person.Suffix(), code, cancellationToken),
            r => r.Outcome, expected);

    /// <summary>
    /// Everyone the order asks validates the code on their phone, the last one completing it; returns the order
    /// under review. The people are the applicants the script knows, as the real validation page needs them to be.
    /// </summary>
    public async Task<FilingOrder> ValidateEveryoneAsync(
        ProviderGatewayClient provider, FilingOrder order, IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        var validations = order.SmsValidations;
        for (var i = 0; i < validations.Count; i++)
        {
            var mobile = validations[i].Mobile;
            var person = people.FirstOrDefault(p => p.Mobile == mobile)
                ?? throw Steps.Fail($"order {order.OrderId} asks the people expected", string.Join(" or ", people.Select(p => p.Mobile).Distinct()), mobile);
            var code = await CodeAsync(person, cancellationToken);
            await ValidateAsync(person, code, i == validations.Count - 1 ? ValidateOutcome.Complete : ValidateOutcome.WaitingForOthers,
                "validates", cancellationToken);
        }
        return await ExpectStatusAsync(provider, order.OrderId, OrderStatus.UnderReview, $"order {order.OrderId} goes to the administration", cancellationToken);
    }

    public Task<FilingOrder> ApproveAsync(ProviderGatewayClient provider, string orderId, CancellationToken cancellationToken) =>
        Steps.ExpectAsync($"staff approve {orderId}", () => Regulator.ApproveAsync(orderId, opinion: "资料齐全", cancellationToken: cancellationToken),
            o => o.Status, OrderStatus.Approved, o => $"{ScenarioSteps.Show(o.Status)} {string.Join(", ", o.ServiceNumbers.Select(n => n.Number))}");

    /// <summary>
    /// Submits (<paramref name="step"/> says what: "submit …"), has everyone validate (when the order asks anyone)
    /// and staff approve: the order as approved.
    /// </summary>
    public async Task<FilingOrder> FileAsync(
        ProviderGatewayClient provider, string step, SubmitFilingRequest request, IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        var order = (await Steps.CallAsync(step, () => provider.SubmitAsync(request, cancellationToken),
            r => $"{r.Order.OrderId} {ScenarioSteps.Show(r.Order.Type)} {ScenarioSteps.Show(r.Order.Status)}")).Order;
        if (order.Status == OrderStatus.AwaitingSmsValidation)
        {
            await LetCodesGoOutAsync(cancellationToken);
            order = await ValidateEveryoneAsync(provider, order, people, cancellationToken);
        }
        else
        {
            Steps.Expect($"order {order.OrderId} asks nobody to validate and goes to the administration",
                order.Status == OrderStatus.UnderReview, ScenarioSteps.Show(OrderStatus.UnderReview), ScenarioSteps.Show(order.Status));
        }
        return await ApproveAsync(provider, order.OrderId, cancellationToken);
    }

    /// <summary>
    /// <paramref name="provider"/> files a new company with <paramref name="websites"/> websites (its domains registered
    /// to it): submitted, validated by everyone and approved. Returns the filing and the approved order.
    /// </summary>
    public async Task<(Filing Filing, FilingOrder Filed)> FileCompanyAsync(ProviderGatewayClient provider, int websites, CancellationToken cancellationToken)
    {
        var filing = Samples.Company(Province, websites);
        var subject = filing.Subject;
        await RegisterDomainsAsync(filing, cancellationToken);
        var filed = await FileAsync(provider, $"submit an INITIAL filing for {subject.Name}" + (websites > 1 ? $" with {websites} websites" : ""),
            new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing },
            [subject.Leader, .. filing.Services.Select(s => s.Administrator)], cancellationToken);
        return (filing, filed);
    }

    /// <summary>The filing password the approval SMS brought the entity leader.</summary>
    public async Task<string> PasswordAsync(Person leader, CancellationToken cancellationToken)
    {
        var step = $"the approval SMS brings {Who(leader)} the filing password";
        var password = (await Inbox(step, leader.Mobile, cancellationToken)).Select(m => m.FilingPassword()).OfType<string>().LastOrDefault();
        Steps.Expect(step, password is not null, "a password", password ?? "none");
        return password!;
    }

    /// <summary>
    /// The public query (by domain, number or subject name) finds exactly the services <paramref name="expected"/>
    /// names, by number, or nothing when it names none.
    /// </summary>
    public Task<PublicQueryResponse> ExpectPublicAsync(
        string step, Func<ProviderGatewayClient, Task<PublicQueryResponse>> query, params string[] expected) =>
        Steps.ExpectAsync(step, () => query(Regulator), Found, expected.Length == 0 ? NotFound : string.Join(", ", expected));

    public static string BeijingTime(Timestamp? t) =>
        t is null ? "nothing" : t.ToDateTimeOffset().ToOffset(ClockStart.Offset).ToString("yyyy-MM-dd HH:mm:ss");

    private const string NotFound = "not found";

    private static string Found(PublicQueryResponse r) =>
        r.Filings.Count == 0 ? NotFound : string.Join(", ", r.Filings.Select(f => f.ServiceNumber));

    /// <summary>
    /// The provider's first <paramref name="count"/> order events. They are already there, so the stream hands them
    /// over at once; the timeout only bounds the wait when the regulator has recorded fewer.
    /// </summary>
    public async Task<IReadOnlyList<OrderEvent>> EventsAsync(
        ProviderGatewayClient provider, int count, CancellationToken cancellationToken, Func<OrderEvent, bool>? which = null)
    {
        var events = new List<OrderEvent>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await foreach (var e in provider.WatchFilingsAsync(0, timeout.Token))
            {
                if (which is not null && !which(e))
                {
                    continue;
                }
                events.Add(e);
                if (events.Count == count)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && e is OperationCanceledException or Grpc.Core.RpcException or RegulatorCallException)
        {
            // Fewer events than expected: the caller's check says which are missing.
        }
        return events;
    }

    /// <summary>
    /// The provider's first <paramref name="count"/> events of the administration's (about its filed services, no
    /// order), each shown as its kind, numbers and reason, and checked against <paramref name="expected"/>.
    /// </summary>
    public async Task ExpectAdministrationEventsAsync(ProviderGatewayClient provider, string step, int count, string expected, CancellationToken cancellationToken)
    {
        var events = await EventsAsync(provider, count, cancellationToken, e => e.OrderId.Length == 0);
        Steps.Expect(step, expected, string.Join("; ", events.Select(e =>
            $"{ScenarioSteps.Show(e.Kind)} {string.Join(",", e.ServiceNumbers)} {e.ReasonCode}".TrimEnd())));
    }

    /// <summary>What the public query shows of the service with <paramref name="domain"/>: its number and whether access is restricted.</summary>
    public Task<PublicQueryResponse> ExpectAccessAsync(string step, string domain, string number, bool restricted, CancellationToken cancellationToken) =>
        Steps.ExpectAsync(step, () => Regulator.QueryByDomainAsync(domain, cancellationToken),
            r => string.Join(", ", r.Filings.Select(f => $"{f.ServiceNumber} {(f.AccessRestricted ? "access restricted" : "open")}")),
            $"{number} {(restricted ? "access restricted" : "open")}");

    public static string Who(Person person) => $"{person.Name} ({person.Mobile})";

    /// <summary>A duration the way the CLI takes them: 5m, 24h, 23h59m, 1d12h.</summary>
    public static string Span(TimeSpan span)
    {
        var parts = new[] { (span.Days, "d"), (span.Hours, "h"), (span.Minutes, "m"), (span.Seconds, "s") }.Where(p => p.Item1 != 0);
        var text = string.Concat(parts.Select(p => $"{p.Item1}{p.Item2}"));
        return text.Length == 0 ? "0s" : text;
    }

    /// <summary>What reached one phone or mailbox: the applicant reading their messages.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> Inbox(string step, string recipient, CancellationToken cancellationToken) =>
        (await Steps.QuietAsync(step, () => Regulator.ListMessagesAsync(recipient: recipient, pageSize: 1000, cancellationToken: cancellationToken))).Messages;
}
