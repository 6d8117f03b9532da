using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>Any gRPC client can find its way: standard health checking and server reflection.</summary>
public sealed class ServiceDiscoveryTests : ServerTest
{
    [Fact]
    public async Task Health_answers_serving_once_ready()
    {
        var health = new Health.HealthClient(Server.Channel());
        var reply = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_six_regulator_services()
    {
        var reflection = new ServerReflection.ServerReflectionClient(Server.Channel());
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        string[] expected =
        [
            "icp.regulator.v1.FilingService", "icp.regulator.v1.SmsValidationService", "icp.regulator.v1.FilingPasswordService",
            "icp.regulator.v1.PublicQueryService", "icp.regulator.v1.ReviewService", "icp.regulator.v1.SandboxService",
            "grpc.health.v1.Health",
        ];
        Assert.All(expected, name => Assert.Contains(name, services));
    }
}
