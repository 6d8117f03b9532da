using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Checks;

/// <summary>
/// Collects every problem of a request, so the answer reports all of them at once, each named by its path from the
/// request message (<c>filing.subject.name</c>).
/// </summary>
public sealed class Violations
{
    private readonly List<FieldViolation> items;
    private readonly string prefix;

    public Violations()
        : this([], "")
    {
    }

    private Violations(List<FieldViolation> items, string prefix)
    {
        this.items = items;
        this.prefix = prefix;
    }

    public IReadOnlyList<FieldViolation> Items => items;

    /// <summary>The same collection, for the fields of a part of the request: each is named under <paramref name="path"/>.</summary>
    public Violations Under(string path) => new(items, $"{prefix}{path}.");

    public void Add(string field, string reason, string en, string zh) => items.Add(new FieldViolation(prefix + field, reason, en, zh));

    public void Add(string field, string reason, PageMessage text) => Add(field, reason, text.En, text.Zh);

    /// <summary>Records a missing value, or one with control characters; returns true when the value is present and clean.</summary>
    public bool Required(string field, string value)
    {
        if (value.Length == 0)
        {
            Add(field, "REQUIRED", FieldTexts.Required);
            return false;
        }
        if (value.Any(char.IsControl))
        {
            Add(field, "INVALID_CHARACTERS", FieldTexts.ControlCharacters);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Longer than any identifier the regulator issues or accepts (order ids are "ord-" and digits, world ids at most
    /// 40 characters). A longer one names nothing, and the NOT_FOUND that quoted it would carry it in its trailers
    /// three times over: past 64 KB a .NET client drops the whole connection, and every call on it fails.
    /// </summary>
    public const int MaxIdLength = 64;

    /// <summary>Records a missing identifier, or one longer than <see cref="MaxIdLength"/>; returns it trimmed.</summary>
    public string Id(string field, string value)
    {
        var id = value.Trim();
        if (Required(field, id))
        {
            MaxLength(field, id, MaxIdLength);
        }
        return id;
    }

    /// <summary>An instant as a person types it (Beijing time without an offset); records it when it is none.</summary>
    public DateTimeOffset? Instant(string field, string text)
    {
        var instant = BeijingTime.ParseInstant(text);
        if (instant is null)
        {
            Add(field, "INVALID_FORMAT", FieldTexts.Instant);
        }
        return instant;
    }

    /// <summary>Records a missing mobile, or one that is not 11 digits starting with 1 (the value already normalized as typed).</summary>
    public void Mobile(string field, string value)
    {
        if (Required(field, value) && !ContactChecks.IsMobile(value))
        {
            Add(field, "INVALID_FORMAT", FieldTexts.Mobile);
        }
    }

    public void MaxLength(string field, string value, int max)
    {
        if (value.Length > max)
        {
            Add(field, "TOO_LONG", FieldTexts.TooLong(max));
        }
    }

    public void ThrowIfAny()
    {
        if (items.Count > 0)
        {
            throw RegulatorErrors.Invalid(items);
        }
    }
}
