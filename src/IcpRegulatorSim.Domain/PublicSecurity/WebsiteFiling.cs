using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.PublicSecurity;

public enum WebsiteFilingStatus
{
    Unspecified = 0,
    AwaitingConfirmation = 1,
    UnderReview = 2,
    OnSiteCheck = 3,
    Approved = 4,
    Rejected = 5,
    Cancelled = 6,
}

public enum ContactRole
{
    Unspecified = 0,
    ResponsiblePerson = 1,
    SecurityOfficer = 2,
    EmergencyContact = 3,
}

/// <summary>One of a filing's three people and whether the code sent to their mobile has been entered; only the code's keyed hash is kept.</summary>
public sealed record FilingContact(ContactRole Role, Person Person, byte[] CodeHash, bool Confirmed = false);

/// <summary>What happened to a public-security filing, in order: a stable kind, its moment, and the reason's code where there is one.</summary>
public sealed record WebsiteFilingStep(string Kind, DateTimeOffset At, string? Code = null);

/// <summary>
/// A website's public-security filing (公安联网备案): filed by a subject's account with its three people, each of whom
/// confirms a code; then reviewed by the local office in working days (with an on-site check for an interactive site
/// if the office asks); approved with a number, rejected with a reason, changed (变更) or cancelled (注销). A website
/// filed more than <see cref="PublicSecurityRules.FilingDeadlineDays"/> days after it opened is overdue.
/// </summary>
public sealed class WebsiteFiling
{
    [JsonInclude, JsonPropertyName("contacts")]
    private List<FilingContact> contacts = [];

    [JsonInclude, JsonPropertyName("steps")]
    private List<WebsiteFilingStep> steps = [];

    [JsonConstructor]
    private WebsiteFiling()
    {
    }

    [JsonInclude] public string FilingId { get; private set; } = "";
    [JsonInclude] public string AccountId { get; private set; } = "";
    [JsonInclude] public Subject Subject { get; private set; } = Subject.Empty;
    [JsonInclude] public PublicSecurityWebsite Website { get; private set; } = PublicSecurityWebsite.Empty;
    [JsonInclude] public string OfficeCode { get; private set; } = "";
    [JsonInclude] public WebsiteFilingStatus Status { get; private set; }
    [JsonInclude] public DateTimeOffset FiledAt { get; private set; }
    [JsonInclude] public DateTimeOffset? ReviewDueAt { get; private set; }
    [JsonInclude] public DateTimeOffset? DecidedAt { get; private set; }
    [JsonInclude] public string? Number { get; private set; }
    [JsonInclude] public string? RejectionCode { get; private set; }
    [JsonInclude] public DateOnly DueOn { get; private set; }
    [JsonInclude] public bool Overdue { get; private set; }

    /// <summary>The path the call that filed (or last changed) the website forced on it; none for most.</summary>
    [JsonInclude] public WebsiteFilingScenario Scenario { get; private set; } = WebsiteFilingScenario.None;

    [JsonIgnore] public IReadOnlyList<FilingContact> Contacts => contacts;
    [JsonIgnore] public IReadOnlyList<WebsiteFilingStep> Steps => steps;
    [JsonIgnore] public bool IsOpen => Status is WebsiteFilingStatus.AwaitingConfirmation or WebsiteFilingStatus.UnderReview or WebsiteFilingStatus.OnSiteCheck;

    /// <summary>
    /// Files the website; each person gets a code (returned beside each contact, for the caller to send). Overdue
    /// when filed, in Beijing time, after the last day of the deadline from the website's opening, or when its
    /// <paramref name="scenario"/> says so.
    /// </summary>
    public static (WebsiteFiling Filing, IReadOnlyList<string> Codes) File(
        string filingId, string accountId, Subject subject, PublicSecurityWebsite website, IReadOnlyList<(ContactRole Role, Person Person)> people,
        PublicSecurityOffice office, ISmsCodes codes, DateTimeOffset now, PublicSecurityRules rules, WebsiteFilingScenario scenario)
    {
        var filing = new WebsiteFiling
        {
            FilingId = filingId,
            AccountId = accountId,
            Subject = subject,
            Website = website,
            OfficeCode = office.Code,
            Status = WebsiteFilingStatus.AwaitingConfirmation,
            FiledAt = now,
            DueOn = website.OpenedOn.AddDays(rules.FilingDeadlineDays),
            Scenario = scenario,
        };
        filing.Overdue = BeijingTime.DateOf(now) > filing.DueOn || scenario.Overdue;
        var sent = filing.IssueCodes(people, codes);
        filing.Record("FILED", now);
        if (filing.Overdue)
        {
            filing.Record("OVERDUE", now);
        }
        return (filing, sent);
    }

