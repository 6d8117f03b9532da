using IcpRegulatorSim.Bench;

return args.Contains(BareServer.Flag)
    ? await BareServer.RunAsync(args)
    : await Bench.RunAsync(BenchOptions.Parse(args));
