using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Web;

namespace IcpRegulatorSim.Server.Desks.PublicSecurity;

/// <summary>
/// What a local office decides, by a reviewer's hand or by itself when the review's working days run out: a number
/// issued once from the office's own sequence, or a rejection with a reason of the code table; and the filing
/// cancelled when the website's ICP filing no longer stands. The subject is told each on its account's mobile and email.
/// </summary>
public sealed class PublicSecurityOffices(RuleBook miit, PublicSecurityRules rules, WebListener web)
{
    public PublicSecurityOffice Office(string code) =>
        rules.Offices.FirstOrDefault(o => o.Code == code) ?? throw new InvalidOperationException($"No public-security office {code}.");

    /// <summary>Approves the filing with its office's next number, saves it, and sends the subject the number and its badge.</summary>
    public void Approve(WriteSession s, WebsiteFiling filing)
    {
        var office = Office(filing.OfficeCode);
        var number = PublicSecurityNumber.Issue(
            miit.Province(office.Province).Abbreviation, office.Code, PublicSecurityStore.NextNumber(s.Db, s.WorldId, office.Code));
        filing.Approve(number, s.Now);
        s.SaveWebsiteFiling(filing, isNew: false);
        Tell(s, filing, PublicSecurityNotices.Approved(miit, Subject(s, filing), filing.FilingId, number.ToString(), BadgeHtml(number)));
    }

    /// <summary>The filing's thirty days ended while it awaited its people's codes: overdue, as the office's list shows, and the subject reminded.</summary>
    public void MarkOverdue(WriteSession s, WebsiteFiling filing)
    {
        var overdue = filing.MarkOverdue(s.Now);
        s.SaveWebsiteFiling(filing, isNew: false);
        if (overdue)
        {
            Tell(s, filing, PublicSecurityNotices.OverdueAwaitingCodes(miit, Subject(s, filing), filing.FilingId, filing.Website.Name, filing.DueOn));
        }
    }

    public void Reject(WriteSession s, WebsiteFiling filing, ReasonEntry reason)
    {
        filing.Reject(reason, s.Now);
        s.SaveWebsiteFiling(filing, isNew: false);
        Tell(s, filing, PublicSecurityNotices.Rejected(miit, Subject(s, filing), filing.FilingId, reason));
    }

    /// <summary>
    /// Cancels every standing filing whose ICP number is of <paramref name="subjectNumber"/> and no longer passes the
    /// cross-check against the registry as it now is (its service revoked or cancelled, or the subject gone); returns them.
    /// </summary>
    public IReadOnlyList<WebsiteFiling> CancelWithIcp(WriteSession s, string subjectNumber)
    {
        var cancelled = new List<WebsiteFiling>();
        foreach (var filing in PublicSecurityStore.StandingOfIcpSubject(s.Db, s.WorldId, subjectNumber))
        {
            var v = new Violations();
            IcpCrossCheck.Check(v, filing.Website.IcpNumber, filing.Website.Domains, filing.Website.HostedInMainland, filing.Subject.CertificateNumber,
                number => RegistryStore.FindByNumber(s.Db, s.WorldId, number));
            if (v.Items.Count == 0)
            {
                continue;
            }
            filing.Cancel(s.Now, "ICP_FILING_ENDED");
            s.SaveWebsiteFiling(filing, isNew: false);
            Tell(s, filing, PublicSecurityNotices.CancelledWithIcp(miit, Subject(s, filing), filing.FilingId, filing.Website.IcpNumber));
            cancelled.Add(filing);
        }
        return cancelled;
    }

    /// <summary>The badge's HTML for a number, linked to the simulated platform's query page.</summary>
    public string BadgeHtml(PublicSecurityNumber number) =>
        PublicSecurityBadge.Html(number, new Uri(web.Address ?? new Uri("http://127.0.0.1/"), "psb/query"));

    public ReasonEntry RejectionReason(string code) =>
        rules.RejectionReason(code.Trim())
        ?? throw RegulatorErrors.Invalid("reason_code", code.Trim().Length == 0 ? "REQUIRED" : "UNKNOWN_CODE",
            PublicSecurityTexts.UnknownRejectionReason(code.Trim()));

    // The subject is told on its account's mobile and email, as the platform writes to the account that filed.
    private static Person Subject(WriteSession s, WebsiteFiling filing) =>
        PublicSecurityStore.FindAccount(s.Db, s.WorldId, filing.AccountId) is { } account
            ? new Person(filing.Subject.Name, 0, "", account.Mobile, account.Email)
            : filing.Contacts[0].Person;

    private static void Tell(WriteSession s, WebsiteFiling filing, IEnumerable<OutgoingMessage> messages) =>
        s.Send(filing.FilingId, messages.ToList(), s.Now);
}
