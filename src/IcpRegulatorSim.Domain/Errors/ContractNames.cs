namespace IcpRegulatorSim.Domain.Errors;

/// <summary>
/// A value of one of the domain's enums as the contract names it, for the texts and details of errors: a client reads
/// <c>FILING_TYPE_CHANGE_SERVICE</c> in the protos and in every reply, never <c>ChangeService</c>. The domain's enums
/// mirror the contract's, type name for type name and value for value, so the name is the proto's prefix (the type's
/// name in capitals) and the value's name in capitals; a test holds every value of the enums errors name to the protos.
/// </summary>
public static class ContractNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        $"{RegulatorError.ToScreamingSnake(typeof(TEnum).Name)}_{RegulatorError.ToScreamingSnake(value.ToString())}";
}
