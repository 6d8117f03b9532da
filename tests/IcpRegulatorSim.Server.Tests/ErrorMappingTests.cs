using Grpc.Core;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Server.Api;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>Every refusal reaches the client as a deliberate status with its details, never as UNKNOWN.</summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<RegulatorErrorCode> Codes => new(Enum.GetValues<RegulatorErrorCode>());

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_error_code_has_a_grpc_status(RegulatorErrorCode code)
    {
        var status = ErrorInterceptor.StatusOf(code);
        Assert.NotEqual(StatusCode.Unknown, status);
        Assert.NotEqual(StatusCode.Internal, status);
        Assert.NotEqual(StatusCode.OK, status);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_error_code_is_in_the_catalogue_with_both_languages(RegulatorErrorCode code)
    {
        var entry = typeof(RegulatorErrors).GetFields()
            .Select(f => f.GetValue(null)).OfType<RegulatorError>()
            .SingleOrDefault(e => e.Code == code);
        Assert.NotNull(entry);
        Assert.NotEmpty(entry.En);
        Assert.NotEmpty(entry.Zh);
    }
}
