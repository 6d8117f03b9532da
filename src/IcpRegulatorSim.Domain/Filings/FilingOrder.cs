using System.Security.Cryptography;
using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Filings;

/// <summary>
/// A filing order and its lifecycle: submitted → SMS validation (where required) → review → approved | rejected,
/// or returned when validation expires, or withdrawn by the provider before a decision.
/// Every change records an event and the messages it sends; the store persists them with the order.
/// </summary>
public sealed class FilingOrder
{
    [JsonInclude, JsonPropertyName("validations")]
    private List<SmsValidation> validations = [];
    private readonly List<OrderEvent> newEvents = [];
    private readonly List<OutgoingMessage> newMessages = [];

    [JsonConstructor]
    private FilingOrder()
    {
    }

    [JsonInclude] public string OrderId { get; private set; } = "";
    [JsonInclude] public string ProviderId { get; private set; } = "";
    [JsonInclude] public FilingType Type { get; private set; }
    [JsonInclude] public OrderStatus Status { get; private set; }
    [JsonInclude] public Filing Filing { get; private set; } = null!;
    [JsonInclude] public DateTimeOffset SubmittedAt { get; private set; }
    [JsonInclude] public DateTimeOffset UpdatedAt { get; private set; }
    [JsonInclude] public DateTimeOffset? ValidationDeadline { get; private set; }
    [JsonInclude] public DateTimeOffset? ReviewDueAt { get; private set; }
    [JsonInclude] public Decision? Decision { get; private set; }
    [JsonInclude] public string? SubjectNumber { get; private set; }
    [JsonInclude] public IReadOnlyList<string> ServiceNumbers { get; private set; } = [];
    /// <summary>The path forced on this order by the sandbox, if any.</summary>
    [JsonInclude] public OrderScenario? Scenario { get; private set; }
    /// <summary>Whether the administration calls the entity leader when review starts (its province's rule, or a scenario).</summary>
    [JsonInclude] public bool VerificationCallPlanned { get; private set; }
    [JsonInclude] public DateTimeOffset? ReviewStartedAt { get; private set; }
    /// <summary>The administration's verification call (管局电话核验), once placed.</summary>
    [JsonInclude] public VerificationCall? Call { get; private set; }

    [JsonIgnore] public IReadOnlyList<SmsValidation> Validations => validations;
    /// <summary>
    /// What happened to the order, in the order it happened: its events, each wrong code typed, each message sent.
    /// Ties of the simulated clock (a frozen one gives many) keep their order here, as they cannot by time alone.
    /// </summary>
    [JsonInclude] public List<OrderStep> Steps { get; private set; } = [];

    /// <summary>Events recorded since the order was loaded or created.</summary>
    [JsonIgnore] public IReadOnlyList<OrderEvent> NewEvents => newEvents;
    /// <summary>Messages sent since the order was loaded or created.</summary>
    [JsonIgnore] public IReadOnlyList<OutgoingMessage> NewMessages => newMessages;

    public static FilingOrder Submit(
        string orderId, string providerId, FilingType type, Filing filing, DateTimeOffset now, RuleBook rules, ReviewPlanner planner) =>
        Submit(orderId, providerId, new AdmittedOrder(type, filing, null, []), now, rules, planner);

    public static FilingOrder Submit(
        string orderId, string providerId, AdmittedOrder admitted, DateTimeOffset now, RuleBook rules, ReviewPlanner planner)
    {
        var scenario = admitted.Scenario;
        var order = new FilingOrder
        {
            OrderId = orderId,
            ProviderId = providerId,
            Type = admitted.Type,
            Filing = admitted.Filing,
            SubjectNumber = admitted.SubjectNumber,
            ServiceNumbers = admitted.ServiceNumbers,
            SubmittedAt = now,
            UpdatedAt = now,
            Status = OrderStatus.AwaitingSmsValidation,
            Scenario = scenario is { IsNone: false } ? scenario : null,
            VerificationCallPlanned = scenario.VerificationCall || rules.Province(admitted.Filing.Subject.Province).VerificationCall,
        };
        var recipients = SmsPolicy.Recipients(order.Type, order.Filing, rules);
        if (recipients.Count == 0)
        {
            order.Record(OrderEventKind.Submitted, now);
            order.EnterReview(now, planner);
            return order;
        }
        // The codes go out once the order has synced into the validation database and the SMS delay has passed;
        // the 24 hours count from then, however late the SMS itself turns out to be.
        var sendAt = now + (scenario.SyncDelay ?? rules.Sms.SyncDelay) + rules.Sms.SendDelay;
        order.ValidationDeadline = sendAt + rules.Sms.Validity;
        var deliverAt = sendAt + (scenario.SmsLate ?? TimeSpan.Zero);
        order.validations = recipients.Select((r, i) => new SmsValidation(i, r, deliverAt)).ToList();
        order.Record(OrderEventKind.Submitted, now);
        return order;
    }

