using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>A registration code sent to a mobile, kept only as its keyed hash, and how many were sent on its day.</summary>
public sealed record RegistrationCodeRow
{
    public byte[] CodeHash { get; init; } = [];
    public long SentAtMs { get; init; }
    public int SendsThatDay { get; init; }

    public DateTimeOffset SentAt => DateTimeOffset.FromUnixTimeMilliseconds(SentAtMs);
}

/// <summary>
/// The public-security platform's records of a world: registration codes, subjects' accounts (by mobile, and by the
/// hash of their token), and websites' filings with the keys their queries need: by account, by office or province
/// and status for the office's pending list, and the public query's lookups (number, domain, website name) of the
/// approved ones. A filing's deadlines are its timer, named by its row as an order's are.
/// </summary>
internal static class PublicSecurityStore
{
    private const string UpsertCode = """
        INSERT INTO psb_registration_codes (world_id, mobile, code_hash, sent_at_ms, sends_that_day) VALUES (@World, @Mobile, @CodeHash, @SentAtMs, @SendsThatDay)
        ON CONFLICT (world_id, mobile) DO UPDATE SET code_hash = excluded.code_hash, sent_at_ms = excluded.sent_at_ms, sends_that_day = excluded.sends_that_day
        """;
    private const string SelectCode = "SELECT code_hash, sent_at_ms, sends_that_day FROM psb_registration_codes WHERE world_id = @World AND mobile = @Mobile";
    private const string DeleteCode = "DELETE FROM psb_registration_codes WHERE world_id = @World AND mobile = @Mobile";

    private const string InsertAccount = """
        INSERT INTO psb_accounts (world_id, account_id, mobile, token_hash, document) VALUES (@World, @AccountId, @Mobile, @TokenHash, @Document)
        """;
    private const string SelectAccountByToken = "SELECT document FROM psb_accounts WHERE world_id = @World AND token_hash = @TokenHash";
    private const string SelectAccountByMobile = "SELECT document FROM psb_accounts WHERE world_id = @World AND mobile = @Mobile";
    private const string SelectAccountById = "SELECT document FROM psb_accounts WHERE world_id = @World AND account_id = @AccountId";

    private const string InsertFiling = """
        INSERT INTO psb_filings (world_id, filing_id, account_id, office_code, province, icp_subject, status, overdue, number, document,
                                 timer_due_at_ms, timer_kind, timer_item)
        VALUES (@World, @FilingId, @AccountId, @OfficeCode, @Province, @IcpSubject, @Status, @Overdue, @Number, @Document, @TimerDueAtMs, @TimerKind, @TimerItem)
        """;
    private const string UpdateFiling = """
        UPDATE psb_filings SET status = @Status, overdue = @Overdue, number = @Number, document = @Document,
                               timer_due_at_ms = @TimerDueAtMs, timer_kind = @TimerKind, timer_item = @TimerItem
        WHERE world_id = @World AND filing_id = @FilingId
        """;
    private const string SelectFiling = "SELECT document FROM psb_filings WHERE world_id = @World AND filing_id = @FilingId";
    private const string SelectByAccount = """
        SELECT document FROM psb_filings WHERE world_id = @World AND account_id = @AccountId AND filing_id > @After
        ORDER BY filing_id LIMIT @Limit
        """;
    // Under review or on an on-site check (statuses 2 and 3), of one office or one province; overdue ones alone if asked,
    // and then those still awaiting their people's codes (status 1) too: the office sees every overdue filing.
    private const string SelectPending = """
        SELECT document FROM psb_filings
        WHERE world_id = @World AND (status IN (2, 3) OR (@OverdueOnly = 1 AND status = 1)) AND filing_id > @After
          AND (@OfficeCode = '' OR office_code = @OfficeCode) AND (@Province = '' OR province = @Province) AND (@OverdueOnly = 0 OR overdue = 1)
        ORDER BY filing_id LIMIT @Limit
        """;
    private const string SelectStandingOfIcpSubject = """
        SELECT document FROM psb_filings WHERE world_id = @World AND icp_subject = @IcpSubject AND status <> 6 ORDER BY filing_id
        """;
    private const string SelectOfIcpSubject = """
        SELECT document FROM psb_filings WHERE world_id = @World AND icp_subject = @IcpSubject ORDER BY filing_id LIMIT @Limit
        """;
    private const string SelectPublic = """
        SELECT f.document FROM psb_public_keys k JOIN psb_filings f ON f.world_id = k.world_id AND f.filing_id = k.filing_id
        WHERE k.world_id = @World AND k.lookup = @Lookup ORDER BY k.filing_id LIMIT 100
        """;
    private const string InsertPublicKey = "INSERT INTO psb_public_keys (world_id, lookup, filing_id) VALUES (@World, @Lookup, @FilingId) ON CONFLICT DO NOTHING";
    private const string DeletePublicKeys = "DELETE FROM psb_public_keys WHERE world_id = @World AND filing_id = @FilingId";

