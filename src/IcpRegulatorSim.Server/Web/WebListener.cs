using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IcpRegulatorSim.Server.Web;

/// <summary>The web pages' listener: its port is known once Kestrel has bound it (0 asks for a free one).</summary>
public sealed class WebListener
{
    public ListenOptions? Listen { get; set; }

    public bool Enabled => Listen is not null;

    public int Port => Listen?.IPEndPoint?.Port ?? 0;

    public Uri? Address => Enabled ? new Uri($"http://127.0.0.1:{Port}/") : null;
}
