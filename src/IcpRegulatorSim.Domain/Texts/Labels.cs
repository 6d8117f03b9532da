using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>
/// The words of the web pages, each once in Chinese and once in English. The page messages, notices, reasons and
/// errors that the gRPC replies carry live beside the rules that give them (PageMessages, Notices, RegulatorErrors,
/// the code tables) or beside this class (FieldTexts, RefusalTexts, VerdictTexts, DecisionTexts, ScenarioTexts); the
/// pages show those same texts and take only their own labels from here.
/// </summary>
public static partial class Labels
{
    // The frame of every page.
    public static readonly PageMessage SiteTitle = new("ICP/IP Address/Domain Filing System", "ICP/IP地址/域名信息备案管理系统");
    public static readonly PageMessage Simulated = new(
        "SIMULATED — IcpRegulatorSim, a training sandbox. Not MIIT's system; nothing here is filed for real.",
        "模拟环境 — IcpRegulatorSim 培训沙箱，并非工业和信息化部的系统，此处的任何操作均不产生真实备案。");
    public static readonly PageMessage OtherLanguage = new("中文", "English");
    public static readonly PageMessage World = new("World", "沙箱环境");
    public static readonly PageMessage WorldNotFound = new("This world does not exist. Ask your trainer for the right link.", "该沙箱环境不存在，请向培训老师索取正确的链接。");
    public static readonly PageMessage Footer = new(
        "A simulation of the regulator's side of ICP filing. Times are Beijing time on the world's simulated clock.",
        "ICP备案管局侧模拟系统。页面时间均为该沙箱环境模拟时钟的北京时间。");
    public static readonly PageMessage Home = new("Home", "首页");
    public static readonly PageMessage Menu = new("Menu", "菜单");
    public static readonly PageMessage ForApplicants = new("For applicants", "公众服务");
    public static readonly PageMessage ForTrainers = new("For trainers and reviewers", "培训与审核");
    public static readonly PageMessage Submit = new("Submit", "提交");
    public static readonly PageMessage Problems = new("Please correct the following:", "请修改以下内容：");

    // The SMS validation and resend pages.
    public static readonly PageMessage ValidateTitle = new("SMS validation", "短信核验");
    public static readonly PageMessage ValidateHint = new(
        "Enter the mobile number that received the code, the last six characters of your certificate number, and the six-digit code.",
        "请输入接收核验码的手机号码、证件号码后六位及6位短信核验码。");
    public static readonly PageMessage ResendTitle = new("Resend the SMS", "重发短信");
    public static readonly PageMessage ResendHint = new(
        "A new code replaces the old one; it does not extend the 24 hours. At most two resends per person and order.",
        "重发的核验码将取代原核验码，核验期限不会延长。每人每个申请最多重发两次。");
    public static readonly PageMessage Mobile = new("Mobile number", "手机号码");
    public static readonly PageMessage CertificateSuffix = new("Last six characters of the certificate number", "证件号码后六位");
    public static readonly PageMessage Code = new("SMS code", "短信核验码");
    public static readonly PageMessage Validate = new("Validate", "核验");
    public static readonly PageMessage Resend = new("Resend", "重发");
    public static readonly PageMessage NoCode = new("No code received?", "没有收到核验码？");

    // The filing password.
    public static readonly PageMessage PasswordTitle = new("Retrieve the ICP filing password", "找回ICP备案密码");
    public static readonly PageMessage PasswordHint = new(
        "A new password is sent to the entity leader's mobile and email on file; the old one stops working.",
        "新密码将发送至备案信息中主体负责人的手机和邮箱，原密码随即失效。");
    public static readonly PageMessage SubjectNumber = new("Subject filing number", "主体备案号");
    public static readonly PageMessage LeaderCertificate = new("Entity leader's certificate number", "主体负责人证件号码");
    public static readonly PageMessage Retrieve = new("Send a new password", "发送新密码");

    // The public query.
    public static readonly PageMessage QueryTitle = new("ICP filing query", "ICP备案查询");
    public static readonly PageMessage QueryBy = new("Search by", "查询类型");
    public static readonly PageMessage ByDomain = new("Domain", "域名");
    public static readonly PageMessage ByNumber = new("Filing number", "备案号");
    public static readonly PageMessage ByName = new("Subject name", "主办单位名称");
    public static readonly PageMessage Search = new("Search", "查询");
    public static readonly PageMessage NothingFound = new("No filing found.", "未查询到备案信息。");
    public static readonly PageMessage SubjectName = new("Subject name", "主办单位名称");
    public static readonly PageMessage SubjectNature = new("Subject nature", "主办单位性质");
    public static readonly PageMessage ServiceNumber = new("Website/app filing number", "网站备案号");
    public static readonly PageMessage ServiceName = new("Website/app name", "网站名称");
    public static readonly PageMessage HomeUrl = new("Home page URL", "网站首页网址");
    public static readonly PageMessage ApprovedOn = new("Approved on", "审核日期");
    public static readonly PageMessage AccessRestricted = new("Access restricted", "是否限制接入");

