using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Filings;

public enum MessageChannel
{
    Unspecified = 0,
    Sms = 1,
    Email = 2,
    /// <summary>A telephone call (the administration's verification call): the recipient answers it on the phone.</summary>
    Call = 3,
}

/// <summary>An SMS or email the regulator sends; in the simulator it lands in the outbox.</summary>
public sealed record OutgoingMessage(MessageChannel Channel, string Recipient, string Sender, string Carrier, string Subject, string Body)
{
    /// <summary>A notice by SMS, in Chinese then English, from the sender number of the mobile's carrier.</summary>
    public static OutgoingMessage Sms(RuleBook rules, string mobile, string zh, string en) =>
        new(MessageChannel.Sms, mobile, rules.SmsSenderFor(mobile), rules.CarrierOf(mobile)?.Id ?? "unknown", "", $"{zh}\n{en}");

    /// <summary>A notice to a person: by SMS, and by email from <paramref name="sender"/> when the person has an address.</summary>
    public static IEnumerable<OutgoingMessage> SmsAndEmail(RuleBook rules, Person person, string sender, string subject, string zh, string en)
    {
        yield return Sms(rules, person.Mobile, zh, en);
        if (person.Email.Length > 0)
        {
            yield return new OutgoingMessage(MessageChannel.Email, person.Email, sender, "", subject, $"{zh}\n\n{en}");
        }
    }
}
