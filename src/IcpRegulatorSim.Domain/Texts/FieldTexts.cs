using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>
/// What a field violation says (INVALID_ARGUMENT: the field's path, a reason code, and this), once in English and once
/// in Chinese. The gRPC and HTTP replies carry it, and the pages show it beside the field.
/// </summary>
public static class FieldTexts
{
    // Any field.
    public static readonly PageMessage Required = new("Required.", "必填。");
    public static readonly PageMessage ControlCharacters = new("Control characters are not allowed.", "不能包含控制字符。");
    public static PageMessage TooLong(int max) => new($"At most {max} characters.", $"不能超过{max}个字符。");
    public static readonly PageMessage Instant = new("An instant such as 2026-03-02T09:00 (Beijing time).", "请输入时间，例如 2026-03-02T09:00（北京时间）。");
    // A Timestamp or a Duration breaking the proto's rules (google/protobuf/timestamp.proto, duration.proto).
    public static readonly PageMessage TimestampNanos = new("Its nanos must be from 0 to 999,999,999.", "其纳秒数（nanos）须在0至999,999,999之间。");
    public static readonly PageMessage TimestampRange = new("An instant from 0001-01-01 to 9999-12-31 (UTC).", "须为0001-01-01至9999-12-31（UTC）之间的时间。");
    public static readonly PageMessage DurationNanos = new("Its nanos must be from -999,999,999 to 999,999,999.", "其纳秒数（nanos）须在-999,999,999至999,999,999之间。");
    public static readonly PageMessage DurationSigns = new("Its seconds and nanos must have the same sign.", "其秒数（seconds）与纳秒数（nanos）须同号。");
    public static readonly PageMessage DurationRange = new("A duration of at most 315,576,000,000 seconds either way.", "时长不能超过315,576,000,000秒（正负）。");
    public static readonly PageMessage Mobile = new("A mobile number has 11 digits and starts with 1.", "手机号码应为以1开头的11位数字。");
    public static PageMessage UnknownMobilePrefix(string prefix) => new($"{prefix} is no carrier's mobile prefix.", $"{prefix} 不是运营商的手机号段。");
    public static readonly PageMessage Email = new("Not a valid email address.", "电子邮箱格式不正确。");
    public static PageMessage UnknownProvince(string province) => new($"Unknown province '{province}'.", $"未知的省份“{province}”。");
    public static PageMessage UnknownCertificateType(int type) => new($"Unknown certificate type {type}.", $"未知的证件类型 {type}。");
    public static PageMessage InvalidCertificate(string typeEn, string typeZh) => new($"Not a valid {typeEn} number.", $"不是有效的{typeZh}号码。");
    public static readonly PageMessage ImplausibleBirthDate = new("The birth date in the number is not a plausible date.", "证件号码中的出生日期不合理。");
    public static PageMessage NotADomain(string value) => new($"'{value}' is not a domain name.", $"“{value}”不是有效的域名。");
    public static PageMessage NotAValidDomain(string value) => new($"'{value}' is not a valid domain name.", $"“{value}”不是有效的域名。");
    public static PageMessage MalformedMessage(string type, string problem) =>
        new($"The request is not a valid {type} message: {problem}", $"请求不是有效的 {type} 消息。");

    // A filing: its subject.
    public static PageMessage UnknownNature(int nature) => new($"Unknown subject nature {nature}.", $"未知的主办单位性质代码 {nature}。");
    public static PageMessage UnknownSubjectCertificateType(int type) => new($"Unknown subject certificate type {type}.", $"未知的主办单位证件类型 {type}。");
    public static PageMessage CertificateNotForNature(int type, string typeEn, string typeZh, int nature) =>
        new($"Certificate type {type} ({typeEn}) is not issued to subjects of nature {nature}.", $"证件类型“{typeZh}”不适用于该主办单位性质。");
    public static readonly PageMessage IndividualLeaderCertificate = new(
        "For an individual, the entity leader's certificate must be the subject's.", "个人主体的负责人证件须与主办人证件一致。");
    public static readonly PageMessage IndividualLeaderName = new("For an individual, the entity leader must be the subject.", "个人主体的负责人须为主办人本人。");
    public static readonly PageMessage AddressProvince = new("The address must be in the subject's province.", "地址须位于主办单位所在省份。");

