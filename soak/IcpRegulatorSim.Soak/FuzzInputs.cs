using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Soak;

/// <summary>One fuzzed call: what is sent, to which method, with which key and headers, and how it was made.</summary>
public sealed record FuzzCall(long Index, MethodDescriptor Method, byte[] Body, string Key, Metadata Headers, string Kind, bool WrongKey)
{
    public string Describe(int maxBytes = 1024) =>
        $"#{Index} {Method.Service.Name}/{Method.Name} kind={Kind} key={Key} headers=[{string.Join("; ", Headers.Where(h => h.Key != "authorization").Select(h => $"{h.Key}: {Clip(h.Value, 80)}"))}] "
        + $"body {Body.Length:N0} bytes: {Convert.ToHexString(Body, 0, Math.Min(Body.Length, maxBytes))}{(Body.Length > maxBytes ? "…" : "")}";

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max] + $"…({value.Length:N0} chars)";
}

/// <summary>
/// Makes the fuzz's calls. Call <c>i</c> is drawn from a generator seeded with (seed, i) alone, so a printed index and
/// seed make the same bytes again whatever the concurrency. The methods are every RPC the contract's descriptors list
/// (<see cref="Contract.Methods"/>: a new one is fuzzed with no change here); the bodies come from
/// <see cref="FuzzMessages"/>, built from each method's request descriptor.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    public static IReadOnlyList<MethodDescriptor> Methods => Contract.Methods;

    // Wiping or deleting a world is one call among the others, but rarely: a fuzz that resets the world every few
    // hundred calls would only ever reach an empty regulator.
    private static readonly double[] Weights = Methods.Select(m => m.Name is "Reset" or "DeleteWorld" ? 0.03 : 1.0).ToArray();
    private static readonly double TotalWeight = Weights.Sum();

    private static readonly string[] Keys =
        [GatewayOptions.SandboxProviderKey, GatewayOptions.SecondSandboxProviderKey, GatewayOptions.SandboxAdminKey, "", "junk-key"];

    private readonly FuzzMessages messages = new();

    /// <summary>Real values of the server's state, for requests that reach past the first lookups.</summary>
    public void Learn(IEnumerable<string> values, IEnumerable<Filing> moreFilings) => messages.Learn(values, moreFilings);

    /// <summary>
    /// Call <paramref name="index"/>. A call of a refusal phase is one that must be refused whatever the server's
    /// state: a body that is not a message of the method's type, or a key of the wrong kind for the method.
    /// </summary>
    public FuzzCall Next(long index, bool refusal)
    {
        var random = new Random(Mix(seed, index));
        var method = PickMethod(random);
        var wrongKey = refusal && random.Next(2) == 0 && Requires(method) is { } required;
        var key = wrongKey ? WrongKey(random, Requires(method)!) : Keys[random.Next(Keys.Length)];
        var (kind, body) = messages.Body(random, method.InputType);
        if (refusal && !wrongKey && Parses(method.InputType, body))
        {
            // Make it certainly malformed: a length-delimited field that announces more bytes than follow.
            kind += "+cut";
            body = [.. body, 0x0A, 0x7F, 0x01];
        }
        return new FuzzCall(index, method, body, key, Headers(random, key), kind, wrongKey);
    }

    /// <summary>A seed for call <paramref name="index"/> (SplitMix64): the same in every run, unlike <see cref="HashCode"/>.</summary>
    private static int Mix(int seed, long index)
    {
        var z = unchecked(((ulong)(uint)seed << 40) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>The key a method insists on: "provider", "admin", or null for the public ones.</summary>
    public static string? Requires(MethodDescriptor method) => (method.Service.Name, method.Name) switch
    {
        ("FilingService", _) or ("FilingPasswordService", "VerifyPassword") => "provider",
        ("ReviewService", _) => "admin",
        ("SandboxService", "Ping") => null,
        ("SandboxService", _) => "admin",
        _ => null,
    };

    public static bool Parses(MessageDescriptor type, byte[] body)
    {
        try
        {
            type.Parser.ParseFrom(body);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static MethodDescriptor PickMethod(Random random)
    {
        var x = random.NextDouble() * TotalWeight;
        for (var i = 0; i < Methods.Count; i++)
        {
            x -= Weights[i];
            if (x < 0)
            {
                return Methods[i];
            }
        }
        return Methods[^1];
    }

    private static string WrongKey(Random random, string required) => random.Next(3) switch
    {
        0 => "",
        1 => "junk-key",
        _ => required == "provider" ? GatewayOptions.SandboxAdminKey : GatewayOptions.SandboxProviderKey,
    };

    private static Metadata Headers(Random random, string key)
    {
        var headers = RawCalls.Headers(key);
        if (random.Next(4) == 0)
        {
            headers.Add("x-icp-world", random.Next(4) switch { 0 => "default", 1 => "soak-fuzz", 2 => "", _ => FuzzMessages.Junk(random, random.Next(1, 200)) });
        }
        if (random.Next(5) == 0)
        {
            headers.Add("x-icp-scenario", random.Next(3) switch { 0 => "review-reject", 1 => "sms-late:2h", _ => FuzzMessages.Junk(random, random.Next(1, 200)) });
        }
        return headers;
    }
}
