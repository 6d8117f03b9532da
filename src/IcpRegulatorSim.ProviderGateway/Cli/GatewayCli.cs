using System.CommandLine;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>
/// <c>icp-gateway</c>: the provider's side of ICP filing from a terminal. Connection settings come from options or
/// from ICP_GATEWAY_ADDRESS, ICP_PROVIDER_KEY, ICP_ADMIN_KEY and ICP_WORLD; the defaults reach <c>make run</c>.
/// Exit codes: 0 done, 1 the regulator refused or could not be reached (or a scenario found it misbehaving), 2 a usage mistake.
/// </summary>
public sealed partial class GatewayCli(TimeProvider time)
{
    // Options belong to one command tree; each run builds its own, so runs never share parser state.
    private readonly Option<string> Address = Global("--address", "ICP_GATEWAY_ADDRESS", "http://127.0.0.1:50051", "The simulator's address.");
    private readonly Option<string> Key = Global("--key", "ICP_PROVIDER_KEY", GatewayOptions.SandboxProviderKey, "The access provider's API key.");
    private readonly Option<string> AdminKey = Global("--admin-key", "ICP_ADMIN_KEY", GatewayOptions.SandboxAdminKey, "The administration's key (review, clock, messages).");
    private readonly Option<string> World = Global("--world", "ICP_WORLD", "", "The world public and admin calls act in (default: the default world).");
    private readonly Option<bool> Json = new("--json") { Description = "Print replies as the contract's JSON.", Recursive = true };

