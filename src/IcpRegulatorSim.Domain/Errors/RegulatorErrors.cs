using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Errors;

/// <summary>The error catalogue. Numeric codes mirror the real regulator's enterprise interface where it has one.</summary>
public static class RegulatorErrors
{
    public static readonly RegulatorError InvalidRequest = new(RegulatorErrorCode.InvalidRequest, null,
        "The request has invalid fields.", "请求中有不符合要求的字段。");

    public static readonly RegulatorError IdempotencyKeyReused = new(RegulatorErrorCode.IdempotencyKeyReused, null,
        "This idempotency key was already used for a different request.", "该幂等键已用于另一个不同的请求。");

    public static readonly RegulatorError OrderInProcess = new(RegulatorErrorCode.OrderInProcess, null,
        "The subject already has an order in process; it must finish or be withdrawn first.",
        "该主体已有备案申请正在办理中，须办结或撤回后才能提交新的申请。");

    public static readonly RegulatorError DomainConflict = new(RegulatorErrorCode.DomainConflict, 1005,
        "The domain is filed, or being filed, under another subject.", "该域名已在其他主体下备案或正在备案。");

    public static readonly RegulatorError FilingTypeMismatch = new(RegulatorErrorCode.FilingTypeMismatch, null,
        "The filing type does not match what the registry shows for this subject and these services.",
        "备案类型与备案库中该主体及服务的情况不符。");

    public static readonly RegulatorError ProvinceChange = new(RegulatorErrorCode.ProvinceChange, 1046,
        "A filing never changes province: cancel it there, then file anew in the other province.",
        "备案所属省份不能变更：须先在原省份注销，再在新省份重新备案。");

    public static readonly RegulatorError ProviderProvince = new(RegulatorErrorCode.ProviderProvince, 1045,
        "This provider may only file with the administration of its own province.", "接入商只能向其所在省份的通信管理局报送备案。");

    public static readonly RegulatorError ChangesNotAccepted = new(RegulatorErrorCode.ChangesNotAccepted, null,
        "This province's administration accepts no change orders: cancel the filing and file anew.",
        "该省通信管理局不受理变更备案：须注销后重新备案。");

    public static readonly RegulatorError WrongFilingPassword = new(RegulatorErrorCode.WrongFilingPassword, 1018,
        "The ICP filing password is wrong.", "ICP备案密码错误。");

    public static readonly RegulatorError EmptyShell = new(RegulatorErrorCode.EmptyShell, 1025,
        "A service with a single access provider cannot cancel that access: it would be left an empty shell.",
        "仅有一个接入商的网站不能取消接入，否则将成为空壳网站。");

    public static readonly RegulatorError LastService = new(RegulatorErrorCode.LastService, null,
        "This is the subject's last service: cancel the subject instead.", "这是该主体下的最后一个网站或App，请改为注销主体。");

    public static readonly RegulatorError ServiceNotHosted = new(RegulatorErrorCode.ServiceNotHosted, null,
        "This provider does not host the service; only a provider that hosts it may file this order.",
        "该网站或App不在本接入商处接入，不能报送此申请。");

    public static readonly RegulatorError AlreadyHosted = new(RegulatorErrorCode.AlreadyHosted, null,
        "This provider already hosts the service.", "该网站或App已在本接入商处接入。");

    public static readonly RegulatorError FiledDataModified = new(RegulatorErrorCode.FiledDataModified, null,
        "The order carries subject data that differs from the filed data; change it with a CHANGE order first.",
        "申请中的主体信息与已备案信息不一致，请先报送变更备案。");

    public static readonly RegulatorError CertificateChange = new(RegulatorErrorCode.CertificateChange, null,
        "The certificate identifies the subject and cannot be changed; another certificate is another subject.",
        "主体证件号码不能变更；不同的证件即为不同的主体。");

    public static readonly RegulatorError CancellationBatchDay = new(RegulatorErrorCode.CancellationBatchDay, null,
        "This administration decides cancellation orders in a weekly batch, on its batch day only.",
        "该通信管理局每周集中办理注销申请，仅在办理日作出决定。");

