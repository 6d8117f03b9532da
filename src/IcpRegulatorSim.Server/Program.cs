using IcpRegulatorSim.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRegulator(args);
var app = builder.Build();
app.MapRegulator();
app.Run();
