using System.CommandLine;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Scenarios;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>Sandbox controls beyond the clock and the outbox: worlds, provider keys, injected faults, and the scenario runner.</summary>
public sealed partial class GatewayCli
{
    private const string Package = "icp.regulator.v1.";

    private Command Worlds(TextWriter output, TextWriter error)
    {
        var newId = new Argument<string>("world-id")
        {
            Description = "Lower-case letters, digits and dashes, up to 40 (default: generated).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var id = new Argument<string>("world-id") { Description = "The world to delete (not the default one)." };
        var seed = new Option<long>("--seed") { Description = "The world's seed: review times and number ranges derive from it." };
        var clockStart = new Option<string>("--clock-start")
        {
            Description = "Where its clock starts (ISO 8601; Beijing time without an offset; default: the server's --clock-start).",
        };
        var clockRate = new Option<string>("--clock-rate") { Description = "Simulated seconds per real second (default 0: frozen, moved by clock advance)." };
        return new Command("world", "Worlds: independent regulators on one server, each with its own orders, outbox, faults and clock (admin key).")
        {
            Subcommands =
            {
                Make("create", "Create a world; act in it with --world ID (admin and public calls) or a key made there.",
                    [newId], [seed, clockStart, clockRate], output, error, async (r, g, p, ct) =>
                    {
                        var start = r.GetValue(clockStart) is { Length: > 0 } s ? CliValues.Instant(s) : (DateTimeOffset?)null;
                        var rate = r.GetValue(clockRate) is { Length: > 0 } t ? CliValues.Number(t, "simulated seconds per real second") : 0;
                        p.World(await g.CreateWorldAsync(r.GetValue(newId) ?? "", r.GetValue(seed), start, rate, ct));
                    }),
                Make("list", "List the worlds, the default one included.", [], [], output, error,
                    async (r, g, p, ct) => p.Worlds(await g.ListWorldsAsync(ct))),
                Make("delete", "Delete a world and everything in it, its provider keys included.", [id], [], output, error, async (r, g, p, ct) =>
                {
                    var world = r.GetValue(id)!;
                    var reply = await g.DeleteWorldAsync(world, ct);
                    p.Reply(reply, () => p.Line($"deleted world {world}"));
                }),
            },
        };
    }

    private Command Keys(TextWriter output, TextWriter error)
    {
        var providerId = new Option<string>("--provider-id") { Description = "The provider: lower-case letters, digits and dashes.", Required = true };
        var name = new Option<string>("--name") { Description = "Its name (default: the id)." };
        var province = new Option<string>("--province") { Description = "The province it is in, for the own-province rule (zhejiang, 浙, 330000)." };
        return new Command("key", "Provider keys (admin key).")
        {
            Subcommands =
            {
                Make("create", "Create a provider key in the world --world names; the key is printed on the first line, and only this once.",
                    [], [providerId, name, province], output, error, async (r, g, p, ct) =>
                        p.Key(await g.CreateProviderKeyAsync(r.GetValue(providerId)!, r.GetValue(name) ?? "", r.GetValue(province) ?? "", ct))),
            },
        };
    }

    private Command Faults(TextWriter output, TextWriter error)
    {
        var method = new Argument<string>("method")
        {
            Description = "FilingService/SubmitFiling, a whole service (FilingService/*) or * (every call but the sandbox's); the icp.regulator.v1. prefix is optional.",
        };
        var kind = new Argument<string>("kind") { Description = "unavailable, deadline-exceeded or latency." };
        var probability = new Argument<string>("probability") { Description = "The share of calls that fail or wait: above 0, at most 1." };
        var delay = new Option<string>("--delay") { Description = "How long deadline-exceeded and latency wait, in real time (e.g. 2s, 0.5s)." };
        return new Command("faults", "Inject failures into the world's calls, to test a provider's retries (admin key).")
        {
            Subcommands =
            {
                Make("set", "Inject one fault, replacing the world's faults.", [method, kind, probability], [delay], output, error, async (r, g, p, ct) =>
                {
                    var fault = new Fault
                    {
                        Method = Qualified(r.GetValue(method)!),
                        Kind = CliValues.Enum<FaultKind>(r.GetValue(kind)!),
                        Probability = CliValues.Number(r.GetValue(probability)!, "a probability"),
                    };
                    if (r.GetValue(delay) is { Length: > 0 } d)
                    {
                        fault.Delay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(CliValues.Duration(d));
                    }
                    var request = new SetFaultsRequest { Faults = { fault } };
                    await g.SetFaultsAsync(request.Faults, ct);
                    p.Faults(request);
                }),
                Make("clear", "Remove every fault injected in the world.", [], [], output, error, async (r, g, p, ct) =>
                {
                    await g.SetFaultsAsync([], ct);
                    p.Faults(new SetFaultsRequest());
                }),
            },
        };
    }

    /// <summary>FilingService/SubmitFiling as the regulator names it: icp.regulator.v1.FilingService/SubmitFiling.</summary>
    private static string Qualified(string method)
    {
        var m = method.Trim();
        var slash = m.IndexOf('/');
        return slash > 0 && !m[..slash].Contains('.') ? Package + m : m;
    }

    private Command Scenario(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = $"A scenario (see: icp-gateway scenario list), or {ScenarioRunner.All}." };
        return new Command("scenario", "Scripted end-to-end exchanges, each in a world of its own that is deleted afterwards (admin key).")
        {
            Subcommands =
            {
                Make("list", "List the scenarios.", [], [], output, error, (r, g, p, ct) =>
                {
                    foreach (var script in ScenarioRunner.BuiltIn)
                    {
                        p.Line($"{script.Name,-28}{script.Description}");
                    }
                    p.Line($"{ScenarioRunner.All,-28}every one of them, then a summary");
                    return Task.CompletedTask;
                }),
                Make("run", "Run a scenario, printing each step; exit 1 when the regulator does not behave as it expects.", [name], [], output, error,
                    (r, g, p, ct) => new ScenarioRunner(g, output).RunAsync(r.GetValue(name)!, ct)),
            },
        };
    }
}
