using IcpRegulatorSim.Bench;

return await Bench.RunAsync(BenchOptions.Parse(args));
