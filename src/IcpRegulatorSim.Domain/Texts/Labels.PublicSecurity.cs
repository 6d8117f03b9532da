using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

// The public-security platform's pages: the subject's account, its filings and the public query, and the office's console.
public static partial class Labels
{
    public static readonly PageMessage PsbSiteTitle = new("National Internet Security Management Service Platform", "全国互联网安全管理服务平台");
    public static readonly PageMessage PsbSimulated = new(
        "SIMULATED — IcpRegulatorSim, a training sandbox. Not the Ministry of Public Security's platform; nothing here is filed for real.",
        "模拟环境 — IcpRegulatorSim 培训沙箱，并非公安部的平台，此处的任何操作均不产生真实的公安联网备案。");
    public static readonly PageMessage PsbFooter = new(
        "A simulation of the public-security filing (公安联网备案) that follows ICP filing. Times are Beijing time on the world's simulated clock.",
        "ICP备案之后的公安联网备案模拟系统。页面时间均为该沙箱环境模拟时钟的北京时间。");
    public static readonly PageMessage PsbHomeTitle = new("Public-security filing of websites", "互联网站安全服务 · 联网备案");
    public static readonly PageMessage PsbHomeHint = new(
        "Within 30 days of opening a website that has an ICP number, its subject files it here. The local public-security office reviews it; once approved, the website shows its number and badge beside its ICP number.",
        "网站开通之日起30日内，开办主体须在本平台办理联网备案。属地公安机关网安部门审核通过后，网站须在首页ICP备案号旁展示公安联网备案号及备案图标。");
    public static readonly PageMessage PsbRegisterTitle = new("Register an account", "用户注册");
    public static readonly PageMessage PsbRegisterHint = new(
        "Register once, as the website's subject: your mobile receives a code, then enter the subject as its certificate shows it.",
        "以网站开办主体身份注册一次：先获取手机验证码，再按证件如实填写主体信息。");
    public static readonly PageMessage PsbSendCode = new("Send code", "获取验证码");
    public static readonly PageMessage PsbCodeSent = new(
        "A code was sent to {0}: read it on the simulated phone. Another may be asked for after {1} seconds.",
        "验证码已发送至 {0}，请在模拟手机上查看。{1} 秒后可重新获取。");
    public static readonly PageMessage PsbOpenPhone = new("Open the simulated phone", "打开模拟手机");
    public static readonly PageMessage PsbOpenPlatform = new("Open the public-security platform", "打开公安联网备案平台");
    public static readonly PageMessage PsbRegister = new("Register", "注册");
    public static readonly PageMessage PsbSignedInAs = new("Signed in as", "当前用户");
    public static readonly PageMessage PsbSignOut = new("Sign out", "退出");
    public static readonly PageMessage PsbNotSignedIn = new(
        "Register an account first: filing a website and following its filings need one.", "请先注册账号：办理网站备案及查看备案需要登录。");
    public static readonly PageMessage PsbFileTitle = new("File a website", "新办网站备案");
    public static readonly PageMessage PsbFileHint = new(
        "The website's ICP number is checked against MIIT's registry: it must be in force, belong to this subject and cover each domain. A website hosted outside mainland China files without one. Each of the three people receives a code on their mobile.",
        "网站的ICP备案号将与工业和信息化部备案系统核对：须有效、属于本主体并包含所填域名。境外接入的网站可不填ICP备案号。三名人员的手机将各收到一条验证码。");
    public static readonly PageMessage PsbSubjectSection = new("Subject", "开办主体");
    public static readonly PageMessage PsbWebsiteSection = new("Website", "网站信息");
    public static readonly PageMessage PsbPeopleSection = new("People", "人员信息");
    public static readonly PageMessage PsbWebsiteName = new("Website name", "网站名称");
    public static readonly PageMessage PsbDomains = new("Domains (one per line or space)", "网站域名（每行一个或以空格分隔）");
    public static readonly PageMessage PsbDomainsShown = new("Domains", "网站域名");
    public static readonly PageMessage PsbIcpNumber = new("ICP number", "ICP备案号");
    public static readonly PageMessage PsbOpenedOn = new("Opening date", "网站开通日期");
    public static readonly PageMessage PsbServerIp = new("Server IP address", "服务器IP地址");
    public static readonly PageMessage PsbServerLocation = new("Server location", "服务器所在地");
    public static readonly PageMessage PsbMainland = new("Mainland China", "境内");
    public static readonly PageMessage PsbOutsideMainland = new("Outside mainland China", "境外");
    public static readonly PageMessage PsbAccessProvider = new("Access provider", "网络接入服务商");
    public static readonly PageMessage PsbDomainRegistrar = new("Domain registrar", "域名注册服务商");
    public static readonly PageMessage PsbServiceType = new("Service type", "服务类型");
    public static readonly PageMessage PsbInteractive = new("Interactive services", "交互式服务");
    public static readonly PageMessage PsbSecurityAssessment = new("Security assessment reference (interactive sites)", "安全评估报告编号（交互式服务网站填写）");
    public static readonly PageMessage PsbLanguages = new("Languages", "网站语言");
    public static readonly PageMessage PsbCertificateType = new("Certificate type", "证件类型");
    public static readonly PageMessage PsbCertificateNumber = new("Certificate number", "证件号码");
    public static readonly PageMessage PsbName = new("Name", "姓名");
    public static readonly PageMessage PsbMobile = new("Mobile", "手机号码");
    public static readonly PageMessage PsbEmail = new("Email", "电子邮箱");
    public static readonly PageMessage PsbCode = new("Code", "验证码");
    public static readonly PageMessage PsbCity = new("City", "城市");
    public static readonly PageMessage PsbAddress = new("Address", "详细地址");
    public static readonly PageMessage PsbLeaderSection = new("Responsible person of the subject", "主体负责人");
    public static readonly PageMessage PsbLeaderHint = new(
        "An individual is their own responsible person: leave these empty to use the subject's name and certificate.",
        "个人主体的负责人即本人：留空则使用主体的姓名和证件。");
    public static readonly PageMessage PsbFileSubmit = new("Submit the filing", "提交备案");
    public static readonly PageMessage PsbFiled = new(
        "Filed. Each of the three people enters the code their mobile received; then the office reviews the filing.",
        "已提交。三名人员分别输入手机收到的验证码后，备案转入公安机关审核。");
    public static readonly PageMessage PsbMyFilingsTitle = new("My filings", "我的备案");
    public static readonly PageMessage PsbNoFilings = new("No website filed yet.", "尚未办理网站备案。");
    public static readonly PageMessage PsbFilingId = new("Filing", "备案申请编号");
    public static readonly PageMessage PsbNumber = new("Public-security filing number", "公安联网备案号");
    public static readonly PageMessage PsbOffice = new("Reviewing office", "审核机关");
    public static readonly PageMessage PsbFiledAt = new("Filed at", "提交时间");
    public static readonly PageMessage PsbDueOn = new("To be filed by", "应备案截止日");
    public static readonly PageMessage PsbOverdue = new("Overdue: filed more than 30 days after opening", "逾期：开通超过30日才备案");
    public static readonly PageMessage PsbHistory = new("History", "办理记录");
    public static readonly PageMessage PsbPeopleCodes = new("The people's codes", "人员手机验证");
    public static readonly PageMessage PsbConfirmed = new("confirmed", "已验证");
    public static readonly PageMessage PsbAwaitingCode = new("awaiting the code", "待验证");
    public static readonly PageMessage PsbConfirm = new("Confirm", "验证");
    public static readonly PageMessage PsbEnterCodes = new("Enter the people's codes", "输入人员验证码");
    public static readonly PageMessage PsbDetails = new("Details and history", "详情与办理记录");
    public static readonly PageMessage PsbAllFilings = new("All my filings", "全部备案");
    public static readonly PageMessage PsbCodeConfirmed = new("Code confirmed.", "验证码已确认。");
    public static readonly PageMessage PsbBadge = new("The badge for the home page", "首页备案图标");
    public static readonly PageMessage PsbBadgeHint = new(
        "Put this HTML on the website's home page, beside its ICP number; it links to the platform's query for the number.",
        "请将以下代码放在网站首页ICP备案号旁，图标链接到本平台对该备案号的查询。");
    public static readonly PageMessage PsbQueryTitle = new("Filing query", "联网备案查询");
    public static readonly PageMessage PsbByNumber = new("Filing number", "备案号");
    public static readonly PageMessage PsbByDomain = new("Domain", "网站域名");
    public static readonly PageMessage PsbByName = new("Website name", "网站名称");
    public static readonly PageMessage PsbSubjectType = new("Subject type", "开办者主体");
    public static readonly PageMessage PsbFiledOn = new("Filed on", "备案日期");
    public static readonly PageMessage PsbReviewsTitle = new("Public-security filings pending", "公安联网备案待审核");
    public static readonly PageMessage PsbHomeTile = new("The public-security filing (公安联网备案), after the ICP number", "取得ICP备案号后的公安联网备案");
    public static readonly PageMessage PsbReviewsHint = new("The local offices' review of websites' public-security filings", "属地公安机关审核网站联网备案");
    public static readonly PageMessage PsbAllOffices = new("All offices", "全部公安机关");
    public static readonly PageMessage PsbOverdueOnly = new("Overdue only", "仅显示逾期");
    public static readonly PageMessage PsbOnSiteCheck = new("On-site check", "现场检查");
    public static readonly PageMessage PsbApproved = new("Approved with number", "审核通过，备案号");
    public static readonly PageMessage PsbRejected = new("Rejected", "已驳回");
    public static readonly PageMessage PsbOnSiteRequested = new("On-site check requested", "已要求现场检查");
    public static readonly PageMessage PsbOrderFiling = new("Public-security filing", "公安联网备案");
    public static readonly PageMessage PsbNoOrderFiling = new("Not filed with the public-security platform yet.", "尚未办理公安联网备案。");

