using IcpRegulatorSim.Soak;

return await Soak.RunAsync(SoakOptions.Parse(args));