    // A filing: its services.
    public static readonly PageMessage ServicesRequired = new("At least one service is required.", "至少需要一个网站或App。");
    public static PageMessage TooManyServices(int max) => new($"At most {max} services in one order.", $"一次申请最多{max}个网站或App。");
    public static PageMessage StateWord(string word) =>
        new($"Only state bodies may use \"{word}\" in a website name.", $"非国家机关不得在网站名称中使用“{word}”。");
    public static PageMessage InteractiveForIndividual(string word) =>
        new($"\"{word}\" names an interactive service, which individuals may not run.", $"“{word}”属于交互式服务，个人不得开办。");
    public static PageMessage InteractiveNeedsPreApproval(string word, int preApprovalType) =>
        new($"\"{word}\" names an interactive service, which needs a pre-approval of type {preApprovalType}.", $"“{word}”属于交互式服务，须取得电子公告服务前置审批。");
    public static PageMessage OrganizationWord(string word) =>
        new($"A personal website's name may not suggest an organization or a business (\"{word}\").", $"个人网站名称不得含有“{word}”等单位或经营性字样。");
    public static PageMessage BusinessContent(string word) =>
        new($"A personal website carries no business content (\"{word}\").", $"个人网站不得含有经营性内容（“{word}”）。");
    public static readonly PageMessage DomainsRequired = new("A website needs at least one domain.", "网站至少需要一个域名。");
    public static PageMessage TooManyDomains(int max) => new($"At most {max} domains per website.", $"每个网站最多{max}个域名。");
    public static PageMessage TldNotApproved(string domain) =>
        new($"The top-level domain of '{domain}' is not on MIIT's approved list.", $"域名“{domain}”的顶级域不在工业和信息化部批准的列表中。");
    public static readonly PageMessage HomeUrl = new("The home URL must be an absolute http or https URL.", "首页网址须为完整的 http 或 https 地址。");
    public static readonly PageMessage HomeUrlOffDomains = new("The home URL must be on one of the website's domains.", "首页网址须使用该网站的备案域名。");
    public static readonly PageMessage WebsiteWithApp = new("A website carries no app data.", "网站不填写App信息。");
    public static readonly PageMessage AppWithDomains = new("An app has no domain.", "App没有域名。");
    public static readonly PageMessage AppWithHomeUrl = new("An app has no home URL.", "App没有首页网址。");
    public static readonly PageMessage KindRequired = new("Say whether the service is a website or an app.", "请指明是网站还是App。");
    public static PageMessage UnknownKind(int kind) => new($"Unknown service kind {kind}.", $"未知的服务类型 {kind}。");
    public static readonly PageMessage LanguagesRequired = new("At least one language is required.", "至少需要一种语言。");
    public static PageMessage UnknownLanguage(int language) => new($"Unknown language {language}.", $"未知的语言代码 {language}。");
    public static readonly PageMessage NewServiceNumbered = new("A new service has no number yet.", "新增的网站或App尚无备案号。");
    public static PageMessage TooManyPreApprovals(int max) => new($"At most {max} pre-approvals.", $"最多{max}项前置审批。");
    public static PageMessage UnknownPreApprovalType(int type) => new($"Unknown pre-approval type {type}.", $"未知的前置审批类型 {type}。");
    public static readonly PageMessage AppRequired = new("An app needs its package name, platform, public key and signature hash.", "App须填写包名、平台、公钥和签名摘要。");
    public static readonly PageMessage PackageName = new("A package name looks like com.example.app.", "包名的格式如 com.example.app。");
    public static PageMessage UnknownPlatform(int platform) => new($"Unknown platform {platform}.", $"未知的平台 {platform}。");
    public static readonly PageMessage SignatureHash = new("A hex MD5, SHA-1 or SHA-256 digest.", "须为十六进制的 MD5、SHA-1 或 SHA-256 摘要。");
    public static readonly PageMessage DuplicateDomain = new("The same domain appears twice in this filing.", "同一域名在本次备案中重复出现。");
    public static readonly PageMessage DuplicateApp = new("The same app appears twice in this filing.", "同一App在本次备案中重复出现。");
    public static readonly PageMessage DuplicateService = new("The same service appears twice in this order.", "同一网站或App在本次申请中重复出现。");

