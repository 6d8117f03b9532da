using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>
/// What a refusal says about the state that refused the request, once in English and once in Chinese: the violations
/// of a <c>google.rpc.PreconditionFailure</c>, and the detail added to an error of the catalogue (RegulatorErrors).
/// </summary>
public static class RefusalTexts
{
    // Any refusal.
    public static readonly PageMessage ProviderKeyRequired = new("(a provider key is required)", "（需要接入商密钥）");
    public static readonly PageMessage AdminKeyRequired = new("(an admin key is required)", "（需要管理员密钥）");
    public static PageMessage ProblemsShown(int count, int total) => new($" ({count} of {total} problems shown.)", $"（共{total}个问题，显示其中{count}个。）");
    public static PageMessage WorldExists(string world) => new($"World '{world}' exists.", $"沙箱环境“{world}”已存在。");
    public static PageMessage Transition(string from, string to) => new($"({from} → {to})", $"（{from} → {to}）");

    // An order's admission: its subject, province and type.
    public static PageMessage OrderInProcess(string orderId) => new($"Order {orderId} of this subject is in process.", $"该主体的备案申请 {orderId} 正在办理中。");
    public static PageMessage FiledInProvince(string? subjectNumber, ProvinceRule province) =>
        new($"{subjectNumber} is filed in {province.Id}.", $"{subjectNumber} 的备案省份为 {province.NameZh}。");
    public static PageMessage ProviderProvince(string own, ProvinceRule province) =>
        new($"The provider files in {own}; this subject is in {province.Id}.", $"接入商所在省份为 {own}，该主体属于 {province.NameZh}。");
    public static PageMessage ChangesNotAccepted(ProvinceRule province) =>
        new($"The {province.Administration} accepts no change orders.", $"{province.Administration}不受理变更备案。");
    public static PageMessage TypeMismatch(FilingType requested, FilingType determined, PageMessage why) =>
        new($"Submitted as {ContractNames.Of(requested)}, but {why.En}: the regulator determined {ContractNames.Of(determined)}.",
            $"申请类型为 {ContractNames.Of(requested)}，但{why.Zh}：备案系统判定为 {ContractNames.Of(determined)}。");
    public static PageMessage Determined(FilingType determined) => new($"(determined: {ContractNames.Of(determined)})", $"（判定类型：{ContractNames.Of(determined)}）");
    public static readonly PageMessage SubjectNotFiled = new("the subject is not filed", "该主体尚未备案");
    public static PageMessage SubjectFiledAs(string subjectNumber) => new($"the subject is filed as {subjectNumber}", $"该主体已备案（{subjectNumber}）");
    public static PageMessage IdentifierFiledAs(string identifier, string? serviceNumber) =>
        new($"{identifier} is filed as {serviceNumber}", $"{identifier} 已备案为 {serviceNumber}");
    public static readonly PageMessage AddServiceSubjectAsFiled = new(
        "An ADD_SERVICE order carries the subject exactly as filed.", "新增网站或App申请中的主体信息须与已备案信息一致。");
    public static PageMessage CertificateFiled(string subjectNumber, string certificate) =>
        new($"{subjectNumber} is filed with certificate {certificate}.", $"{subjectNumber} 的备案证件号码为 {certificate}。");
    public static readonly PageMessage KindChange = new(
        "A website stays a website and an app an app: cancel and file the other kind anew.", "网站与App之间不能互相变更。");
    public static PageMessage IdempotencyKeyReused(string orderId) =>
        new($"The key was first used for order {orderId} with a different request.", $"该幂等键已用于备案申请 {orderId}，且请求内容不同。");

    // An order's admission: the services it names and their providers.
    public static PageMessage NoSuchService(string serviceNumber) =>
        new($"No filed service is numbered {serviceNumber}.", $"未找到备案号为 {serviceNumber} 的网站或App。");
    public static PageMessage NotTheSubjectsService(string subjectNumber, string serviceNumber) =>
        new($"{subjectNumber} has no service {serviceNumber}.", $"{subjectNumber} 下没有 {serviceNumber}。");
    public static PageMessage HostedHere(string serviceNumber) =>
        new($"{serviceNumber} is hosted by this provider already.", $"{serviceNumber} 已在本接入商处接入。");
    public static PageMessage NotHostedBy(string serviceNumber, string providerId) =>
        new($"{serviceNumber} is not hosted by {providerId}.", $"{serviceNumber} 不在本接入商处接入。");
    public static PageMessage CancelsEveryService(string subjectNumber) =>
        new($"The order would cancel every service of {subjectNumber}.", $"该申请将注销 {subjectNumber} 下的全部网站或App。");
    public static PageMessage NoOtherProvider(string serviceNumber) => new($"{serviceNumber} has no other access provider.", $"{serviceNumber} 没有其他接入商。");
    public static PageMessage IdentifierHeld(string identifier) =>
        new($"{identifier} is filed, or being filed, under another subject or service.", $"{identifier} 已在其他主体或网站下备案或正在备案。");
    public static PageMessage PasswordChecksLeft(int left) => new($"{left} failed checks left today.", $"今日还可校验{left}次。");
    public static PageMessage PasswordChecksExhausted(int failures, DateTimeOffset? until) =>
        new($"{failures} failed checks; checks resume at {until:O}.", $"已连续失败{failures}次，将于 {until:O} 恢复校验。");