    // The phone and the mailbox.
    public static readonly PageMessage PhoneTitle = new("Simulated phone", "模拟手机");
    public static readonly PageMessage MailboxTitle = new("Simulated mailbox", "模拟邮箱");
    public static readonly PageMessage InboxNotice = new(
        "This phone and this mailbox are simulated: they show what the regulator would have sent. No real SMS or email is sent.",
        "此手机和邮箱均为模拟：显示管局本应发送的消息，不会发送真实的短信或邮件。");
    public static readonly PageMessage Email = new("Email address", "电子邮箱");
    public static readonly PageMessage Open = new("Open", "打开");
    public static readonly PageMessage KnownRecipients = new("Recently written to:", "最近收到消息的号码：");
    public static readonly PageMessage KnownAddresses = new("Recently written to:", "最近收到邮件的邮箱：");
    public static readonly PageMessage NoMessages = new("No messages yet. New ones appear here as they arrive.", "暂无消息。新消息到达时会自动显示在这里。");
    public static readonly PageMessage OpenValidation = new("Open the validation page", "打开短信核验页面");
    public static readonly PageMessage IncomingCall = new("Incoming call", "来电");
    public static readonly PageMessage AnswerCall = new("Answer", "接听");
    public static readonly PageMessage CallAnswered = new("Call answered: the administration has verified the entity leader.", "已接听：通信管理局已核验主体负责人信息。");
    public static readonly PageMessage SandboxOnly = new("Only in sandbox mode: this simulator runs without sandbox controls.", "仅在沙箱模式下可用：本模拟器未启用沙箱控制功能。");
    public static readonly PageMessage LiveUpdates = new("Live: new messages appear without reloading.", "实时：新消息无需刷新即可显示。");

    // An order's timeline.
    public static readonly PageMessage TimelineTitle = new("Timeline", "办理过程");
    public static PageMessage StepSubmitted(string provider, (string Zh, string En) type) =>
        new($"Submitted by the access provider {provider} ({type.En}).", $"接入商 {provider} 报送备案申请（{type.Zh}）。");
    public static PageMessage StepCodeSent(string mobile) => new($"SMS validation code sent to {mobile}.", $"短信核验码已发送至 {mobile}。");
    public static PageMessage StepCodeResent(string mobile) => new($"A new code was sent to {mobile} (resend).", $"已向 {mobile} 重发短信核验码。");
    public static PageMessage StepWrongCode(string mobile) => new($"{mobile} typed a wrong code: validation FAILED.", $"{mobile} 输入的核验码错误：核验失败。");
    public static PageMessage StepValidated(string mobile) => new($"{mobile} validated the code.", $"{mobile} 完成短信核验。");
    public static readonly PageMessage StepUnderReview = new(
        "Every validation is complete: the order is with the communications administration for review.", "短信核验全部完成，申请已提交至通信管理局审核。");
    public static PageMessage StepApproved(string subjectNumber, IReadOnlyList<string> serviceNumbers) =>
        new($"Approved. Subject number {subjectNumber}; service numbers {string.Join(", ", serviceNumbers)}.",
            $"审核通过。主体备案号 {subjectNumber}；网站备案号 {string.Join("、", serviceNumbers)}。");
    public static PageMessage StepRejected(string en, string zh) => new($"Rejected: {en}", $"审核未通过：{zh}");
    public static PageMessage StepReturned(string en, string zh) => new($"Returned: {en}", $"已退回：{zh}");
    public static readonly PageMessage StepWithdrawn = new("Withdrawn by the access provider.", "接入商已撤回该申请。");
    public static PageMessage StepCallPlaced(string mobile) =>
        new($"The communications administration calls the entity leader at {mobile} to verify the order.", $"通信管理局致电主体负责人 {mobile}，进行电话核验。");
    public static PageMessage StepCallAnswered(string mobile) => new($"{mobile} answered the verification call.", $"{mobile} 已接听电话核验。");
    public static PageMessage StepCallUnanswered(string mobile) =>
        new($"{mobile} did not answer the verification call in time.", $"{mobile} 未在规定时间内接听电话核验。");
    public static PageMessage StepCall(string mobile) => new($"Call to {mobile}", $"致电 {mobile}");
    public static PageMessage StepSms(string mobile) => new($"SMS to {mobile}", $"发送短信至 {mobile}");
    public static PageMessage StepEmail(string address, string subject) => new($"Email to {address}: {subject}", $"发送邮件至 {address}：{subject}");

