namespace IcpRegulatorSim.Domain.Errors;

/// <summary>Every refusal the regulator can give. The gRPC status of each is chosen in one place, the server's error interceptor.</summary>
public enum RegulatorErrorCode
{
    InvalidRequest,
    IdempotencyKeyReused,
    OrderInProcess,
    DomainConflict,
    FilingTypeMismatch,
    ProvinceChange,
    ProviderProvince,
    ChangesNotAccepted,
    WrongFilingPassword,
    EmptyShell,
    LastService,
    ServiceNotHosted,
    AlreadyHosted,
    FiledDataModified,
    CertificateChange,
    CancellationBatchDay,
    DomainChecksFailed,
    DomainBlacklisted,
    SubjectBlacklisted,
    IllegalTransition,
    OrderNotFound,
    WorldNotFound,
    SubjectNotFound,
    ServiceNotFound,
    Unauthenticated,
    PermissionDenied,
    IdentityMismatch,
    PasswordChecksExhausted,
}