    // The domain registry and the blacklist.
    public static PageMessage SubjectBlacklisted(string certificate) =>
        new($"The subject with certificate {certificate} is on the blacklist.", $"证件号码为 {certificate} 的主体在黑名单中。");
    public static PageMessage DomainBlacklisted(string domain) => new($"{domain} is on the blacklist.", $"{domain} 在黑名单中。");
    public static PageMessage DomainNotRegistered(string domain) => new($"{domain} is not in the domain registry.", $"{domain} 未在域名注册库中。");
    public static PageMessage DomainExpired(string domain, DateOnly expiredOn) =>
        new($"{domain} expired on {expiredOn:yyyy-MM-dd} (Beijing time).", $"{domain} 已于 {expiredOn:yyyy-MM-dd}（北京时间）过期。");
    public static PageMessage RegistrarNotApproved(string domain, string registrar) =>
        new($"{domain} is registered through {registrar}, which MIIT has not approved.", $"{domain} 的注册服务机构 {registrar} 未获工业和信息化部批准。");
    public static PageMessage RealNameNotVerified(string domain) =>
        new($"The registrant of {domain} has not passed real-name verification.", $"{domain} 的注册人未通过实名审核。");
    public static PageMessage RegistrantMismatch(string domain, string registrant, string subjectName) =>
        new($"{domain} is registered to {registrant}, not to the subject {subjectName} and its certificate.",
            $"{domain} 的注册人（{registrant}）与主办单位及其证件不一致。");

    // An order under way.
    public static PageMessage MobileUpdateNotAllowed(FilingType type) =>
        new($"Only a cancellation may change a validation mobile; withdraw this {ContractNames.Of(type)} order and submit it again with the right number.",
            $"仅注销类申请可以更换核验手机号码；请撤回该{Notices.Names[type].Zh}申请，以正确的号码重新提交。");
    public static PageMessage NoCallRinging(string mobile) => new($"No call of the administration is ringing on {mobile}.", $"{mobile} 当前没有通信管理局的来电。");
    public static PageMessage CancellationBatchDay(string province, DayOfWeek day) =>
        new($"Cancellation orders of {province} are decided on {day}s.", $"该省注销申请每周{ZhWeekday(day)}集中办理。");

    // The administration acting on filed services.
    public static PageMessage NoSuchSubjectOrService(string number) =>
        new($"No filed subject or service is numbered {number}.", $"未找到备案号为 {number} 的主体、网站或App。");
    public static PageMessage NoServiceNumbered(string subjectNumber, string serviceNumber) =>
        new($"{subjectNumber} has no service {serviceNumber}.", $"{subjectNumber} 下没有备案号为 {serviceNumber} 的网站或App。");
    public static PageMessage HostedBy(string serviceNumber, int providers) =>
        new($"{serviceNumber} is hosted by {providers} access provider(s).", $"{serviceNumber} 仍由{providers}家接入商接入。");
    public static PageMessage OrderInProcessBeforeRevocation(string orderId, string subjectNumber) =>
        new($"Order {orderId} of {subjectNumber} is in process: it must be decided or withdrawn before the filing is revoked.",
            $"{subjectNumber} 的备案申请 {orderId} 正在办理中，须办结或撤回后才能撤销备案。");

    /// <summary>
    /// An action the standing of a service forbids: <paramref name="spotCheck"/> says whether the refusal is for its
    /// spot check (OPEN or NONE) rather than its standing.
    /// </summary>
    public static PageMessage StandingForbids(bool spotCheck, string state, SupervisionAction action) =>
        new($"A service whose {(spotCheck ? "spot check" : "standing")} is {state} cannot be {ActionEn(action)}.",
            $"{(spotCheck ? "核查状态" : "备案状态")}为 {state} 的网站或App不能{ActionZh(action)}。");

    public static PageMessage StandingTransition(string state, SupervisionAction action) =>
        new($"({state} → {ActionEn(action)})", $"（{state} → {ActionZh(action)}）");

    private static string ActionEn(SupervisionAction action) => action switch
    {
        SupervisionAction.Restrict => "restricted",
        SupervisionAction.LiftRestriction => "released from a restriction",
        SupervisionAction.Revoke => "revoked",
        SupervisionAction.CancelEmptyShell => "cancelled as an empty shell",
        SupervisionAction.OpenSpotCheck => "given another spot check",
        SupervisionAction.CloseSpotCheck => "cleared of a spot check",
        SupervisionAction.AddAccess => "taken on by another access provider",
        _ => action.ToString(),
    };

    private static string ActionZh(SupervisionAction action) => action switch
    {
        SupervisionAction.Restrict => "限制接入",
        SupervisionAction.LiftRestriction => "解除限制接入",
        SupervisionAction.Revoke => "撤销备案",
        SupervisionAction.CancelEmptyShell => "作为空壳网站注销",
        SupervisionAction.OpenSpotCheck => "再次发起核查",
        SupervisionAction.CloseSpotCheck => "结束核查",
        SupervisionAction.AddAccess => "新增接入",
        _ => action.ToString(),
    };

    private static string ZhWeekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "一",
        DayOfWeek.Tuesday => "二",
        DayOfWeek.Wednesday => "三",
        DayOfWeek.Thursday => "四",
        DayOfWeek.Friday => "五",
        DayOfWeek.Saturday => "六",
        _ => "日",
    };
}
