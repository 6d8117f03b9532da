using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Web;

/// <summary>One message as the phone or the mailbox shows it; an SMS links to the validation page, as the real one does.</summary>
/// <remarks>A call (the administration's verification call) is shown as one, to be answered on the phone page.</remarks>
public sealed record InboxItem(long Seq, bool Sms, bool Call, string Sender, string At, string Subject, string Body, string? Link, string LinkText)
{
    public static InboxItem Of(MessageRow m, PageContext page)
    {
        var sms = m.Channel == (long)MessageChannel.Sms;
        return new InboxItem(m.MessageSeq, sms, m.Channel == (long)MessageChannel.Call, m.Sender, PageContext.Time(m.SentAtMs), m.Subject, m.Body,
            sms ? page.Href("/sms/validate", ("mobile", m.Recipient)) : null, page.T(Labels.OpenValidation));
    }

    public string Kind => Call ? "call" : Sms ? "sms" : "email";

    /// <summary>The body cut around its filing numbers, for the live page to keep each on one line as the first render does.</summary>
    public IReadOnlyList<NumberedText.Part> BodyParts => NumberedText.Parts(Body);
}
