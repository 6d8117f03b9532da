using IcpRegulatorSim.Bench;

if (args.Contains(BareServer.Flag))
{
    return await BareServer.RunAsync(args);
}
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or IcpRegulatorSim.ProviderGateway.Cli.CliUsageException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 2;
}
return await Bench.RunAsync(options);
