using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

public enum Tone
{
    Neutral,
    Good,
    Bad,
}

/// <summary>One step of an order's story: when, what (in both languages), the text that went out, and whether it went well.</summary>
public sealed record TimelineEntry(DateTimeOffset At, PageMessage Text, string? Detail, Tone Tone)
{
    public static TimelineEntry Of(OrderStep step, FilingOrder order, MessageRow? message)
    {
        var who = step.Who ?? "";
        var decision = order.Decision;
        return step.Kind switch
        {
            OrderEventKind.Submitted => new(step.At, Labels.StepSubmitted(order.ProviderId, Notices.Names[order.Type]), null, Tone.Neutral),
            OrderEventKind.CodeSent => new(step.At, Labels.StepCodeSent(who), null, Tone.Neutral),
            OrderEventKind.CodeResent => new(step.At, Labels.StepCodeResent(who), null, Tone.Neutral),
            OrderEventKind.WrongCode => new(step.At, Labels.StepWrongCode(who), null, Tone.Bad),
            OrderEventKind.Validated => new(step.At, Labels.StepValidated(who), null, Tone.Good),
            OrderEventKind.UnderReview => new(step.At, Labels.StepUnderReview, null, Tone.Neutral),
            OrderEventKind.Approved => new(step.At, Labels.StepApproved(order.SubjectNumber ?? "", order.ServiceNumbers), null, Tone.Good),
            OrderEventKind.Rejected => new(step.At, Labels.StepRejected(decision?.En ?? "", decision?.Zh ?? ""), null, Tone.Bad),
            OrderEventKind.Returned => new(step.At, Labels.StepReturned(decision?.En ?? "", decision?.Zh ?? ""), null, Tone.Bad),
            OrderEventKind.Withdrawn => new(step.At, Labels.StepWithdrawn, null, Tone.Bad),
            OrderEventKind.VerificationCallPlaced => new(step.At, Labels.StepCallPlaced(who), null, Tone.Neutral),
            OrderEventKind.VerificationCallAnswered => new(step.At, Labels.StepCallAnswered(who), null, Tone.Good),
            OrderEventKind.VerificationCallUnanswered => new(step.At, Labels.StepCallUnanswered(who), null, Tone.Bad),
            OrderEventKind.Message when message is { Channel: (long)MessageChannel.Email } =>
                new(step.At, Labels.StepEmail(message.Recipient, message.Subject), message.Body, Tone.Neutral),
            OrderEventKind.Message when message is { Channel: (long)MessageChannel.Call } => new(step.At, Labels.StepCall(who), message.Body, Tone.Neutral),
            OrderEventKind.Message => new(step.At, Labels.StepSms(who), message?.Body, Tone.Neutral),
            var kind => throw new ArgumentOutOfRangeException(nameof(step), kind, "A step the timeline does not know."),
        };
    }
}
