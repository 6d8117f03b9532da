using Google.Protobuf.Reflection;
using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.Contracts.Tests;

/// <summary>Clients bind to these names: changing one is a breaking change, and must be a deliberate one.</summary>
public sealed class ContractNamesTests
{
    public static TheoryData<ServiceDescriptor, string[]> Services => new()
    {
        { FilingService.Descriptor, ["SubmitFiling", "GetFiling", "ListFilings", "WithdrawFiling"] },
        { SmsValidationService.Descriptor, ["ValidateCode", "ResendCode"] },
        { FilingPasswordService.Descriptor, ["VerifyPassword", "RetrievePassword"] },
        { PublicQueryService.Descriptor, ["QueryByDomain", "QueryByIcpNumber", "QueryBySubjectName"] },
        { ReviewService.Descriptor, ["ListPendingReviews", "ApproveFiling", "RejectFiling"] },
        { SandboxService.Descriptor, ["GetClock", "AdvanceClock", "ListMessages", "Reset"] },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_lives_in_the_v1_package_with_its_fixed_methods(ServiceDescriptor service, string[] methods)
    {
        Assert.Equal("icp.regulator.v1", service.File.Package);
        Assert.Superset(methods.ToHashSet(), service.Methods.Select(m => m.Name).ToHashSet());
    }

    [Fact]
    public void Enums_start_with_unspecified_and_carry_the_required_values()
    {
        Assert.Equal(
            ["ORDER_STATUS_UNSPECIFIED", "ORDER_STATUS_AWAITING_SMS_VALIDATION", "ORDER_STATUS_UNDER_REVIEW", "ORDER_STATUS_APPROVED",
             "ORDER_STATUS_REJECTED", "ORDER_STATUS_RETURNED", "ORDER_STATUS_WITHDRAWN"],
            Names(CommonReflection.Descriptor.FindTypeByName<EnumDescriptor>("OrderStatus")));
        Assert.Equal(
            ["VALIDATE_OUTCOME_UNSPECIFIED", "VALIDATE_OUTCOME_COMPLETE", "VALIDATE_OUTCOME_WAITING_FOR_OTHERS", "VALIDATE_OUTCOME_FAILED",
             "VALIDATE_OUTCOME_NOT_FOUND"],
            Names(SmsValidationServiceReflection.Descriptor.FindTypeByName<EnumDescriptor>("ValidateOutcome")));
        Assert.Equal(
            ["RESEND_OUTCOME_UNSPECIFIED", "RESEND_OUTCOME_RESENT", "RESEND_OUTCOME_NO_PENDING", "RESEND_OUTCOME_NOT_FOUND",
             "RESEND_OUTCOME_LIMIT_REACHED"],
            Names(SmsValidationServiceReflection.Descriptor.FindTypeByName<EnumDescriptor>("ResendOutcome")));
    }

    [Fact]
    public void Page_message_replies_carry_text_in_both_languages()
    {
        Assert.Equal(["en", "zh"], LocalizedText.Descriptor.Fields.InFieldNumberOrder().Select(f => f.Name));
        Assert.Equal("LocalizedText", ValidateCodeResponse.Descriptor.FindFieldByName("message").MessageType.Name);
        Assert.Equal("LocalizedText", ResendCodeResponse.Descriptor.FindFieldByName("message").MessageType.Name);
    }

    private static string[] Names(EnumDescriptor e) => e.Values.Select(v => v.Name).ToArray();
}