    // An order.
    public static PageMessage UnknownFilingType(int type) => new($"Unknown filing type {type}.", $"未知的备案类型 {type}。");
    public static PageMessage PartRequired(FilingType type) => new($"{AnOrderOf(type)} carries this.", "此类申请须填写此项。");
    public static PageMessage PartNotAllowed(FilingType type) => new($"{AnOrderOf(type)} does not carry this.", "此类申请不能填写此项。");
    public static readonly PageMessage ServiceNumber = new(
        "A service number looks like 京ICP备2024012345号-1 (or -2A for an app).", "网站或App备案号的格式如 京ICP备2024012345号-1（App为 -2A）。");
    public static readonly PageMessage SubjectNumber = new("A subject number looks like 京ICP备2024012345号.", "主体备案号的格式如 京ICP备2024012345号。");
    public static readonly PageMessage ServiceNamedTwice = new("The same service is named twice.", "同一网站或App重复出现。");
    public static readonly PageMessage IdempotencyKeyRequired = new(
        "Every submission carries an idempotency key, so that a retry cannot file twice.", "每次提交须携带幂等键，以免重试造成重复提交。");
    public static readonly PageMessage NewMobileUnchanged = new("The new number is the one the code goes to now.", "新号码与当前号码相同。");
    public static PageMessage MobileNotOnOrder(string orderId, string mobile) =>
        new($"No code of order {orderId} awaits validation on {mobile}.", $"备案申请 {orderId} 没有发往 {mobile} 且待核验的核验码。");
    public static PageMessage MobileAlreadyOnOrder(string orderId, string mobile) =>
        new($"A code of order {orderId} already goes to {mobile}.", $"备案申请 {orderId} 已有核验码发往 {mobile}。");
    public static readonly PageMessage DomainOrPackage = new("A domain name, or an app package name.", "请填写域名或App包名。");

    // The scenarios a request forces.
    public static readonly PageMessage ScenarioReasonCode = new(
        "review-reject takes a reason code of letters, digits and underscores.", "review-reject 的原因代码只能包含字母、数字和下划线。");
    public static readonly PageMessage ScenarioDays = new("review-days takes a number of working days from 0 to 250.", "review-days 须为 0 到 250 的工作日数。");
    public static readonly PageMessage ScenarioDuration = new("Takes a duration such as 90s, 45m, 2h or 1d12h.", "须为时长，例如 90s、45m、2h 或 1d12h。");
    public static readonly PageMessage ScenarioTooLong = new("At most 365 days.", "最长 365 天。");
    public static PageMessage UnknownScenario(string name, IReadOnlyList<string> known) =>
        new($"Unknown scenario '{name}'; known: {string.Join(", ", known)}.", $"未知的场景“{name}”；可用：{string.Join("、", known)}。");

    // The validation page and the filing password.
    public static readonly PageMessage Code = new("The code has six digits.", "核验码为6位数字。");
    public static readonly PageMessage CertificateSuffix = new("The last six characters of the certificate number.", "证件号码的后六位。");
    public static readonly PageMessage PasswordSubjectNumber = new(
        "A subject number looks like 京ICP备2024012345号 (or the older 8-digit form).", "主体备案号的格式如 京ICP备2024012345号（或旧的8位格式）。");

    // The public query.
    public static readonly PageMessage QueryDomain = new("A domain name, e.g. example.com.", "请输入域名，例如 example.com。");
    public static readonly PageMessage QueryIcpNumber = new(
        "An ICP number, e.g. 京ICP备2024012345号 or 京ICP备2024012345号-1.", "请输入备案号，例如 京ICP备2024012345号 或 京ICP备2024012345号-1。");
    public static PageMessage QuerySubjectName(int max) =>
        new($"The subject's full name, at most {max} characters.", $"请输入主办单位全称，不超过{max}个字符。");

