namespace IcpRegulatorSim.Domain.Sms;

/// <summary>Where SMS codes come from and how they are kept: only a keyed hash of each code is stored.</summary>
public interface ISmsCodes
{
    string NewCode();

    byte[] Hash(string orderId, int index, string code);
}