    public static void SaveRegistrationCode(DbSession db, string world, string mobile, byte[] codeHash, DateTimeOffset at, int sendsThatDay) =>
        db.Write(UpsertCode, new { World = world, Mobile = mobile, CodeHash = codeHash, SentAtMs = at.ToUnixTimeMilliseconds(), SendsThatDay = sendsThatDay });

    public static RegistrationCodeRow? FindRegistrationCode(DbSession db, string world, string mobile) =>
        db.QueryFirstOrDefault<RegistrationCodeRow>(SelectCode, new { World = world, Mobile = mobile });

    public static void DeleteRegistrationCode(DbSession db, string world, string mobile) =>
        db.Write(DeleteCode, new { World = world, Mobile = mobile });

    public static void AddAccount(DbSession db, string world, PublicSecurityAccount account) =>
        db.Write(InsertAccount, new { World = world, account.AccountId, account.Mobile, account.TokenHash, Document = StoreJson.Write(account) });

    /// <summary>The account whose token hashes to <paramref name="tokenHash"/>; the caller still compares the token itself.</summary>
    public static PublicSecurityAccount? FindAccountByToken(DbSession db, string world, byte[] tokenHash) =>
        StoreJson.ReadFirst<PublicSecurityAccount>(db, SelectAccountByToken, new { World = world, TokenHash = tokenHash });

    public static PublicSecurityAccount? FindAccountByMobile(DbSession db, string world, string mobile) =>
        StoreJson.ReadFirst<PublicSecurityAccount>(db, SelectAccountByMobile, new { World = world, Mobile = mobile });

    public static PublicSecurityAccount? FindAccount(DbSession db, string world, string accountId) =>
        StoreJson.ReadFirst<PublicSecurityAccount>(db, SelectAccountById, new { World = world, AccountId = accountId });

    public static WebsiteFiling? FindFiling(DbSession db, string world, string filingId) =>
        StoreJson.ReadFirst<WebsiteFiling>(db, SelectFiling, new { World = world, FilingId = filingId });

    public static IReadOnlyList<WebsiteFiling> ListByAccount(DbSession db, string world, string accountId, string after, int limit) =>
        StoreJson.ReadAll<WebsiteFiling>(db, SelectByAccount, new { World = world, AccountId = accountId, After = after, Limit = limit });

    /// <summary>Every filing not cancelled whose ICP number is of the filed subject <paramref name="subjectNumber"/>, oldest first.</summary>
    public static IReadOnlyList<WebsiteFiling> StandingOfIcpSubject(DbSession db, string world, string subjectNumber) =>
        StoreJson.ReadAll<WebsiteFiling>(db, SelectStandingOfIcpSubject, new { World = world, IcpSubject = subjectNumber });