    // The administration: review and supervision.
    public static readonly PageMessage RejectionReason = new("A rejection says what must be corrected.", "驳回须说明需要修改的内容。");
    public static readonly PageMessage AdministrationReason = new("The administration says why it acts.", "须说明原因。");
    public static PageMessage AnswerWithin(TimeSpan max) => new($"Between a second and {max.TotalDays:N0} days.", $"应在1秒至{max.TotalDays:N0}天之间。");

    // The sandbox's controls.
    public static readonly PageMessage AdvanceTarget = new("Say how far (by) or to when (to).", "请指定拨快的时长（by）或目标时间（to）。");
    public static PageMessage AdvanceBy(TimeSpan max) =>
        new($"The clock moves forward, by at most {max.TotalDays:0} days at a time.", $"时钟只能向前拨，每次最多{max.TotalDays:0}天。");
    public static PageMessage AdvanceTo(TimeSpan max) => new($"At most {max.TotalDays:0} days ahead at a time.", $"每次最多拨快{max.TotalDays:0}天。");
    public static PageMessage ClockBackwards(DateTimeOffset now) => new($"The clock does not go back (it reads {now:O}).", $"时钟不能倒退（当前为 {now:O}）。");
    public static PageMessage ClockRate(double max) =>
        new($"From 0 (frozen) to {max:0} simulated seconds per real second.", $"取值范围为 0（冻结）到 {max:0}。");
    public static PageMessage LatestClock(DateTimeOffset latest) =>
        new($"The clock goes no further than {latest:yyyy-MM-dd} (Beijing time).", $"时钟最远只能拨到{latest:yyyy-MM-dd}（北京时间）。");
    public static PageMessage TooManyItems(int max) => new($"At most {max:N0} items.", $"最多{max:N0}项。");
    public static PageMessage TooManyMessages(int max) => new($"At most {max:N0} messages in one request.", $"一个请求最多包含{max:N0}条消息。");
    public static PageMessage TooManyFaults(int max) => new($"At most {max} faults.", $"最多{max}项故障。");
    public static readonly PageMessage ClockStart = new("A clock starts in the years 2000 to 2099.", "时钟起点须在2000年至2099年之间。");
    public static readonly PageMessage Identifier = new("Lower-case letters, digits and dashes, at most 40.", "仅限小写字母、数字和连字符，最多40个字符。");
    public static PageMessage WorldMismatch(string requestWorld, string header) =>
        new($"The request names world '{requestWorld}' and its x-icp-world header '{header}'.", $"请求指定的世界（{requestWorld}）与 x-icp-world 请求头（{header}）不一致。");
    public static PageMessage TooManySeeds(int max) => new($"At most {max} filings per call.", $"每次最多{max}个备案。");
    public static readonly PageMessage RegistrationDomain = new("A domain name.", "请填写域名。");
    public static readonly PageMessage ExpiresAt = new("When the registration expires.", "请填写域名到期时间。");
    public static PageMessage UnknownFaultMethod(string method, string names) =>
        new($"'{method}' is not a method faults can be injected into (sandbox controls never are). One of: {names}.",
            $"“{method}”不是可注入故障的方法（沙箱控制方法不可注入）。可用的名称：{names}。");
    public static readonly PageMessage FaultKind = new("UNAVAILABLE, DEADLINE_EXCEEDED or LATENCY.", "须为 UNAVAILABLE、DEADLINE_EXCEEDED 或 LATENCY。");
    public static readonly PageMessage FaultProbability = new("Above 0, at most 1.", "须大于0且不超过1。");
    public static readonly PageMessage FaultDelay = new("From 0 to 5 minutes (real time).", "须在0到5分钟（真实时间）之间。");

    // Lists and streams.
    public static readonly PageMessage NegativePageSize = new("The page size cannot be negative.", "每页数量不能为负数。");
    public static readonly PageMessage Negative = new("Cannot be negative.", "不能为负数。");
    public static readonly PageMessage PageToken = new("Not a page token from a previous reply.", "不是上一页返回的分页标记。");

    private static string AnOrderOf(FilingType type) => type == FilingType.Unspecified ? "An order of unspecified type" : $"A {ContractNames.Of(type)} order";
}
