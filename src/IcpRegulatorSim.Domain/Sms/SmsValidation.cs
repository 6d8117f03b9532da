using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Domain.Sms;

public enum SmsValidationState
{
    Unspecified = 0,
    Scheduled = 1,
    Pending = 2,
    Complete = 3,
    Closed = 4,
}

/// <summary>One SMS code of an order: the mobile it goes to, the people it covers, and how validation went.</summary>
public sealed class SmsValidation
{
    /// <summary>How many digits a code has.</summary>
    public const int CodeLength = 6;

    [JsonConstructor]
    private SmsValidation()
    {
    }

    internal SmsValidation(int index, SmsRecipient recipient, DateTimeOffset scheduledAt)
    {
        Index = index;
        Mobile = recipient.Mobile;
        People = recipient.People;
        ScheduledAt = scheduledAt;
    }

    [JsonInclude] public int Index { get; private set; }
    [JsonInclude] public string Mobile { get; private set; } = "";
    [JsonInclude] public IReadOnlyList<SmsPerson> People { get; private set; } = [];
    /// <summary>When the code is due to be sent (submission + sync delay + SMS delay).</summary>
    [JsonInclude] public DateTimeOffset ScheduledAt { get; private set; }
    /// <summary>Keyed hash of the code in force; the code itself is never stored.</summary>
    [JsonInclude] public byte[]? CodeHash { get; private set; }
    [JsonInclude] public DateTimeOffset? CodeSentAt { get; private set; }
    [JsonInclude] public int ConsecutiveFailures { get; private set; }
    [JsonInclude] public int ResendsUsed { get; private set; }
    [JsonInclude] public DateTimeOffset? CompletedAt { get; private set; }
    [JsonInclude] public bool Closed { get; private set; }

    [JsonIgnore]
    public SmsValidationState State =>
        CompletedAt is not null ? SmsValidationState.Complete
        : Closed ? SmsValidationState.Closed
        : CodeHash is null ? SmsValidationState.Scheduled
        : SmsValidationState.Pending;

    /// <summary>True when the validation page's input (mobile + last six certificate characters) names a person of this code.</summary>
    public bool Matches(string mobile, string certificateSuffix) =>
        Mobile == mobile && People.Any(p => string.Equals(p.CertificateSuffix, certificateSuffix, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<PersonRole> Roles => People.Select(p => p.Role).Distinct();

    internal void IssueCode(byte[] codeHash, DateTimeOffset now)
    {
        CodeHash = codeHash;
        CodeSentAt = now;
    }

    internal void Resend(byte[] codeHash, DateTimeOffset now)
    {
        IssueCode(codeHash, now);
        ResendsUsed++;
    }

    /// <summary>The person's number was unavailable: the code goes to <paramref name="mobile"/> instead (a cancellation only).</summary>
    internal void ChangeMobile(string mobile) => Mobile = mobile;

    internal void Fail() => ConsecutiveFailures++;

    internal void Complete(DateTimeOffset now)
    {
        CompletedAt = now;
        ConsecutiveFailures = 0;
    }

    internal void Close() => Closed = true;
}