    /// <summary>The filings, whatever their status, whose ICP number is of the filed subject <paramref name="subjectNumber"/>, oldest first.</summary>
    public static IReadOnlyList<WebsiteFiling> OfIcpSubject(DbSession db, string world, string subjectNumber, int limit) =>
        StoreJson.ReadAll<WebsiteFiling>(db, SelectOfIcpSubject, new { World = world, IcpSubject = subjectNumber, Limit = limit });

    /// <summary>The filings an office (or the office of a province) has to decide, oldest first.</summary>
    public static IReadOnlyList<WebsiteFiling> ListPending(
        DbSession db, string world, string officeCode, string province, bool overdueOnly, string after, int limit) =>
        StoreJson.ReadAll<WebsiteFiling>(db, SelectPending, new
        {
            World = world,
            OfficeCode = officeCode,
            Province = province,
            OverdueOnly = overdueOnly ? 1L : 0L,
            After = after,
            Limit = limit,
        });

    public static IReadOnlyList<WebsiteFiling> PublicByNumber(DbSession db, string world, string number) =>
        Public(db, world, NumberKey(number));

    public static IReadOnlyList<WebsiteFiling> PublicByDomain(DbSession db, string world, string domain) =>
        Public(db, world, DomainKey(domain));

    public static IReadOnlyList<WebsiteFiling> PublicByWebsiteName(DbSession db, string world, string name) =>
        Public(db, world, NameKey(name));

    /// <summary>
    /// Persists a filing and its timer (its earliest deadline), and rewrites its public lookups: an approved filing is
    /// found by its number, domains and name; any other by none. Returns when its timer is due, if it has one.
    /// </summary>
    public static long? SaveFiling(DbSession db, string world, WebsiteFiling filing, bool isNew)
    {
        // The timer first: the row names it, and is written once with it.
        var timer = TimerStore.Replace(db, world, TimerOwner.WebsiteFiling(filing.FilingId), filing.Deadlines(), isNew, nameInOwner: false);
        db.Write(isNew ? InsertFiling : UpdateFiling, new
        {
            World = world,
            filing.FilingId,
            filing.AccountId,
            filing.OfficeCode,
            filing.Subject.Province,
            IcpSubject = IcpNumber.Parse(filing.Website.IcpNumber)?.SubjectNumber ?? "",
            Status = (long)filing.Status,
            Overdue = filing.Overdue ? 1L : 0L,
            filing.Number,
            Document = StoreJson.Write(filing),
            TimerDueAtMs = timer?.DueAtMs,
            TimerKind = timer?.Kind,
            TimerItem = timer?.Item,
        });
        if (!isNew)
        {
            db.Write(DeletePublicKeys, new { World = world, filing.FilingId });
        }
        if (PublicSecurityRecord.Of(filing) is not null)
        {
            foreach (var lookup in PublicKeys(filing).Distinct(StringComparer.Ordinal))
            {
                db.Write(InsertPublicKey, new { World = world, Lookup = lookup, filing.FilingId });
            }
        }
        return timer?.DueAtMs;
    }

    /// <summary>The next sequence of an office's numbers in a world (from 1): never reused, not even after a reset.</summary>
    public static long NextNumber(DbSession db, string world, string officeCode) =>
        RegistryStore.NextNumber(db, world, $"psb:{officeCode}", 1);

    private static IEnumerable<string> PublicKeys(WebsiteFiling filing) =>
        [NumberKey(filing.Number!), NameKey(filing.Website.Name), .. filing.Website.Domains.Select(DomainKey)];

    // One table of lookups for the three queries, each key named by what it is; a domain and a name compare as the
    // query's input is normalised (case-insensitive domains, names as typed without the spaces around them).
    private static string NumberKey(string number) => $"number:{number.Trim()}";

    private static string DomainKey(string domain) => $"domain:{domain.Trim().ToLowerInvariant()}";

    private static string NameKey(string name) => $"name:{name.Trim()}";

    private static IReadOnlyList<WebsiteFiling> Public(DbSession db, string world, string lookup) =>
        StoreJson.ReadAll<WebsiteFiling>(db, SelectPublic, new { World = world, Lookup = lookup });
}
