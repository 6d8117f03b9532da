using System.Net;
using System.Net.Sockets;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// Tries the configured ports before Kestrel does, binding them as Kestrel will: a port another program listens on is
/// then refused in one line that names the port and the setting to change, where Kestrel's own failure comes with a
/// stack trace and names neither.
/// </summary>
public static class PortCheck
{
    public static void EnsureFree(RegulatorOptions options)
    {
        if (options.Port != 0 && options.Port == options.WebPort)
        {
            throw new ServerStartException($"--port and --web-port are both {options.Port}: gRPC and the web pages need a port each (make run PORT= WEB_PORT=).");
        }
        Try(options.Port, "--port", "PORT");
        Try(options.WebPort, "--web-port", "WEB_PORT");
    }

    private static void Try(int port, string flag, string makeSetting)
    {
        if (port <= 0)
        {
            return;
        }
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new ServerStartException(
                $"port {port} ({flag}, make run {makeSetting}=) is in use by another program, perhaps a server already running. {ServerFlags.OtherPorts}");
        }
        catch (SocketException e)
        {
            throw new ServerStartException($"port {port} ({flag}, make run {makeSetting}=) cannot be opened: {e.Message}. {ServerFlags.OtherPorts}");
        }
        finally
        {
            listener.Dispose();
        }
    }
}
