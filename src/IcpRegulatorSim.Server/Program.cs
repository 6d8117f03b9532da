using IcpRegulatorSim.Server.Hosting;

// Started wrong (an unknown flag, a port in use, a data file it cannot use), the server says so in one line and exits 2.
return ServerStart.Run(args, args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddRegulator(args);
    var app = builder.Build();
    app.MapRegulator();
    app.Run();
});
