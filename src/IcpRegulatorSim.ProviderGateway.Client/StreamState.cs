using Grpc.Core;

namespace IcpRegulatorSim.ProviderGateway.Client;

/// <summary>
/// How a followed stream (WatchFilings, WatchMessages) is doing, told once per change: lost (the server could not be
/// reached or the stream broke; it is being reopened with a growing pause) and open again. A follower tells its user,
/// instead of seeming to hang.
/// </summary>
/// <param name="Open">False: lost, and being reopened; true: open again after a loss.</param>
/// <param name="After">The sequence the stream resumes after.</param>
/// <param name="Failure">Why it was lost; null when it is open again.</param>
public sealed record StreamState(bool Open, long After, RpcException? Failure);