    // Words the consoles share.
    public static readonly PageMessage Yes = new("Yes", "是");
    public static readonly PageMessage No = new("No", "否");
    public static readonly PageMessage Name = new("Name", "姓名");
    public static readonly PageMessage Certificate = new("Certificate", "证件");
    public static readonly PageMessage Province = new("Province", "省份");
    public static readonly PageMessage AllProvinces = new("All provinces", "全部省份");
    public static readonly PageMessage OrderId = new("Order", "申请编号");
    public static readonly PageMessage Type = new("Type", "备案类型");
    public static readonly PageMessage Status = new("Status", "状态");
    public static readonly PageMessage Provider = new("Access provider", "接入商");
    public static readonly PageMessage SubmittedAt = new("Submitted", "提交时间");
    public static readonly PageMessage DueAt = new("Decision due", "审核期限");
    public static readonly PageMessage Subject = new("Subject", "主办者");
    public static readonly PageMessage Service = new("Website/app", "网站/App");
    public static readonly PageMessage Services = new("Websites/apps", "网站/App");
    public static readonly PageMessage Domains = new("Domains", "域名");
    public static readonly PageMessage Content = new("Content", "服务内容");
    public static readonly PageMessage Leader = new("Entity leader", "主体负责人");
    public static readonly PageMessage Administrator = new("Website/app administrator", "网站/App负责人");
    public static readonly PageMessage People = new("People", "核验人员");
    public static readonly PageMessage CertificateAddress = new("Certificate address", "证件住所");
    public static readonly PageMessage MailingAddress = new("Mailing address", "通信地址");
    public static readonly PageMessage Registry = new("Domain registry", "域名注册信息");
    public static readonly PageMessage Registrar = new("Registrar", "注册商");
    public static readonly PageMessage Registrant = new("Registrant", "注册人");
    public static readonly PageMessage RealNameVerified = new("Real-name verified", "已实名认证");
    public static readonly PageMessage Expires = new("Expires", "到期时间");
    public static readonly PageMessage NotInRegistry = new("No registration fixture: the registry checks pass it (trusted unknown domain).", "沙箱注册库中无此域名的记录：按可信未知域名通过注册检查。");
    public static readonly PageMessage Blacklisted = new("On the blacklist.", "在黑名单中。");
    public static readonly PageMessage CodeSentAt = new("Code sent", "核验码发送时间");
    public static readonly PageMessage WrongCodes = new("Consecutive wrong codes", "连续错误次数");
    public static readonly PageMessage Resends = new("Resends used", "已重发次数");
    public static PageMessage StatusName(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingSmsValidation => new("Awaiting SMS validation", "待短信核验"),
        OrderStatus.UnderReview => new("Under review", "管局审核中"),
        OrderStatus.Approved => new("Approved", "审核通过"),
        OrderStatus.Rejected => new("Rejected", "审核未通过"),
        OrderStatus.Returned => new("Returned", "已退回"),
        OrderStatus.Withdrawn => new("Withdrawn", "已撤回"),
        _ => new("Unknown", "未知"),
    };
    public static PageMessage ValidationState(SmsValidationState state) => state switch
    {
        SmsValidationState.Scheduled => new("Code not sent yet", "核验码待发送"),
        SmsValidationState.Pending => new("Waiting for the code", "待核验"),
        SmsValidationState.Complete => new("Validated", "已核验"),
        SmsValidationState.Closed => new("Closed", "已关闭"),
        _ => new("Unknown", "未知"),
    };

    // Signing in.
    public static readonly PageMessage LoginTitle = new("Sign in: trainers and reviewers", "培训老师与审核人员登录");
    public static readonly PageMessage LoginHint = new("The trainer's desk and the reviewer's console need the simulator's admin key.", "培训控制台和管局审核页面需要模拟器的管理员密钥。");
    public static readonly PageMessage AdminKey = new("Admin key", "管理员密钥");
    public static readonly PageMessage SignIn = new("Sign in", "登录");
    public static readonly PageMessage SignOut = new("Sign out", "退出");
    public static readonly PageMessage WrongKey = new("That is not an admin key of this simulator.", "该密钥不是本模拟器的管理员密钥。");