    /// <summary>The pending contacts whose mobile is <paramref name="mobile"/> (one person may hold two roles).</summary>
    public IEnumerable<int> PendingContacts(string mobile) =>
        contacts.Select((c, i) => (c, i)).Where(x => !x.c.Confirmed && x.c.Person.Mobile == mobile).Select(x => x.i);

    /// <summary>
    /// Confirms the contacts of <paramref name="mobile"/> whose code is <paramref name="code"/>; returns how many.
    /// The last confirmation sends the filing to review, due after the office's working days (or the scenario's, and
    /// straight on to an on-site check when the scenario asks for one).
    /// </summary>
    public int Confirm(string mobile, string code, ISmsCodes codes, DateTimeOffset now, PublicSecurityRules rules, WorkingCalendar calendar)
    {
        RequireStatus(WebsiteFilingStatus.AwaitingConfirmation, "confirmed by a contact");
        var matched = PendingContacts(mobile).Where(i => codes.Hash(FilingId, i, code).AsSpan().SequenceEqual(contacts[i].CodeHash)).ToList();
        foreach (var i in matched)
        {
            contacts[i] = contacts[i] with { Confirmed = true };
            Record("CONFIRMED", now, contacts[i].Role.ToString());
        }
        if (matched.Count > 0 && contacts.All(c => c.Confirmed))
        {
            Status = WebsiteFilingStatus.UnderReview;
            ReviewDueAt = calendar.AddWorkingDays(now, Scenario.ReviewWorkingDays ?? rules.ReviewWorkingDays(rules.OfficeFor(Subject.Province)));
            Record("UNDER_REVIEW", now);
            if (Scenario.OnSiteCheck)
            {
                RequestOnSiteCheck(now, rules, calendar);
            }
        }
        return matched.Count;
    }

    /// <summary>The office asks to check an interactive website on site: the review is due that many working days later.</summary>
    public void RequestOnSiteCheck(DateTimeOffset now, PublicSecurityRules rules, WorkingCalendar calendar)
    {
        RequireStatus(WebsiteFilingStatus.UnderReview, "checked on site");
        if (Website.InteractiveServices.Count == 0)
        {
            throw RegulatorErrors.Unknown(RegulatorErrors.NotInteractive, FilingId);
        }
        Status = WebsiteFilingStatus.OnSiteCheck;
        ReviewDueAt = calendar.AddWorkingDays(now, Scenario.ReviewWorkingDays ?? rules.OnSiteCheckWorkingDays);
        Record("ON_SITE_CHECK", now);
    }

    /// <summary>Approves the filing with the number the office issues for it.</summary>
    public void Approve(PublicSecurityNumber number, DateTimeOffset now)
    {
        RequireUnderReview("approved");
        Status = WebsiteFilingStatus.Approved;
        Number = number.ToString();
        DecidedAt = now;
        ReviewDueAt = null;
        Record("APPROVED", now);
    }

    /// <summary>Rejects the filing with a reason of the code table; the subject may file again.</summary>
    public void Reject(ReasonEntry reason, DateTimeOffset now)
    {
        RequireUnderReview("rejected");
        Status = WebsiteFilingStatus.Rejected;
        RejectionCode = reason.Code;
        DecidedAt = now;
        ReviewDueAt = null;
        Record("REJECTED", now, reason.Code);
    }

