using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The names errors give the domain's enum values are the contract's: every value of every enum an error names is,
/// under <see cref="ContractNames"/>, a value of the proto enum of the same name, with the same number.
/// </summary>
public sealed class ContractNamesTests
{
    /// <summary>The enums whose values errors name (RegulatorErrors.Illegal, Admission, FilingOrder, Supervision, a public-security filing).</summary>
    public static TheoryData<Type> NamedInErrors =>
        new([typeof(OrderStatus), typeof(FilingType), typeof(ServiceStanding), typeof(Domain.PublicSecurity.WebsiteFilingStatus)]);

    [Theory]
    [MemberData(nameof(NamedInErrors))]
    public void Every_value_is_named_as_the_contract_names_it(Type type)
    {
        var proto = Contract.FindEnum(type.Name);
        Assert.NotNull(proto);
        var of = typeof(ContractNames).GetMethod(nameof(ContractNames.Of))!.MakeGenericMethod(type);
        foreach (var value in Enum.GetValues(type))
        {
            var name = (string)of.Invoke(null, [value])!;
            var named = proto.FindValueByName(name);
            Assert.True(named is not null, $"{type.Name}.{value} is named {name}, which {proto.FullName} does not have.");
            Assert.Equal((int)value, named.Number);
        }
        Assert.Equal(proto.Values.Count, Enum.GetValues(type).Length);
    }

    [Fact]
    public void A_name_carries_the_enums_prefix_and_the_value_in_capitals()
    {
        Assert.Equal("FILING_TYPE_CHANGE_SERVICE", ContractNames.Of(FilingType.ChangeService));
        Assert.Equal("ORDER_STATUS_AWAITING_SMS_VALIDATION", ContractNames.Of(OrderStatus.AwaitingSmsValidation));
        Assert.Equal("SERVICE_STANDING_CANCELLED_BY_ADMINISTRATION", ContractNames.Of(ServiceStanding.CancelledByAdministration));
    }
}