    public const int Refused = 1;
    public const int UsageMistake = 2;
    /// <summary>Ctrl+C during a command that does not stop on it by design (as watch does): the shell's convention, 128 + SIGINT.</summary>
    public const int Interrupted = 130;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, TimeProvider.System, cancellationToken);

    /// <summary>A run whose load runs are paced and measured, and whose retries and reconnections wait, on <paramref name="time"/> (a test's fake clock).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken = default) =>
        new GatewayCli(time).InvokeAsync(args, output, error, cancellationToken);

    private async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("icp-gateway: an access provider's gateway to the IcpRegulatorSim ICP filing regulator.")
        {
            Options = { Address, Key, AdminKey, World, Json },
        };
        foreach (var command in Commands(output, error))
        {
            root.Subcommands.Add(command);
        }
        var parsed = root.Parse(args);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        // System.CommandLine answers a parse error with 1; here 1 means the regulator refused.
        return parsed.Errors.Count > 0 ? UsageMistake : exit;
    }

    private IEnumerable<Command> Commands(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "A filing in JSON (see samples/)." };
        var type = new Option<string>("--type") { Description = "The filing type, e.g. INITIAL (default: the file's, else the regulator determines it)." };
        var password = new Option<string>("--password") { Description = "The subject's ICP filing password, for orders that need it." };
        var idempotencyKey = new Option<string>("--idempotency-key") { Description = "Reuse a key to retry a submission safely (default: a new one)." };
        var subjectNumber = new Option<string>("--subject-number") { Description = "The filed subject the order is about (京ICP备2024012345号)." };
        var serviceNumbers = new Option<string[]>("--service-number")
        {
            Description = "A filed service the order is about (京ICP备2024012345号-1); repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var scenario = new Option<string>("--scenario") { Description = "Force a sandbox path on the order, e.g. review-reject, sms-late:2h (see: icp-gateway scenarios)." };
        yield return Make("submit", "Submit a filing order of any type.", [file], [type, password, idempotencyKey, subjectNumber, serviceNumbers, scenario], output, error, async (r, g, p, ct) =>
        {
            var request = FilingFiles.Read(r.GetValue(file)!);
            if (r.GetValue(subjectNumber) is { Length: > 0 } subject)
            {
                request.SubjectNumber = subject;
            }
            if (r.GetValue(serviceNumbers) is { Length: > 0 } numbers)
            {
                Number(request, numbers);
            }
            if (r.GetValue(type) is { Length: > 0 } t)
            {
                request.Type = CliValues.Enum<FilingType>(t);
            }
            if (r.GetValue(password) is { Length: > 0 } pw)
            {
                request.FilingPassword = pw;
            }
            if (r.GetValue(idempotencyKey) is { Length: > 0 } key)
            {
                request.IdempotencyKey = key;
            }
            var reply = await g.SubmitAsync(request, ct, r.GetValue(scenario));
            p.Reply(reply, () => p.Order(reply.Order, reply.Replayed));
        });

        yield return DetermineType(output, error);
        yield return Make("rules", "Show the rule profile in force: SMS provinces, durations, limits.", [], [], output, error,
            async (r, g, p, ct) => p.Rules(await g.GetRulesAsync(ct)));
        yield return Make("scenarios", "List the sandbox scenarios a submission can force.", [], [], output, error,
            async (r, g, p, ct) => p.Scenarios(await g.ListScenariosAsync(ct)));

        var orderId = new Argument<string>("order-id") { Description = "The order id (ord-…)." };
        var numbers = new Option<string>("--only")
        {
            Description = "Print only the order's subject-number, or its service-numbers (one a line), for a shell variable: "
                + "SUBJECT=$(icp-gateway status ord-00000001 --only subject-number).",
        };
        numbers.AcceptOnlyFromAmong(OnlySubjectNumber, OnlyServiceNumbers);
        yield return Make("status", "Show an order.", [orderId], [numbers], output, error, async (r, g, p, ct) =>
        {
            var order = await g.GetFilingAsync(r.GetValue(orderId)!, ct);
            if (Only(r, numbers) is not { } what)
            {
                p.Order(order);
                return 0;
            }
            string[] values = what == OnlySubjectNumber
                ? [.. new[] { order.SubjectNumber }.Where(n => n.Length > 0)]
                : [.. order.ServiceNumbers.OrderBy(n => n.ServiceIndex).Select(n => n.Number)];
            return PrintOnly(output, error, values,
                $"{order.OrderId} carries no {what.Replace('-', ' ')} ({CliValues.Name(order.Status)}): an initial filing's numbers are issued on approval.");
        });

        var status = new Option<string>("--status") { Description = "Only orders in this status (e.g. UNDER_REVIEW)." };
        var pageSize = new Option<int>("--page-size") { Description = "Items per page." };
        var pageToken = new Option<string>("--page-token") { Description = "The token a previous page printed." };
        yield return Make("list", "List this provider's orders.", [], [status, pageSize, pageToken], output, error, async (r, g, p, ct) =>
        {
            var s = r.GetValue(status) is { Length: > 0 } text ? CliValues.Enum<OrderStatus>(text) : OrderStatus.Unspecified;
            p.Orders(await g.ListFilingsAsync(s, r.GetValue(pageSize), r.GetValue(pageToken) ?? "", ct));
        });

        yield return Make("withdraw", "Withdraw an order before it is decided.", [orderId], [], output, error,
            async (r, g, p, ct) => p.Order(await g.WithdrawAsync(r.GetValue(orderId)!, ct)));

        yield return Sms(output, error);
        yield return Password(output, error);
        yield return Query(output, error);
        yield return Review(output, error, orderId, pageSize, pageToken);
        yield return Clock(output, error);
        yield return Registry(output, error);
        yield return Watch(output, error);
        yield return Messages(output, error, pageSize);
        yield return Worlds(output, error);
        yield return Keys(output, error);
        yield return Faults(output, error);
        yield return PublicSecurity(output, error);
        yield return Scenario(output, error);
        yield return Load(output, error);
        yield return SeedFilings(output, error);
    }

    private const string OnlySubjectNumber = "subject-number";
    private const string OnlyServiceNumbers = "service-numbers";
    private const string OnlyCode = "code";
    private const string OnlyPassword = "password";

    /// <summary>The value <c>--only</c> asks for, if any; it prints bare values, so it does not go with <c>--json</c>.</summary>
    private string? Only(ParseResult result, Option<string> only) =>
        result.GetValue(only) is not { Length: > 0 } what ? null
        : result.GetValue(Json) ? throw new CliUsageException("--only prints the value alone; leave out --json.")
        : what;

    /// <summary>
    /// <c>--only</c>: the values alone, one a line, so that a shell takes them into a variable; when there is none, says
    /// why on stderr and exits 1, so that <c>X=$(…)</c> in a script that checks for errors stops there.
    /// </summary>
    private static int PrintOnly(TextWriter output, TextWriter error, IReadOnlyList<string> values, string missing)
    {
        if (values.Count == 0)
        {
            error.WriteLine($"error: {missing}");
            return Refused;
        }
        foreach (var value in values)
        {
            output.WriteLine(value);
        }
        return 0;
    }

    /// <summary>
    /// Puts <c>--service-number</c> values where the order type carries them: on the changed services, in order,
    /// for CHANGE orders; in <c>service_numbers</c> for the others.
    /// </summary>
    private static void Number(SubmitFilingRequest request, string[] numbers)
    {
        if (request.Type is FilingType.ChangeService or FilingType.ChangeBoth)
        {
            var services = request.Filing?.Services ?? [];
            if (services.Count != numbers.Length)
            {
                throw new CliUsageException($"The file changes {services.Count} services; give as many --service-number values, in order.");
            }
            for (var i = 0; i < numbers.Length; i++)
            {
                services[i].ServiceNumber = numbers[i];
            }
            return;
        }
        request.ServiceNumbers.Clear();
        request.ServiceNumbers.AddRange(numbers);
    }

    private Command DetermineType(TextWriter output, TextWriter error)
    {
        var certificateType = new Option<int>("--certificate-type") { Description = "The subject's certificate type code (13 统一社会信用代码证书, 2 居民身份证…).", Required = true };
        var certificateNumber = new Option<string>("--certificate-number") { Description = "The subject's certificate number.", Required = true };
        var province = new Option<string>("--province") { Description = "The province to file in (zhejiang, 浙, 330000).", Required = true };
        var domain = new Option<string>("--domain") { Description = "A domain of the website." };
        var app = new Option<string>("--app") { Description = "Or the app's package name." };
        return Make("type", "Determine the filing type of an order for a subject and a domain or app (备案类型核验).", [],
            [certificateType, certificateNumber, province, domain, app], output, error, async (r, g, p, ct) =>
            {
                var reply = await g.DetermineFilingTypeAsync(
                    r.GetValue(certificateType), r.GetValue(certificateNumber)!, r.GetValue(province)!, r.GetValue(domain), r.GetValue(app), ct);
                p.Determination(reply);
            });
    }

    private Command Sms(TextWriter output, TextWriter error)
    {
        var mobile = new Option<string>("--mobile") { Description = "The mobile that received the code.", Required = true };
        var suffix = new Option<string>("--suffix") { Description = "The last six characters of the person's certificate number.", Required = true };
        var code = new Option<string>("--code") { Description = "The six-digit code from the SMS.", Required = true };
        return new Command("sms", "The regulator's SMS validation page.")
        {
            Subcommands =
            {
                Make("validate", "Validate a code.", [], [mobile, suffix, code], output, error, async (r, g, p, ct) =>
                {
                    p.Validation(await g.ValidateCodeAsync(r.GetValue(mobile)!, r.GetValue(suffix)!, r.GetValue(code)!, ct));
                }),
                Make("resend", "Ask for a new code.", [], [mobile, suffix], output, error, async (r, g, p, ct) =>
                {
                    var reply = await g.ResendCodeAsync(r.GetValue(mobile)!, r.GetValue(suffix)!, ct);
                    p.Reply(reply, () => p.Page(reply.Outcome, reply.Message));
                }),
            },
        };
    }

    private Command Password(TextWriter output, TextWriter error)
    {
        var number = new Option<string>("--number") { Description = "The subject number (京ICP备2024012345号).", Required = true };
        var password = new Option<string>("--password") { Description = "The password to check.", Required = true };
        var leader = new Option<string>("--leader-certificate") { Description = "The entity leader's certificate number.", Required = true };
        return new Command("password", "The subject's ICP filing password.")
        {
            Subcommands =
            {
                Make("verify", "Check a filing password (failed checks are limited).", [], [number, password], output, error, async (r, g, p, ct) =>
                {
                    var reply = await g.VerifyPasswordAsync(r.GetValue(number)!, r.GetValue(password)!, ct);
                    p.Reply(reply, () => p.Line(reply.Valid ? "valid" : $"invalid ({reply.RemainingAttempts} failed checks left today)"));
                }),
                Make("retrieve", "Reset the password; the new one goes to the entity leader.", [], [number, leader], output, error, async (r, g, p, ct) =>
                {
                    var reply = await g.RetrievePasswordAsync(r.GetValue(number)!, r.GetValue(leader)!, ct);
                    p.Reply(reply, () => p.Line($"{reply.Message.Zh}\n{reply.Message.En}"));
                }),
            },
        };
    }

    private Command Query(TextWriter output, TextWriter error)
    {
        var value = new Argument<string>("value");
        return new Command("query", "The public query (公共查询).")
        {
            Subcommands =
            {
                Make("domain", "Look up a domain.", [value], [], output, error,
                    async (r, g, p, ct) => p.Filings(await g.QueryByDomainAsync(r.GetValue(value)!, ct))),
                Make("number", "Look up a subject or service number.", [value], [], output, error,
                    async (r, g, p, ct) => p.Filings(await g.QueryByIcpNumberAsync(r.GetValue(value)!, ct))),
                Make("subject", "Look up a subject's name.", [value], [], output, error,
                    async (r, g, p, ct) => p.Filings(await g.QueryBySubjectNameAsync(r.GetValue(value)!, ct))),
            },
        };
    }

    private Command Review(TextWriter output, TextWriter error, Argument<string> orderId, Option<int> pageSize, Option<string> pageToken)
    {
        var province = new Option<string>("--province") { Description = "Only this province's orders." };
        var reviewer = new Option<string>("--reviewer") { Description = "Who decides (default: the province's administration)." };
        var opinion = new Option<string>("--opinion") { Description = "The reviewer's opinion." };
        var reason = new Option<string>("--reason") { Description = "What the provider must correct.", Required = true };
        return new Command("review", "The administration's reviewer console (admin key).")
        {
            Subcommands =
            {
                Make("list", "Orders under review.", [], [province, pageSize, pageToken], output, error, async (r, g, p, ct) =>
                    p.Reviews(await g.ListPendingReviewsAsync(r.GetValue(province) ?? "", r.GetValue(pageSize), r.GetValue(pageToken) ?? "", ct))),
                Make("approve", "Approve an order under review.", [orderId], [reviewer, opinion], output, error, async (r, g, p, ct) =>
                    p.Order(await g.ApproveAsync(r.GetValue(orderId)!, r.GetValue(reviewer) ?? "", r.GetValue(opinion) ?? "", ct))),
                Make("reject", "Reject an order under review.", [orderId], [reason, reviewer], output, error, async (r, g, p, ct) =>
                    p.Order(await g.RejectAsync(r.GetValue(orderId)!, r.GetValue(reason)!, r.GetValue(reviewer) ?? "", ct))),
            },
        };
    }

    private Command Registry(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "A JSON array of domain registrations (see samples/registry-fixtures.json)." };
        var domains = new Option<string[]>("--domain") { Description = "A domain; repeat for several." };
        var certificates = new Option<string[]>("--certificate") { Description = "A subject's certificate number; repeat for several." };
        var remove = new Option<bool>("--remove") { Description = "Take the entries off the blacklist." };
        return new Command("registry", "The sandbox's domain registry and blacklist (admin key).")
        {
            Subcommands =
            {
                Make("load", "Load registry fixtures: who registered each domain, through whom, until when.", [file], [], output, error, async (r, g, p, ct) =>
                {
                    foreach (var registration in FilingFiles.ReadRegistrations(r.GetValue(file)!))
                    {
                        var registered = await g.RegisterDomainAsync(registration, ct);
                        p.Line($"registered {registered.Domain} to {registered.RegistrantName} via {registered.Registrar}"
                            + (registered.RealNameVerified ? "" : " (not real-name verified)"));
                    }
                }),
                Make("blacklist", "Put domains or subjects on the blacklist (or take them off with --remove).", [], [domains, certificates, remove], output, error,
                    async (r, g, p, ct) =>
                    {
                        await g.UpdateBlacklistAsync(r.GetValue(domains), r.GetValue(certificates), r.GetValue(remove), ct);
                        p.Line(r.GetValue(remove) ? "removed from the blacklist" : "added to the blacklist");
                    }),
            },
        };
    }

    private Command Clock(TextWriter output, TextWriter error)
    {
        var by = new Argument<string>("duration") { Description = "How far: 5m, 2h, 30d, 1d12h or P30D.", Arity = ArgumentArity.ZeroOrOne };
        var to = new Option<string>("--to") { Description = "Advance to this instant instead (ISO 8601, e.g. 2026-04-01T09:00:00+08:00; Beijing time without an offset)." };
        var rate = new Argument<string>("rate") { Description = "Simulated seconds per real second: 1 real time, 86400 a day per second, 0 frozen." };
        return new Command("clock", "The world's simulated clock (admin key).")
        {
            Subcommands =
            {
                Make("show", "Show the time.", [], [], output, error, async (r, g, p, ct) => p.Clock(await g.GetClockAsync(ct))),
                Make("advance", "Move the clock forward; every deadline on the way is applied, in order.", [by], [to], output, error, async (r, g, p, ct) =>
                {
                    var reply = r.GetValue(to) is { Length: > 0 } instant
                        ? await g.AdvanceClockToAsync(CliValues.Instant(instant), ct)
                        : await g.AdvanceClockAsync(CliValues.Duration(r.GetValue(by) ?? throw new CliUsageException("Say how far (e.g. 30d) or --to an instant.")), ct);
                    p.Reply(reply, () => p.Clock(reply.Clock, reply.DeadlinesApplied));
                }),
                Make("rate", "Set how fast the clock runs from now on.", [rate], [], output, error, async (r, g, p, ct) =>
                    p.Clock(await g.SetClockRateAsync(CliValues.Number(r.GetValue(rate)!, "simulated seconds per real second"), ct))),
            },
        };
    }

    private Command Make(
        string name, string description, Argument[] arguments, Option[] options, TextWriter output, TextWriter error,
        Func<ParseResult, ProviderGatewayClient, Printer, CancellationToken, Task> action) =>
        Make(name, description, arguments, options, output, error, async (r, g, p, ct) =>
        {
            await action(r, g, p, ct);
            return 0;
        });

    /// <summary>A command whose action decides its own exit code (a scenario run that found the regulator misbehaving: 1).</summary>
    private Command Make(
        string name, string description, Argument[] arguments, Option[] options, TextWriter output, TextWriter error,
        Func<ParseResult, ProviderGatewayClient, Printer, CancellationToken, Task<int>> action)
    {
        var command = new Command(name, description);
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (result, cancellationToken) =>
        {
            GatewayOptions? connection = null;
            try
            {
                connection = Connection(result);
                using var channel = GrpcChannel.ForAddress(connection.Address);
                using var gateway = new ProviderGatewayClient(channel, connection, time);
                return await action(result, gateway, new Printer(output, result.GetValue(Json)), cancellationToken);
            }
            catch (RegulatorCallException e) when (connection is not null && Printer.IsUnreachable(e))
            {
                Printer.Unreachable(error, connection.Address, e);
                return Refused;
            }
            catch (RegulatorCallException e)
            {
                Printer.Error(error, e);
                return Refused;
            }
            catch (CliUsageException e)
            {
                error.WriteLine($"error: {e.Message}");
                return UsageMistake;
            }
            catch (LoadFailedException e)
            {
                error.WriteLine($"error: {e.Message}");
                return Refused;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                error.WriteLine("interrupted");
                return Interrupted;
            }
        });
        return command;
    }

    /// <summary>Where and as whom to call, from the global options (or their environment variables).</summary>
    private GatewayOptions Connection(ParseResult result) => new()
    {
        Address = ParseAddress(result.GetValue(Address)!),
        ProviderKey = result.GetValue(Key)!,
        AdminKey = result.GetValue(AdminKey)!,
        World = result.GetValue(World) is { Length: > 0 } w ? w : null,
    };

    private static Uri ParseAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliUsageException($"'{text}' is not an http:// or https:// address.");

    private static Option<string> Global(string name, string environment, string fallback, string description) => new(name)
    {
        Description = $"{description} [env: {environment}]",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(environment) is { Length: > 0 } v ? v : fallback,
    };
}
