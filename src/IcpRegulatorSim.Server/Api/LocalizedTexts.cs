using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Server.Api;

public static class LocalizedTexts
{
    public static LocalizedText ToProto(this PageMessage message) => new() { En = message.En, Zh = message.Zh };
}