    /// <summary>A filing's status as the platform's pages show it.</summary>
    public static readonly IReadOnlyDictionary<WebsiteFilingStatus, PageMessage> PsbStatuses = new Dictionary<WebsiteFilingStatus, PageMessage>
    {
        [WebsiteFilingStatus.AwaitingConfirmation] = new("Awaiting the people's codes", "待人员验证"),
        [WebsiteFilingStatus.UnderReview] = new("Under review", "审核中"),
        [WebsiteFilingStatus.OnSiteCheck] = new("On-site check", "现场检查中"),
        [WebsiteFilingStatus.Approved] = new("Approved", "已备案"),
        [WebsiteFilingStatus.Rejected] = new("Rejected", "已驳回"),
        [WebsiteFilingStatus.Cancelled] = new("Cancelled", "已注销"),
    };

    /// <summary>The steps of a filing's history, by their stable kinds.</summary>
    public static readonly IReadOnlyDictionary<string, PageMessage> PsbSteps = new Dictionary<string, PageMessage>
    {
        ["FILED"] = new("Filed; codes sent to the three people", "提交备案，已向三名人员发送验证码"),
        ["OVERDUE"] = new("Filed more than 30 days after opening", "开通超过30日才备案（逾期）"),
        ["CONFIRMED"] = new("Code confirmed", "完成手机验证"),
        ["UNDER_REVIEW"] = new("Sent to the office for review", "提交公安机关审核"),
        ["ON_SITE_CHECK"] = new("On-site check requested", "公安机关要求现场检查"),
        ["APPROVED"] = new("Approved", "审核通过"),
        ["REJECTED"] = new("Rejected", "审核驳回"),
        ["CHANGED"] = new("Changed (变更)", "变更备案"),
        ["CANCELLED"] = new("Cancelled", "已注销"),
    };

    /// <summary>The interactive services a website may offer, by their codes.</summary>
    public static readonly IReadOnlyList<(int Code, PageMessage Name)> PsbInteractiveServices =
    [
        (1, new("Forum, community", "论坛、社区")),
        (2, new("Comments", "评论")),
        (3, new("Live streaming", "网络直播")),
        (4, new("File, picture, video sharing", "文件、图片、视频分享")),
        (5, new("Instant messaging", "即时通信")),
    ];

    /// <summary>The service types of the platform's table.</summary>
    public static readonly IReadOnlyList<(int Code, PageMessage Name)> PsbServiceTypes =
    [
        (1, new("Information service", "信息服务")),
        (2, new("E-commerce", "电子商务")),
        (3, new("Online media", "网络媒体")),
        (4, new("Other", "其他")),
    ];
}
