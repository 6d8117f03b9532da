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
public sealed record OutgoingMessage(MessageChannel Channel, string Recipient, string Sender, string Carrier, string Subject, string Body);