    /// <summary>Forgets the events and messages recorded so far, once the store has persisted them.</summary>
    public void ClearNewChanges()
    {
        newEvents.Clear();
        newMessages.Clear();
    }

    /// <summary>The moments at which the regulator will act on this order by itself, as its state stands.</summary>
    public IEnumerable<Deadline> Deadlines()
    {
        if (Status == OrderStatus.AwaitingSmsValidation)
        {
            foreach (var v in validations.Where(v => v.State == SmsValidationState.Scheduled))
            {
                yield return new Deadline(DeadlineKind.SendCode, v.ScheduledAt, v.Index);
            }
            yield return new Deadline(DeadlineKind.ExpireValidation, ValidationDeadline!.Value);
        }
        else if (Status == OrderStatus.UnderReview)
        {
            yield return new Deadline(DeadlineKind.ReviewDecision, ReviewDueAt!.Value);
            if (VerificationCallPlanned && Call is null && ReviewStartedAt is { } started)
            {
                yield return new Deadline(DeadlineKind.PlaceVerificationCall, started);
            }
            if (Call is { AnsweredAt: null } call)
            {
                yield return new Deadline(DeadlineKind.VerificationCallUnanswered, call.AnswerBy);
            }
        }
    }

    public void SendCode(int index, ISmsCodes codes, DateTimeOffset now, RuleBook rules)
    {
        var validation = PendingOrScheduled(index, "sent a code");
        if (validation.State != SmsValidationState.Scheduled)
        {
            throw RegulatorErrors.Illegal(Status, "sent a first code twice");
        }
        var code = NewCode(codes);
        validation.IssueCode(codes.Hash(OrderId, index, code), now);
        Record(OrderEventKind.CodeSent, now, validation.Mobile);
        if (Scenario?.SmsLost != true)
        {
            Notify([Notices.Code(rules, validation.Mobile, code, ValidationDeadline!.Value)], now);
        }
    }

    /// <summary>The codes of this order that the validation page can act on for this mobile and certificate suffix.</summary>
    public IEnumerable<SmsValidation> PendingValidations(string mobile, string certificateSuffix, DateTimeOffset now) =>
        Status == OrderStatus.AwaitingSmsValidation && now < ValidationDeadline
            ? validations.Where(v => v.State == SmsValidationState.Pending && v.Matches(mobile, certificateSuffix))
            : [];

    public bool CodeMatches(int index, string code, ISmsCodes codes) =>
        validations[index].CodeHash is { } stored
        && CryptographicOperations.FixedTimeEquals(stored, codes.Hash(OrderId, index, code));

    /// <summary>Marks one code validated; returns true when it was the last one and the order went to review.</summary>
    public bool CompleteValidation(int index, DateTimeOffset now, ReviewPlanner planner)
    {
        var validation = PendingOrScheduled(index, "validated");
        validation.Complete(now);
        Record(OrderEventKind.Validated, now, validation.Mobile);
        if (validations.Any(v => v.State != SmsValidationState.Complete))
        {
            return false;
        }
        EnterReview(now, planner);
        return true;
    }

    public void FailValidation(int index, DateTimeOffset now, RuleBook rules)
    {
        var validation = PendingOrScheduled(index, "validated");
        validation.Fail();
        UpdatedAt = now;
        Steps.Add(new OrderStep(OrderEventKind.WrongCode, now, validation.Mobile));
        if (validation.ConsecutiveFailures >= rules.Sms.MaxConsecutiveFailures)
        {
            End(DecisionReasons.TooManyFailedCodes(now, validation.ConsecutiveFailures), OrderEventKind.Rejected, rules);
        }
    }

    public bool CanResend(int index, RuleBook rules) => validations[index].ResendsUsed < rules.Sms.MaxResends;