    public static readonly RegulatorError DomainChecksFailed = new(RegulatorErrorCode.DomainChecksFailed, null,
        "The domain registry does not support this filing: each problem is listed with its field.",
        "域名注册信息不符合备案要求，具体问题见各字段说明。");

    public static readonly RegulatorError DomainBlacklisted = new(RegulatorErrorCode.DomainBlacklisted, 1064,
        "The domain is on the blacklist.", "该域名在黑名单中。");

    public static readonly RegulatorError SubjectBlacklisted = new(RegulatorErrorCode.SubjectBlacklisted, 1065,
        "The subject is on the blacklist.", "该主体在黑名单中。");

    public static readonly RegulatorError IllegalTransition = new(RegulatorErrorCode.IllegalTransition, null,
        "The order cannot do that in its current status.", "该备案申请在当前状态下不能执行此操作。");

    public static readonly RegulatorError WebsiteFilingTransition = new(RegulatorErrorCode.WebsiteFilingTransition, null,
        "The public-security filing cannot do that in its current status.", "该公安联网备案在当前状态下不能执行此操作。");

    public static readonly RegulatorError NotInteractive = new(RegulatorErrorCode.NotInteractive, null,
        "An on-site check is for a website that offers interactive services.", "现场检查仅适用于提供交互式服务的网站。");

    public static readonly RegulatorError WebsiteFilingNotFound = new(RegulatorErrorCode.WebsiteFilingNotFound, null,
        "No such public-security filing.", "未找到该公安联网备案。");

    public static readonly RegulatorError PublicSecurityAccountExists = new(RegulatorErrorCode.PublicSecurityAccountExists, null,
        "An account of the public-security platform is registered with that mobile.", "该手机号码已注册公安联网备案账号。");

    public static readonly RegulatorError StandingForbids = new(RegulatorErrorCode.ServiceStandingForbids, null,
        "The filed service cannot do that in its current standing with the administration.", "该网站或App在当前备案状态下不能执行此操作。");

    public static readonly RegulatorError NotAnEmptyShell = new(RegulatorErrorCode.NotAnEmptyShell, null,
        "The service still has an access provider: it is not an empty shell.", "该网站或App仍有接入商，不是空壳网站。");

    public static readonly RegulatorError MobileUpdateNotAllowed = new(RegulatorErrorCode.MobileUpdateNotAllowed, null,
        "Only a cancellation may change the mobile of its validation personnel; any other order is withdrawn and submitted again.",
        "仅注销类申请可以更换核验人员的手机号码；其他申请须撤回后重新提交。");

    public static readonly RegulatorError NoCallRinging = new(RegulatorErrorCode.NoCallRinging, null,
        "No call of the administration is ringing on that mobile.", "该手机号码当前没有通信管理局的来电。");

    public static readonly RegulatorError OrderNotFound = new(RegulatorErrorCode.OrderNotFound, null,
        "No such order.", "未找到该备案申请。");

    public static readonly RegulatorError ServiceNotFound = new(RegulatorErrorCode.ServiceNotFound, null,
        "No filed service has that number.", "未找到该网站或App备案号。");

    public static readonly RegulatorError WorldNotFound = new(RegulatorErrorCode.WorldNotFound, null,
        "No such world.", "未找到该沙箱环境（world）。");

    public static readonly RegulatorError WorldExists = new(RegulatorErrorCode.WorldExists, null,
        "A world with that id exists.", "已存在同名的沙箱环境。");

    public static readonly RegulatorError DefaultWorldPermanent = new(RegulatorErrorCode.DefaultWorldPermanent, null,
        "The default world cannot be deleted; reset it instead.", "默认沙箱环境不能删除，可将其重置。");

    public static readonly RegulatorError SubjectNotFound = new(RegulatorErrorCode.SubjectNotFound, null,
        "No filed subject has that number.", "未找到该主体备案号。");

