using System.Buffers.Text;
using System.Security.Cryptography;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks.PublicSecurity;

/// <summary>
/// What a website's filing is, as a request gives it: the website, its opening date as typed, where its server is, its
/// three people, and the x-psb-scenario header if the call carried one.
/// </summary>
public sealed record WebsiteFilingInput(
    PublicSecurityWebsite Website, string OpenedOn, WebsiteFilingValidator.Location Location, IReadOnlyList<(ContactRole Role, Person Person)> People,
    string? Scenario = null);

/// <summary>
/// The subject's side of the platform, through its account: a website filed (its ICP number checked against the
/// world's MIIT registry, a code to each of its three people's mobiles), each person's code confirmed, the filing
/// followed, changed (变更) and cancelled (注销).
/// </summary>
public sealed class WebsiteFilingDesk(Writer writer, Database database, RuleBook miit, PublicSecurityRules rules, ISmsCodes codes)
{
    public Task<WebsiteFiling> FileAsync(string world, PublicSecurityAccount account, WebsiteFilingInput input, CancellationToken cancellationToken)
    {
        var scenario = Scenario(input.Scenario);
        return writer.RunAsync(world, s =>
        {
            var (website, people) = Check(s, account, input, scenario);
            var (filing, sent) = WebsiteFiling.File(
                s.TakeWebsiteFilingId(), account.AccountId, account.Subject, website, people, rules.OfficeFor(account.Subject.Province), codes, s.Now, rules,
                scenario);
            s.SaveWebsiteFiling(filing, isNew: true);
            SendCodes(s, filing, sent);
            return filing;
        }, cancellationToken);
    }

    /// <summary>
    /// The trainer's sample: the website of an approved ICP filing (by its number) filed by its subject's account,
    /// registered for it on its leader's mobile when it has none yet, with the ICP filing's own people (its leader
    /// responsible, its administrator security officer and emergency contact), whose codes go to their phones, and
    /// opened today. Returns the filing, its account, and the account's token when it was registered now.
    /// </summary>
    public Task<(WebsiteFiling Filing, PublicSecurityAccount Account, string? Token)> FileSampleAsync(
        string world, string icpNumber, string? scenarioHeader, CancellationToken cancellationToken)
    {
        var scenario = Scenario(string.IsNullOrWhiteSpace(scenarioHeader) ? null : scenarioHeader);
        return writer.RunAsync(world, s =>
        {
            var (filed, service) = FiledWebsite(s, icpNumber);
            var leader = filed.Subject.Leader;
            string? token = null;
            var account = PublicSecurityStore.FindAccountByMobile(s.Db, s.WorldId, leader.Mobile);
            if (account is null)
            {
                token = AccountDesk.TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
                account = PublicSecurityAccount.Register(s.TakePublicSecurityAccountId(), filed.Subject, leader.Mobile, leader.Email, token, s.Now);
                PublicSecurityStore.AddAccount(s.Db, s.WorldId, account);
            }
            var administrator = service.Service.Administrator;
            var website = new PublicSecurityWebsite(service.Service.Name, service.Service.Domains, service.Number, default, SampleServerIp, true,
                PublicSecurityDeskTexts.SampleAccessProvider.Zh, PublicSecurityDeskTexts.SampleRegistrar.Zh, 1, [], "", [], [1]);
            var input = new WebsiteFilingInput(website, BeijingTime.DateOf(s.Now).ToString("yyyy-MM-dd"), WebsiteFilingValidator.Location.Mainland,
                [(ContactRole.ResponsiblePerson, leader), (ContactRole.SecurityOfficer, administrator), (ContactRole.EmergencyContact, administrator)]);
            var (checkedWebsite, people) = Check(s, account, input, scenario);
            var (filing, sent) = WebsiteFiling.File(
                s.TakeWebsiteFilingId(), account.AccountId, account.Subject, checkedWebsite, people, rules.OfficeFor(account.Subject.Province), codes, s.Now,
                rules, scenario);
            s.SaveWebsiteFiling(filing, isNew: true);
            SendCodes(s, filing, sent);
            return (filing, account, token);
        }, cancellationToken);
    }

    /// <summary>A documentation address (RFC 5737): the sample's server is nobody's.</summary>
    public const string SampleServerIp = "203.0.113.10";

    // The sample's website: a website's ICP number in the world's registry, or INVALID_ARGUMENT naming icp_number (the
    // cross-check, when the sample is filed, says whether it is still in force).
    private static (FiledSubject Subject, FiledService Service) FiledWebsite(WriteSession s, string icpNumber)
    {
        var typed = icpNumber.Trim();
        if (IcpNumber.Parse(typed) is not { ServiceSequence: not null, IsApp: false } number)
        {
            throw RegulatorErrors.Invalid("icp_number", typed.Length == 0 ? "REQUIRED" : "INVALID_FORMAT", PublicSecurityDeskTexts.SampleNeedsWebsiteNumber);
        }
        return RegistryStore.FindByServiceNumber(s.Db, s.WorldId, number.ToString()) is { } filed && filed.FindService(number.ToString()) is { } service
            ? (filed, service)
            : throw RegulatorErrors.Invalid("icp_number", "ICP_NUMBER_NOT_FOUND", PublicSecurityTexts.IcpNumberNotFound(number.ToString()));
    }