    /// <summary>A new code replaces the old one; the validation deadline stays where it was.</summary>
    public void ResendCode(int index, ISmsCodes codes, DateTimeOffset now, RuleBook rules)
    {
        var validation = PendingOrScheduled(index, "sent a new code");
        if (validation.State != SmsValidationState.Pending || !CanResend(index, rules))
        {
            throw RegulatorErrors.Illegal(Status, "sent a new code");
        }
        var code = NewCode(codes);
        validation.Resend(codes.Hash(OrderId, index, code), now);
        Record(OrderEventKind.CodeResent, now, validation.Mobile);
        Notify([Notices.Code(rules, validation.Mobile, code, ValidationDeadline!.Value)], now);
    }

    /// <summary>
    /// During a cancellation, a validation person whose mobile is unavailable gets the code on <paramref name="newMobile"/>
    /// instead: a code already sent is replaced by a new one there (the validation's resends and failures stay as they
    /// were); one not sent yet goes there when it is due. For every other order type the real answer is to withdraw
    /// the order and file it again with the right number.
    /// </summary>
    public void UpdateValidationMobile(string mobile, string newMobile, ISmsCodes codes, DateTimeOffset now, RuleBook rules)
    {
        if (Type is not (FilingType.CancelSubject or FilingType.CancelService))
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.MobileUpdateNotAllowed, "ORDER_TYPE", ContractNames.Of(Type), RefusalTexts.MobileUpdateNotAllowed(Type));
        }
        RequireStatus(OrderStatus.AwaitingSmsValidation, "given a new validation mobile");
        var validation = validations.FirstOrDefault(v => v.Mobile == mobile && v.State is SmsValidationState.Pending or SmsValidationState.Scheduled)
            ?? throw RegulatorErrors.Invalid("mobile", "NOT_ON_ORDER", FieldTexts.MobileNotOnOrder(OrderId, mobile));
        if (validations.Any(v => v.Mobile == newMobile && v.State is SmsValidationState.Pending or SmsValidationState.Scheduled))
        {
            throw RegulatorErrors.Invalid("new_mobile", "ALREADY_ON_ORDER", FieldTexts.MobileAlreadyOnOrder(OrderId, newMobile));
        }
        validation.ChangeMobile(newMobile);
        if (validation.State == SmsValidationState.Pending)
        {
            var code = NewCode(codes);
            validation.IssueCode(codes.Hash(OrderId, validation.Index, code), now);
            Record(OrderEventKind.CodeSent, now, newMobile);
            Notify([Notices.Code(rules, newMobile, code, ValidationDeadline!.Value)], now);
        }
    }

    /// <summary>
    /// The administration calls the entity leader (管局电话核验), to be answered within the rules' window. The call, its
    /// answer and its going unanswered are events of the order, so that its provider can tell the applicant to pick up.
    /// </summary>
    public void PlaceVerificationCall(DateTimeOffset now, RuleBook rules)
    {
        RequireStatus(OrderStatus.UnderReview, "verified by a call");
        Call = new VerificationCall(now, now + rules.Review.VerificationCallWindow, null);
        Record(OrderEventKind.VerificationCallPlaced, now, Filing.Subject.Leader.Mobile);
        Notify([Notices.VerificationCall(rules, Filing.Subject.Leader, OrderId, Call.AnswerBy)], now);
    }

    /// <summary>The entity leader answers the administration's call.</summary>
    public void AnswerVerificationCall(DateTimeOffset now)
    {
        Call = RingingCall(now, "answered a verification call") with { AnsweredAt = now };
        Record(OrderEventKind.VerificationCallAnswered, now, Filing.Subject.Leader.Mobile);
    }

    /// <summary>The call was not answered by its deadline: the order is rejected (驳回) with <paramref name="decision"/>.</summary>
    public void MissVerificationCall(Decision decision, RuleBook rules)
    {
        RingingCall(decision.DecidedAt, "rejected for a verification call");
        Record(OrderEventKind.VerificationCallUnanswered, decision.DecidedAt, Filing.Subject.Leader.Mobile);
        End(decision, OrderEventKind.Rejected, rules);
    }

    private VerificationCall RingingCall(DateTimeOffset now, string action)
    {
        RequireStatus(OrderStatus.UnderReview, action);
        return Call is { AnsweredAt: null } call && now <= call.AnswerBy
            ? call
            : throw RegulatorErrors.Illegal(Status, $"{action} that is not ringing");
    }

    public void ExpireValidation(DateTimeOffset now, RuleBook rules)
    {
        RequireStatus(OrderStatus.AwaitingSmsValidation, "returned for expired validation");
        End(DecisionReasons.ValidationExpired(now), OrderEventKind.Returned, rules);
    }

    public void Withdraw(DateTimeOffset now, RuleBook rules)
    {
        if (!Status.IsOpen())
        {
            throw RegulatorErrors.Illegal(Status, "withdrawn");
        }
        End(DecisionReasons.Withdrawn(now, ProviderId), OrderEventKind.Withdrawn, rules);
    }

    /// <param name="serviceNumbers">The numbers of the order's services, index-aligned with <see cref="Filing"/>'s (issued, for new ones).</param>
    public void Approve(
        Decision decision, string subjectNumber, IReadOnlyList<string> serviceNumbers, string? newPassword, RuleBook rules)
    {
        RequireStatus(OrderStatus.UnderReview, "approved");
        SubjectNumber = subjectNumber;
        ServiceNumbers = serviceNumbers;
        End(decision, OrderEventKind.Approved, rules);
        Notify(Notices.Approved(rules, Filing.Subject.Leader, OrderId, Type, subjectNumber, serviceNumbers, newPassword), decision.DecidedAt);
    }

    public void Reject(Decision decision, RuleBook rules)
    {
        RequireStatus(OrderStatus.UnderReview, "rejected");
        End(decision, OrderEventKind.Rejected, rules);
    }

    /// <summary>How the administration decides when the review time is up: as the scenario says, else approval.</summary>
    public Decision AutomaticDecision(DateTimeOffset now, string administration, CodeTables tables) =>
        Scenario?.RejectReasonCode is { } reason
            ? DecisionReasons.Rejected(now, administration, tables.RejectionReason(reason))
            : DecisionReasons.Approved(now, administration, "");

    private string NewCode(ISmsCodes codes) => Scenario?.FixedCode == true ? OrderScenario.FixedCodeValue : codes.NewCode();

    private void EnterReview(DateTimeOffset now, ReviewPlanner planner)
    {
        Status = OrderStatus.UnderReview;
        ReviewStartedAt = now;
        ReviewDueAt = Scenario?.ApproveImmediately == true
            ? now
            : planner.DueAt(OrderId, Type, Filing.Subject.Province, now, Scenario?.ReviewWorkingDays);
        Record(OrderEventKind.UnderReview, now);
    }

    private void End(Decision decision, OrderEventKind kind, RuleBook rules)
    {
        Status = decision.Outcome;
        Decision = decision;
        foreach (var v in validations.Where(v => v.State is SmsValidationState.Scheduled or SmsValidationState.Pending))
        {
            v.Close();
        }
        Record(kind, decision.DecidedAt);
        Notify(Notices.Ended(rules, Filing.Subject.Leader, OrderId, decision), decision.DecidedAt);
    }

    private SmsValidation PendingOrScheduled(int index, string action)
    {
        RequireStatus(OrderStatus.AwaitingSmsValidation, action);
        if (index < 0 || index >= validations.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "No such SMS validation on this order.");
        }
        var validation = validations[index];
        if (validation.State is SmsValidationState.Complete or SmsValidationState.Closed)
        {
            throw RegulatorErrors.Illegal(Status, action);
        }
        return validation;
    }

    private void RequireStatus(OrderStatus expected, string action)
    {
        if (Status != expected)
        {
            throw RegulatorErrors.Illegal(Status, action);
        }
    }

    private void Record(OrderEventKind kind, DateTimeOffset at, string? mobile = null)
    {
        UpdatedAt = at;
        newEvents.Add(new OrderEvent(kind, at, Status, mobile));
        Steps.Add(new OrderStep(kind, at, mobile));
    }

    private void Notify(IEnumerable<OutgoingMessage> messages, DateTimeOffset at)
    {
        foreach (var message in messages)
        {
            newMessages.Add(message);
            Steps.Add(new OrderStep(OrderEventKind.Message, at, message.Recipient));
        }
    }
}

/// <summary>The administration's call to the entity leader during review: placed, to be answered by <see cref="AnswerBy"/>.</summary>
public sealed record VerificationCall(DateTimeOffset PlacedAt, DateTimeOffset AnswerBy, DateTimeOffset? AnsweredAt);
