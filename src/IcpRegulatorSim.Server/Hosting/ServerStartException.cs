namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// The server was started wrong (an unknown flag, a bad value, a port in use, a data file it cannot use): the message is
/// one line that names the problem and what to do, and the server exits non-zero with it instead of a stack trace.
/// </summary>
public sealed class ServerStartException(string message) : Exception(message);
