using Grpc.Core;
using Grpc.Core.Interceptors;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// A channel whose calls go through an interceptor. The gateway takes a <see cref="ChannelBase"/>, not a
/// <see cref="CallInvoker"/>, so the interception is wrapped back into a channel here.
/// </summary>
internal sealed class InterceptedChannel(ChannelBase inner, Interceptor interceptor) : ChannelBase(inner.Target)
{
    public override CallInvoker CreateCallInvoker() => inner.Intercept(interceptor);
}