    // The reviewer's console and an order's page.
    public static readonly PageMessage ReviewsTitle = new("Administration review", "管局审核");
    public static readonly PageMessage NothingPending = new("No order is waiting for review.", "暂无待审核的申请。");
    public static readonly PageMessage WholeData = new("Whole data", "完整备案信息");
    public static readonly PageMessage OrderTitle = new("Order", "备案申请");
    public static readonly PageMessage FilingsTitle = new("Filed services", "备案管理");
    public static readonly PageMessage FilingNumber = new("Subject or website/app number", "主体备案号或网站/App备案号");
    public static readonly PageMessage FilingNotFound = new("No filed subject or service has that number in this world.", "该沙箱环境中没有此备案号。");
    public static readonly PageMessage Standing = new("Standing", "备案状态");
    public static readonly PageMessage StandingFiled = new("Filed", "正常");
    public static readonly PageMessage StandingRestricted = new("Access restricted", "限制接入");
    public static readonly PageMessage SpotCheck = new("Spot check", "核查");
    public static readonly PageMessage AccessProviders = new("Access providers", "接入商");
    public static readonly PageMessage EmptyShellSince = new("No provider since", "无接入商起始");
    public static readonly PageMessage RestrictAccess = new("Restrict access", "限制接入");
    public static readonly PageMessage LiftRestriction = new("Lift the restriction", "解除限制接入");
    public static readonly PageMessage OpenSpotCheck = new("Open a spot check", "发起核查");
    public static readonly PageMessage CloseSpotCheck = new("Close the spot check", "结束核查");
    public static readonly PageMessage RevokeFiling = new("Revoke the filing", "撤销备案");
    public static readonly PageMessage AnswerWithinDays = new("Days to answer", "答复期限（天）");
    public static readonly PageMessage AdministrativeReason = new("Reason", "原因");
    public static readonly PageMessage SupervisionDone = new("Done: the subject is told by SMS and email, and every provider of the service has the event.",
        "已完成：已通过短信和邮件通知主体，该网站或App的每个接入商均已收到事件。");
    public static readonly PageMessage OrderNotFound = new("No such order in this world.", "该沙箱环境中没有此申请。");
    public static readonly PageMessage Decision = new("Decision", "审核结果");
    public static readonly PageMessage Approve = new("Approve", "审核通过");
    public static readonly PageMessage Reject = new("Reject", "驳回");
    public static readonly PageMessage Reviewer = new("Reviewer", "审核人");
    public static readonly PageMessage Opinion = new("Opinion (optional)", "审核意见（选填）");
    public static readonly PageMessage Reason = new("Reason", "驳回原因");
    public static readonly PageMessage Approved = new("Approved: the numbers are issued and the provider's feed has the event.", "已审核通过：备案号已下发，接入商的事件流已收到通知。");
    public static readonly PageMessage Rejected = new("Rejected: the provider's feed has the event, the subject the SMS and email.", "已驳回：接入商的事件流已收到通知，主体已收到短信和邮件。");