    /// <summary>Confirms the code a person received; INVALID_ARGUMENT when it is no pending person's code for that mobile.</summary>
    public Task<WebsiteFiling> ConfirmAsync(
        string world, PublicSecurityAccount account, string filingId, string mobile, string code, CancellationToken cancellationToken)
    {
        var v = new Violations();
        filingId = v.Id("filing_id", filingId);
        mobile = TypedIdentifiers.Normalize(mobile);
        v.Mobile("mobile", mobile);
        v.Required("code", code.Trim());
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var filing = Find(s.Db, s.WorldId, account, filingId);
            if (filing.Confirm(mobile, code.Trim(), codes, s.Now, rules, miit.Calendar) == 0)
            {
                throw RegulatorErrors.Invalid("code", "WRONG_CODE", PublicSecurityTexts.WrongCode);
            }
            s.SaveWebsiteFiling(filing, isNew: false);
            return filing;
        }, cancellationToken);
    }

    public WebsiteFiling Get(string world, PublicSecurityAccount account, string filingId)
    {
        var v = new Violations();
        filingId = v.Id("filing_id", filingId);
        v.ThrowIfAny();
        return database.Read(db => Find(db, world, account, filingId));
    }

    public IReadOnlyList<WebsiteFiling> List(string world, PublicSecurityAccount account, string after, int limit) =>
        database.Read(db => PublicSecurityStore.ListByAccount(db, world, account.AccountId, after, limit));

    /// <summary>变更: new data and people for an approved or rejected filing, whose people confirm their codes again.</summary>
    public Task<WebsiteFiling> ChangeAsync(
        string world, PublicSecurityAccount account, string filingId, WebsiteFilingInput input, CancellationToken cancellationToken)
    {
        var v = new Violations();
        filingId = v.Id("filing_id", filingId);
        v.ThrowIfAny();
        var scenario = Scenario(input.Scenario);
        return writer.RunAsync(world, s =>
        {
            var filing = Find(s.Db, s.WorldId, account, filingId);
            // The opening date stays the filing's: a change does not move the thirty days.
            var (website, people) = Check(s, account, input with { OpenedOn = filing.Website.OpenedOn.ToString("yyyy-MM-dd") }, scenario);
            var sent = filing.Change(website, people, codes, s.Now, scenario);
            s.SaveWebsiteFiling(filing, isNew: false);
            SendCodes(s, filing, sent);
            return filing;
        }, cancellationToken);
    }

    /// <summary>注销: the subject cancels its website's filing; the public query no longer finds it.</summary>
    public Task<WebsiteFiling> CancelAsync(string world, PublicSecurityAccount account, string filingId, CancellationToken cancellationToken)
    {
        var v = new Violations();
        filingId = v.Id("filing_id", filingId);
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var filing = Find(s.Db, s.WorldId, account, filingId);
            filing.Cancel(s.Now);
            s.SaveWebsiteFiling(filing, isNew: false);
            return filing;
        }, cancellationToken);
    }

    /// <summary>The scenario the call's header names; INVALID_ARGUMENT naming the header when it names one wrongly.</summary>
    private WebsiteFilingScenario Scenario(string? header)
    {
        if (header is null)
        {
            return WebsiteFilingScenario.None;
        }
        var v = new Violations();
        var scenario = WebsiteFilingScenario.ParseHeader(header, WebsiteFilingScenario.Header, rules, v);
        v.ThrowIfAny();
        return scenario;
    }

    private (PublicSecurityWebsite Website, IReadOnlyList<(ContactRole Role, Person Person)> People) Check(
        WriteSession s, PublicSecurityAccount account, WebsiteFilingInput input, WebsiteFilingScenario scenario)
    {
        var checkedInput = WebsiteFilingValidator.Check(account.Subject, input.Website, input.OpenedOn, input.Location, input.People, miit,
            BeijingTime.DateOf(s.Now), number => RegistryStore.FindByNumber(s.Db, s.WorldId, number));
        var v = new Violations();
        scenario.CheckWebsite(checkedInput.Website, WebsiteFilingScenario.Header, v);
        v.ThrowIfAny();
        return checkedInput;
    }

    private void SendCodes(WriteSession s, WebsiteFiling filing, IReadOnlyList<string> sent) =>
        s.Send(filing.FilingId,
            filing.Contacts.Zip(sent).Select(x => PublicSecurityNotices.ContactCode(
                miit, x.First.Person.Mobile, x.Second, filing.FilingId, filing.Website.Name, x.First.Role)).ToList(),
            s.Now);

    // Another account's filing is no more found than one that does not exist.
    private static WebsiteFiling Find(DbSession db, string world, PublicSecurityAccount account, string filingId) =>
        PublicSecurityStore.FindFiling(db, world, filingId) is { } filing && filing.AccountId == account.AccountId
            ? filing
            : throw RegulatorErrors.Unknown(RegulatorErrors.WebsiteFilingNotFound, filingId);
}
