using IcpRegulatorSim.ProviderGateway.Cli;

return await GatewayCli.RunAsync(args, Console.Out, Console.Error);