    // The trainer's desk.
    public static readonly PageMessage DeskTitle = new("Trainer's desk", "培训控制台");
    public static readonly PageMessage DeskHint = new("Worlds, the clock, sample filings, scenarios, faults (admin key)", "沙箱环境、时钟、示例备案、场景、故障（需管理员密钥）");
    public static readonly PageMessage ReviewsHint = new("Pending orders: approve or reject (admin key)", "待审核申请：通过或驳回（需管理员密钥）");
    public static readonly PageMessage Clock = new("Clock", "模拟时钟");
    public static readonly PageMessage Now = new("Now (Beijing time)", "当前时间（北京时间）");
    public static readonly PageMessage Rate = new("Rate", "速率");
    public static readonly PageMessage WorkingDay = new("Working day", "工作日");
    public static readonly PageMessage AdvanceTo = new("Advance to", "拨快到");
    public static readonly PageMessage Advance = new("Advance", "拨快");
    public static readonly PageMessage RateHint = new("Simulated seconds per real second (0 freezes)", "模拟秒数/真实秒（0为冻结）");
    public static readonly PageMessage SetRate = new("Set the rate", "设置速率");
    public static PageMessage ClockAdvanced(string now, int deadlines) =>
        new($"The clock reads {now}; {deadlines} deadline(s) applied on the way.", $"时钟已拨至 {now}，期间处理了 {deadlines} 个到期事项。");
    public static PageMessage RateSet(string rate) => new($"The clock now runs at {rate}× real time.", $"时钟速率已设为真实时间的 {rate} 倍。");
    public static readonly PageMessage SampleTitle = new("Submit a sample filing", "提交示例备案");
    public static readonly PageMessage SubjectKind = new("Subject", "主办者类型");
    public static readonly PageMessage Individual = new("An individual (one person validates)", "个人（一人核验）");
    public static readonly PageMessage Company = new("A company (leader and administrator validate)", "企业（主体负责人与网站负责人分别核验）");
    public static readonly PageMessage LeaderMobile = new("Entity leader's mobile", "主体负责人手机");
    public static readonly PageMessage AdministratorMobile = new("Website administrator's mobile (company; empty = the leader)", "网站负责人手机（企业；留空则同主体负责人）");
    public static readonly PageMessage Scenario = new("Scenario", "场景");
    public static readonly PageMessage SubmitSample = new("Submit the sample", "提交示例备案");
    public static PageMessage SampleDone(string orderId) => new($"Sample filing {orderId} submitted.", $"示例备案 {orderId} 已提交。");
    public static readonly PageMessage SampleSubmitted = new("The sample filing: give the trainee these", "示例备案：请将以下信息交给学员");
    public static readonly PageMessage SampleNext = new("The codes arrive on the simulated phone about five simulated minutes after submission:", "核验码约在提交后5分钟（模拟时间）发送到模拟手机：");
    public static readonly PageMessage Orders = new("Orders in this world", "本环境的备案申请");
    public static readonly PageMessage NoOrders = new("No orders yet: submit a sample filing to start.", "暂无申请：提交一个示例备案开始吧。");
    public static readonly PageMessage Scenarios = new("Scenarios", "场景");
    public static readonly PageMessage ScenariosHint = new(
        "A scenario forces a path: give it to a sample filing, or send it as the x-icp-scenario header (name:parameter, several separated by commas); the psb-… ones go to a public-security filing, in the x-psb-scenario header.",
        "场景可强制走特定流程：在示例备案中填写，或通过 x-icp-scenario 请求头发送（名称:参数，多个以逗号分隔）；psb-… 场景用于公安联网备案，通过 x-psb-scenario 请求头发送。");
    public static readonly PageMessage Parameter = new("Parameter", "参数");
    public static readonly PageMessage WhatItDoes = new("What it does", "作用");
    public static readonly PageMessage Worlds = new("Worlds (one per trainee or class)", "沙箱环境（每位学员或每个班一个）");
    public static readonly PageMessage TraineeLink = new("Link for the trainee", "学员链接");
    public static readonly PageMessage WorldId = new("World id (optional)", "环境标识（选填）");
    public static readonly PageMessage ClockStart = new("Clock starts at (Beijing time; empty = now)", "时钟起点（北京时间；留空为当前时间）");
    public static readonly PageMessage CreateWorld = new("Create the world", "创建环境");
    public static PageMessage WorldCreated(string world) =>
        new($"World {world} created, with its own clock. Its provider key (shown once):", $"已创建环境 {world}（独立时钟）。其接入商密钥（仅显示一次）：");
    public static readonly PageMessage Faults = new("Faults", "故障注入");
    public static readonly PageMessage FaultsHint = new("Make one gRPC method of this world fail or slow down, to test a provider's retries.", "让本环境的某个 gRPC 方法失败或变慢，用于测试接入商的重试。");
    public static readonly PageMessage Method = new("Method", "方法");
    public static readonly PageMessage FaultKind = new("Fault", "故障类型");
    public static readonly PageMessage Probability = new("Probability (0–1)", "概率（0–1）");
    public static readonly PageMessage DelayMs = new("Delay (ms, real time)", "延迟（毫秒，真实时间）");
    public static readonly PageMessage InjectFault = new("Inject", "注入");
    public static readonly PageMessage ClearFaults = new("Clear all faults", "清除全部故障");
    public static PageMessage FaultSet(string method) => new($"Faults now apply to {method}.", $"已对 {method} 注入故障。");
    public static readonly PageMessage FaultsCleared = new("No faults are injected now.", "已清除全部故障。");
    public static readonly PageMessage ResetTitle = new("Reset", "重置");
    public static readonly PageMessage ResetHint = new(
        "Empties this world (orders, filings, registry fixtures, messages, faults) and sets its clock back to where it started. Keys stay; order ids and sequences never go back.",
        "清空本环境的申请、备案、注册库数据、消息和故障，时钟回到起点；密钥保留，申请编号和序号不回退。");
    public static readonly PageMessage ResetConfirm = new("I want to empty this world", "确认清空本环境");
    public static readonly PageMessage ResetButton = new("Reset the world", "重置环境");
    public static readonly PageMessage ResetDone = new("The world is empty.", "环境已清空。");
}
