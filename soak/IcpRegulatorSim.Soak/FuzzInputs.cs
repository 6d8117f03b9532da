using System.Collections.Immutable;
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
/// seed make the same bytes again whatever the concurrency. Values come from pools: real identifiers of the fuzzed
/// server's state (orders, mobiles, subjects, worlds), edge values of every type, and junk.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    public const int HugeRepeated = 100_000;

    private static readonly IReadOnlyList<MethodDescriptor> Methods = RawCalls.Methods;

    // Wiping or deleting a world is one call among the others, but rarely: a fuzz that resets the world every few
    // hundred calls would only ever reach an empty regulator.
    private static readonly double[] Weights = Methods.Select(m => m.Name is "Reset" or "DeleteWorld" ? 0.03 : 1.0).ToArray();
    private static readonly double TotalWeight = Weights.Sum();

    private static readonly string[] Keys =
        [GatewayOptions.SandboxProviderKey, GatewayOptions.SecondSandboxProviderKey, GatewayOptions.SandboxAdminKey, "", "junk-key"];

    private static readonly string[] EdgeStrings =
    [
        "", " ", "\t\n", "0", "-1", "null", "default", "ord-00000001", "ord-99999999999999999999", "ord-", "ICP备", "京ICP备12345678号",
        "京ICP备12345678号-1", "a.cn", "xn--fiqs8s.cn", "例子.中国", "ｓ１－ｃ１．ｃｎ", "EXAMPLE.CN", "example.cn.", ".cn", "13800000000",
        "+8613800000000", "１３８００００００００", "91330106MA2KEXAMP4", "11010119900307123X", "\0", "\u200b", "\uFEFF", "😀", "‮",
        "e\u0301", "ﬁ", "'; DROP TABLE orders;--", "%s%n%x", "../../etc/passwd", "review-reject", "sms-lost", "sms-late:2h",
        "icp.regulator.v1.FilingService/GetFiling", "NaN", "1e400", new string('9', 400), new string('a', 4096),
    ];

    private static readonly long[] EdgeIntegers =
        [0, 1, -1, 2, 7, 100, 1000, 5000, 5001, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 253402300800, -62135596801, 999_999_999, 1_000_000_000, 86_400];

    private static readonly double[] EdgeDoubles =
        [0, -0.0, 0.5, 1, 1.5, -1, 2, 1e308, -1e308, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300];

    private ImmutableArray<string> known = [];
    private ImmutableArray<Filing> filings = [];

    /// <summary>Real values of the server's state, for requests that reach past the first lookups.</summary>
    public void Learn(IEnumerable<string> values, IEnumerable<Filing> moreFilings)
    {
        ImmutableInterlocked.Update(ref known, k => k.AddRange(values.Where(v => !k.Contains(v))));
        ImmutableInterlocked.Update(ref filings, f => f.AddRange(moreFilings));
    }

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
        var (kind, body) = Body(random, method.InputType);
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
            headers.Add("x-icp-world", random.Next(4) switch { 0 => "default", 1 => "soak-fuzz", 2 => "", _ => Junk(random, random.Next(1, 200)) });
        }
        if (random.Next(5) == 0)
        {
            headers.Add("x-icp-scenario", random.Next(3) switch { 0 => "review-reject", 1 => "sms-late:2h", _ => Junk(random, random.Next(1, 200)) });
        }
        return headers;
    }

    /// <summary>Printable ASCII: what a header value may carry (anything else fails in the client, not the server).</summary>
    private static string Junk(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)r.Next(0x20, 0x7F);
            }
        });

    private (string Kind, byte[] Body) Body(Random random, MessageDescriptor type)
    {
        var roll = random.Next(10_000);
        return roll switch
        {
            < 2_000 => ("random", RandomBytes(random, random.Next(20) == 0 ? 4096 : 64)),
            < 4_000 => ("structured", Structured(random, type, 0).ToByteArray()),
            < 5_500 => ("template", Template(random, type).ToByteArray()),
            < 6_800 => ("truncated", Truncate(random, Template(random, type).ToByteArray())),
            < 9_000 => ("mutated", Mutate(random, Template(random, type).ToByteArray())),
            < 9_935 => ("huge-numbers", HugeNumbers(random)),
            < 9_985 => ("deep", Deep(random)),
            < 9_995 => ("oversized-string", Oversized(random, type)),
            _ => ("huge-repeated", HugeRepeatedField(random, type)),
        };
    }

    private static byte[] RandomBytes(Random random, int max)
    {
        var bytes = new byte[random.Next(0, max + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A message of the type with random fields set to values from the pools, nested a few levels deep.</summary>
    private IMessage Structured(Random random, MessageDescriptor type, int depth)
    {
        var message = type.Parser.ParseFrom([]);
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (random.Next(3) == 0 || (field.FieldType == FieldType.Message && depth >= 4))
            {
                continue;
            }
            if (field.IsMap)
            {
                continue;
            }
            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                for (var n = random.Next(4); n > 0; n--)
                {
                    list.Add(Value(random, field, depth));
                }
                continue;
            }
            field.Accessor.SetValue(message, Value(random, field, depth));
        }
        return message;
    }

    private object Value(Random random, FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => Text(random),
        FieldType.Bytes => ByteString.CopyFrom(RandomBytes(random, 32)),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Enum => random.Next(5) == 0 ? random.Next(-3, 1000) : random.Next(0, 8),
        FieldType.Double => EdgeDoubles[random.Next(EdgeDoubles.Length)],
        FieldType.Float => (float)EdgeDoubles[random.Next(EdgeDoubles.Length)],
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => unchecked((int)EdgeIntegers[random.Next(EdgeIntegers.Length)]),
        FieldType.UInt32 or FieldType.Fixed32 => unchecked((uint)EdgeIntegers[random.Next(EdgeIntegers.Length)]),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => EdgeIntegers[random.Next(EdgeIntegers.Length)],
        FieldType.UInt64 or FieldType.Fixed64 => unchecked((ulong)EdgeIntegers[random.Next(EdgeIntegers.Length)]),
        FieldType.Message when field.MessageType.FullName == Filing.Descriptor.FullName && filings.Length > 0 && random.Next(2) == 0 =>
            filings[random.Next(filings.Length)].Clone(),
        FieldType.Message => Structured(random, field.MessageType, depth + 1),
        _ => throw new InvalidOperationException($"No values for {field.FieldType}."),
    };

    private string Text(Random random)
    {
        var pool = known;
        return random.Next(3) switch
        {
            0 when pool.Length > 0 => pool[random.Next(pool.Length)],
            1 => EdgeStrings[random.Next(EdgeStrings.Length)],
            _ => random.Next(2) == 0 ? Junk(random, random.Next(0, 40)) : new string((char)random.Next(0x4E00, 0x9FA5), random.Next(1, 30)),
        };
    }

    /// <summary>A real request where one is known (a sample filing, a real order id…), else a structured one; then a field or two changed.</summary>
    private IMessage Template(Random random, MessageDescriptor type)
    {
        var message = Structured(random, type, 0);
        var pool = known;
        foreach (var field in type.Fields.InDeclarationOrder().Where(f => !f.IsRepeated && f.FieldType == FieldType.String))
        {
            if (pool.Length > 0 && random.Next(2) == 0)
            {
                field.Accessor.SetValue(message, pool[random.Next(pool.Length)]);
            }
        }
        return message;
    }

    private static byte[] Truncate(Random random, byte[] valid) => valid.Length == 0 ? valid : valid[..random.Next(valid.Length)];

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = valid.Length == 0 ? RandomBytes(random, 8) : (byte[])valid.Clone();
        if (bytes.Length == 0)
        {
            return bytes;
        }
        for (var n = random.Next(1, 9); n > 0; n--)
        {
            var at = random.Next(bytes.Length);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                default:
                    bytes[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x80;
                    break;
            }
        }
        return bytes;
    }

    /// <summary>Fields 1 to 9 with the edge integers of every wire type: varints of ten bytes, fixed 64-bit extremes.</summary>
    private static byte[] HugeNumbers(Random random)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            var field = random.Next(1, 10);
            var value = EdgeIntegers[random.Next(EdgeIntegers.Length)];
            switch (random.Next(3))
            {
                case 0:
                    output.WriteTag(field, WireFormat.WireType.Varint);
                    output.WriteInt64(value);
                    break;
                case 1:
                    output.WriteTag(field, WireFormat.WireType.Fixed64);
                    output.WriteFixed64(unchecked((ulong)value));
                    break;
                default:
                    output.WriteTag(field, WireFormat.WireType.Fixed32);
                    output.WriteFixed32(unchecked((uint)value));
                    break;
            }
        }
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// Nesting far beyond any message of the contract: groups inside groups of an unknown field, or field 1 inside
    /// field 1 as length-delimited bytes, from just past the parser's recursion limit to 100,000 levels.
    /// </summary>
    private static byte[] Deep(Random random)
    {
        int[] depths = [64, 100, 101, 1000, 100_000];
        var depth = depths[random.Next(depths.Length)];
        if (random.Next(2) == 0)
        {
            var start = Tag(1000, 3);
            var end = Tag(1000, 4);
            var bytes = new byte[depth * (start.Length + end.Length)];
            for (var i = 0; i < depth; i++)
            {
                start.CopyTo(bytes, i * start.Length);
                end.CopyTo(bytes, (depth * start.Length) + (i * end.Length));
            }
            return bytes;
        }
        // Field 1 inside field 1: each level is a tag and the length of all the levels inside it, written outermost first.
        var lengths = new int[depth + 1];
        for (var i = 1; i <= depth; i++)
        {
            lengths[i] = 1 + CodedOutputStream.ComputeLengthSize(lengths[i - 1]) + lengths[i - 1];
        }
        using var stream = new MemoryStream(lengths[depth]);
        var output = new CodedOutputStream(stream);
        for (var i = depth; i > 0; i--)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteLength(lengths[i - 1]);
        }
        output.Flush();
        return stream.ToArray();
    }

    private static byte[] Tag(int field, int wireType)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(field, (WireFormat.WireType)wireType);
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>A structured message with one string field, anywhere in it, of 1 to 6 MB: under and over the 4 MB the server takes.</summary>
    private byte[] Oversized(Random random, MessageDescriptor type)
    {
        var message = Structured(random, type, 0);
        var fields = Reachable(message, f => !f.IsRepeated && !f.IsMap && f.FieldType == FieldType.String);
        if (fields.Count == 0)
        {
            return RandomBytes(random, 1 << 20);
        }
        var (owner, field) = fields[random.Next(fields.Count)];
        var length = random.Next(1, 7) * (1 << 20) / (random.Next(2) == 0 ? 1 : 3);
        field.Accessor.SetValue(owner, new string(random.Next(2) == 0 ? 'x' : '中', length));
        return message.ToByteArray();
    }

    /// <summary>A structured message with one repeated field, anywhere in it, of 100,000 items (e.g. domains of a website).</summary>
    private byte[] HugeRepeatedField(Random random, MessageDescriptor type)
    {
        var message = Structured(random, type, 0);
        var fields = Reachable(message, f => f.IsRepeated && !f.IsMap);
        if (fields.Count == 0)
        {
            return RandomBytes(random, 1 << 16);
        }
        var (owner, field) = fields[random.Next(fields.Count)];
        var list = (System.Collections.IList)field.Accessor.GetValue(owner);
        for (var i = 0; i < HugeRepeated; i++)
        {
            list.Add(field.FieldType switch
            {
                FieldType.String => $"s{i}.cn",
                FieldType.Message => field.MessageType.Parser.ParseFrom([]),
                _ => Value(random, field, 4),
            });
        }
        return message.ToByteArray();
    }

    /// <summary>The fields (with the message holding them) that match, in the message and the singular messages inside it.</summary>
    private static List<(IMessage Owner, FieldDescriptor Field)> Reachable(IMessage message, Func<FieldDescriptor, bool> match, int depth = 0)
    {
        var found = new List<(IMessage, FieldDescriptor)>();
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (match(field))
            {
                found.Add((message, field));
            }
            if (!field.IsRepeated && !field.IsMap && field.FieldType == FieldType.Message && depth < 4)
            {
                if (field.Accessor.GetValue(message) is not IMessage inner)
                {
                    inner = field.MessageType.Parser.ParseFrom([]);
                    field.Accessor.SetValue(message, inner);
                }
                found.AddRange(Reachable(inner, match, depth + 1));
            }
        }
        return found;
    }
}
