using Microsoft.AspNetCore.Connections;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>How the server process starts and ends: <c>--help</c>, and a wrong start said in one line with exit code 2.</summary>
public static class ServerStart
{
    public const int StartedWrong = 2;

    public static int Run(string[] args, Action<string[]> run)
    {
        // Anywhere among the flags: make run puts its own before ARGS=--help.
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.Write(ServerFlags.Help);
            return 0;
        }
        try
        {
            run(args);
            return 0;
        }
        catch (ServerStartException e)
        {
            return Refuse(e.Message);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // Another program took the port between the server's own check and Kestrel's bind.
            return Refuse($"{e.Message} {ServerFlags.OtherPorts}");
        }
    }

    private static int Refuse(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return StartedWrong;
    }
}