    /// <summary>
    /// 变更: the website's data or people change; the filing confirms its new people's codes and is reviewed again,
    /// keeping its number when it has one. The change's call forces its own <paramref name="scenario"/>, in the place of the filing's.
    /// </summary>
    public IReadOnlyList<string> Change(
        PublicSecurityWebsite website, IReadOnlyList<(ContactRole Role, Person Person)> people, ISmsCodes codes, DateTimeOffset now,
        WebsiteFilingScenario scenario)
    {
        if (Status is not (WebsiteFilingStatus.Approved or WebsiteFilingStatus.Rejected))
        {
            throw RegulatorErrors.Illegal(Status, "changed");
        }
        Website = website with { OpenedOn = Website.OpenedOn };
        var sent = IssueCodes(people, codes);
        Status = WebsiteFilingStatus.AwaitingConfirmation;
        RejectionCode = null;
        DecidedAt = null;
        Scenario = scenario;
        Record("CHANGED", now);
        if (scenario.Overdue && !Overdue)
        {
            Overdue = true;
            Record("OVERDUE", now);
        }
        return sent;
    }

    /// <summary>注销: cancelled by the subject, or because the website's ICP filing no longer stands (<paramref name="code"/> says which).</summary>
    public void Cancel(DateTimeOffset now, string? code = null)
    {
        if (Status == WebsiteFilingStatus.Cancelled)
        {
            throw RegulatorErrors.Illegal(Status, "cancelled");
        }
        Status = WebsiteFilingStatus.Cancelled;
        ReviewDueAt = null;
        DecidedAt = now;
        Record("CANCELLED", now, code);
    }

    /// <summary>
    /// The review's deadline, while one runs: the office decides by itself when it comes. And while the filing waits
    /// for its people's codes within the thirty days, the first moment (Beijing time) past them: it is overdue then.
    /// </summary>
    public IEnumerable<Deadline> Deadlines()
    {
        if (ReviewDueAt is { } due && Status is WebsiteFilingStatus.UnderReview or WebsiteFilingStatus.OnSiteCheck)
        {
            yield return new Deadline(DeadlineKind.PublicSecurityReview, due);
        }
        if (Status == WebsiteFilingStatus.AwaitingConfirmation && !Overdue)
        {
            yield return new Deadline(DeadlineKind.PublicSecurityOverdue, BeijingTime.StartOf(DueOn.AddDays(1)));
        }
    }

    /// <summary>
    /// A filing still awaiting its people's codes once the thirty days have passed becomes overdue, as it would be
    /// had it been filed then; returns whether it did.
    /// </summary>
    public bool MarkOverdue(DateTimeOffset now)
    {
        if (Overdue || Status != WebsiteFilingStatus.AwaitingConfirmation || BeijingTime.DateOf(now) <= DueOn)
        {
            return false;
        }
        Overdue = true;
        Record("OVERDUE", now);
        return true;
    }

    private List<string> IssueCodes(IReadOnlyList<(ContactRole Role, Person Person)> people, ISmsCodes codes)
    {
        var sent = new List<string>(people.Count);
        contacts = [];
        foreach (var (role, person) in people)
        {
            var code = codes.NewCode();
            contacts.Add(new FilingContact(role, person, codes.Hash(FilingId, contacts.Count, code)));
            sent.Add(code);
        }
        return sent;
    }

    private void RequireUnderReview(string action)
    {
        if (Status is not (WebsiteFilingStatus.UnderReview or WebsiteFilingStatus.OnSiteCheck))
        {
            throw RegulatorErrors.Illegal(Status, action);
        }
    }

    private void RequireStatus(WebsiteFilingStatus expected, string action)
    {
        if (Status != expected)
        {
            throw RegulatorErrors.Illegal(Status, action);
        }
    }

    private void Record(string kind, DateTimeOffset at, string? code = null) => steps.Add(new WebsiteFilingStep(kind, at, code));
}

/// <summary>The website as its public-security filing describes it.</summary>
public sealed record PublicSecurityWebsite(
    string Name,
    IReadOnlyList<string> Domains,
    string IcpNumber,
    DateOnly OpenedOn,
    string ServerIp,
    bool HostedInMainland,
    string AccessProvider,
    string DomainRegistrar,
    int ServiceType,
    IReadOnlyList<int> InteractiveServices,
    string SecurityAssessment,
    IReadOnlyList<PreApproval> PreApprovals,
    IReadOnlyList<int> Languages)
{
    public static readonly PublicSecurityWebsite Empty = new("", [], "", default, "", true, "", "", 0, [], "", [], []);
}
