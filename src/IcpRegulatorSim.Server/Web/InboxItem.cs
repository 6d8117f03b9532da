using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// One message as the phone or the mailbox shows it; an SMS links to the validation page, as the real one does, and the
/// public-security platform's to its own pages: a registration code to registration, a filing's message to that filing.
/// </summary>
/// <remarks>A call (the administration's verification call) is shown as one, to be answered on the phone page.</remarks>
public sealed record InboxItem(long Seq, bool Sms, bool Call, string Sender, string At, string Subject, string Body, string? Link, string LinkText)
{
    public static InboxItem Of(MessageRow m, PageContext page)
    {
        var sms = m.Channel == (long)MessageChannel.Sms;
        var (link, text) = m.OrderId switch
        {
            _ when !sms => (null, ""),
            // The platform files its messages under the code's mobile (psb-register:…) or the filing's id (psf-…).
            var key when key.StartsWith(RegistrationKey, StringComparison.Ordinal) => (page.Href("/psb/register"), page.T(Labels.PsbOpenPlatform)),
            var key when key.StartsWith(FilingKey, StringComparison.Ordinal) => (page.Href("/psb/filings", ("id", key)), page.T(Labels.PsbOpenPlatform)),
            _ => (page.Href("/sms/validate", ("mobile", m.Recipient)), page.T(Labels.OpenValidation)),
        };
        return new InboxItem(m.MessageSeq, sms, m.Channel == (long)MessageChannel.Call, m.Sender, PageContext.Time(m.SentAtMs), m.Subject, m.Body, link, text);
    }

    private const string RegistrationKey = "psb-register:";
    private const string FilingKey = "psf-";

    public string Kind => Call ? "call" : Sms ? "sms" : "email";

    /// <summary>The body cut around its filing numbers, for the live page to keep each on one line as the first render does.</summary>
    public IReadOnlyList<NumberedText.Part> BodyParts => NumberedText.Parts(Body);
}