    public static readonly RegulatorError Unauthenticated = new(RegulatorErrorCode.Unauthenticated, null,
        "A valid key is required in the authorization metadata (Bearer <key>).", "需要在 authorization 元数据中提供有效的密钥（Bearer <key>）。");

    public static readonly RegulatorError PermissionDenied = new(RegulatorErrorCode.PermissionDenied, null,
        "This key may not call this method.", "该密钥无权调用此方法。");

    public static readonly RegulatorError IdentityMismatch = new(RegulatorErrorCode.IdentityMismatch, null,
        "The certificate number does not match the subject's entity leader.", "证件号码与该主体负责人不符。");

    public static readonly RegulatorError PasswordChecksExhausted = new(RegulatorErrorCode.PasswordChecksExhausted, null,
        "Too many failed checks of this subject's filing password or leader's certificate today; checks and retrieval resume tomorrow.",
        "该主体今日的备案密码或负责人证件校验失败次数过多，校验和找回密码将于明日恢复。");

    public static readonly RegulatorError RegistrationCodeLimit = new(RegulatorErrorCode.RegistrationCodeLimit, null,
        "No registration code can be sent to this mobile yet; ask again after the retry delay.",
        "暂时不能向该手机号码发送注册验证码，请在重试等待时间后再获取。");

    public static readonly RegulatorError StorageUnavailable = new(RegulatorErrorCode.StorageUnavailable, null,
        "The regulator's storage failed to complete the call; nothing was changed, and the call can be retried.",
        "备案系统存储暂时无法完成本次请求，未作任何更改，可稍后重试。");

    public static RegulatorException Invalid(IReadOnlyList<FieldViolation> violations) =>
        new(InvalidRequest, fieldViolations: violations);

    public static RegulatorException Invalid(string field, string reason, string en, string zh) =>
        Invalid([new FieldViolation(field, reason, en, zh)]);

    public static RegulatorException Invalid(string field, string reason, PageMessage text) =>
        Invalid([new FieldViolation(field, reason, text)]);

    /// <summary>A refusal about one thing (an order, a number, a domain) named in the details.</summary>
    public static RegulatorException Refuse(RegulatorError error, string type, string subject, string en, string zh) =>
        new(error, preconditionViolations: [new PreconditionViolation(type, subject, en, zh)]);

    public static RegulatorException Refuse(RegulatorError error, string type, string subject, PageMessage text) =>
        new(error, preconditionViolations: [new PreconditionViolation(type, subject, text)]);

    /// <summary>A refusal of something that does not exist, naming it after the error's text: "No such order. (ord-00000009)".</summary>
    public static RegulatorException Unknown(RegulatorError error, string what) => new(error, detailEn: $"({what})", detailZh: $"（{what}）");

    /// <summary>A world that does not exist, quoted by its name.</summary>
    public static RegulatorException UnknownWorld(string world) => new(WorldNotFound, detailEn: $"('{world}')", detailZh: $"（{world}）");

    public static RegulatorException Illegal(OrderStatus from, string action)
    {
        var status = ContractNames.Of(from);
        return new(IllegalTransition,
            preconditionViolations: [new PreconditionViolation("ORDER_STATUS", status,
                $"An order that is {status} cannot be {action}.", $"状态为 {status} 的备案申请不能执行“{action}”。")],
            detailEn: $"({status} → {action})", detailZh: $"（{status} → {action}）");
    }

    /// <summary>A public-security filing asked to do what its status does not allow.</summary>
    public static RegulatorException Illegal(PublicSecurity.WebsiteFilingStatus from, string action)
    {
        var status = RegulatorError.ToScreamingSnake(from.ToString());
        return new(WebsiteFilingTransition,
            preconditionViolations: [new PreconditionViolation("WEBSITE_FILING_STATUS", status,
                $"A public-security filing that is {status} cannot be {action}.", $"状态为 {status} 的公安联网备案不能执行“{action}”。")],
            detailEn: $"({status} → {action})", detailZh: $"（{status} → {action}）");
    }
}
