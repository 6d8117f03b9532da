using System.Collections;
using System.Collections.Immutable;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// Request bodies for any method of the contract, made from its message descriptors alone, so that a message or a
/// field added later is fuzzed as it is: messages with random fields set to values from pools (real identifiers of
/// the fuzzed server's state, edge values of every type, enum numbers the contract does not define, durations and
/// timestamps that break the proto's rules), truncated and bit-flipped ones, random bytes, ten-byte varints, nesting
/// far past any parser's limit, strings of megabytes and repeated fields of a hundred thousand items (a million
/// empty messages). Every choice comes from the <see cref="Random"/> given, so a seed makes the same bytes again.
/// </summary>
public sealed class FuzzMessages
{
    public const int HugeRepeated = 100_000;

    public const int HugeRepeatedMessages = 1_000_000;

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

    /// <summary>Durations that break the proto's rules: every one must be refused, naming its field.</summary>
    public static IReadOnlyList<Duration> InvalidDurations { get; } =
    [
        new() { Seconds = 1, Nanos = -1 }, new() { Seconds = -1, Nanos = 1 }, new() { Nanos = 1_000_000_000 }, new() { Nanos = -1_000_000_000 },
        new() { Nanos = int.MaxValue }, new() { Nanos = int.MinValue }, new() { Seconds = 315_576_000_001 }, new() { Seconds = -315_576_000_001 },
        new() { Seconds = long.MaxValue }, new() { Seconds = long.MinValue, Nanos = -1 },
    ];

    /// <summary>Timestamps that break the proto's rules: every one must be refused, naming its field.</summary>
    public static IReadOnlyList<Timestamp> InvalidTimestamps { get; } =
    [
        new() { Seconds = 0, Nanos = -1 }, new() { Nanos = 1_000_000_000 }, new() { Nanos = int.MinValue }, new() { Seconds = -62_135_596_801 },
        new() { Seconds = 253_402_300_800 }, new() { Seconds = long.MaxValue }, new() { Seconds = long.MinValue },
    ];

    /// <summary>
    /// Durations at and past the proto's rules (duration.proto): seconds within ±315,576,000,000, nanos within
    /// ±999,999,999 and of the seconds' sign. Valid ones too, small and extreme, and negative ones. (Written after the
    /// invalid ones it includes: static properties are initialized in the order they are written.)
    /// </summary>
    public static IReadOnlyList<Duration> EdgeDurations { get; } =
    [
        new() { Seconds = 0 }, new() { Seconds = 1 }, new() { Seconds = 86_400 }, new() { Seconds = -1 }, new() { Nanos = 1 },
        new() { Seconds = 315_576_000_000, Nanos = 999_999_999 }, new() { Seconds = -315_576_000_000, Nanos = -999_999_999 },
        .. InvalidDurations,
    ];

    /// <summary>Timestamps at and past the proto's rules (timestamp.proto): from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, nanos from 0 up.</summary>
    public static IReadOnlyList<Timestamp> EdgeTimestamps { get; } =
    [
        new() { Seconds = 0 }, new() { Seconds = 1_772_413_200 }, new() { Seconds = -62_135_596_800 },
        new() { Seconds = 253_402_300_799, Nanos = 999_999_999 }, new() { Seconds = 4_102_444_800 },
        .. InvalidTimestamps,
    ];

    private ImmutableArray<string> known = [];
    private ImmutableArray<Filing> filings = [];

    /// <summary>Real values of the server's state, for requests that reach past the first lookups.</summary>
    public void Learn(IEnumerable<string> values, IEnumerable<Filing> moreFilings)
    {
        ImmutableInterlocked.Update(ref known, k => k.AddRange(values.Where(v => !k.Contains(v))));
        ImmutableInterlocked.Update(ref filings, f => f.AddRange(moreFilings));
    }

    /// <summary>A body for a request of <paramref name="type"/>, of a kind drawn at the weights the soak has always used; the kind's name with it.</summary>
    public (string Kind, byte[] Body) Body(Random random, MessageDescriptor type)
    {
        var roll = random.Next(10_000);
        return roll switch
        {
            < 2_000 => ("random", RandomBytes(random, random.Next(20) == 0 ? 4096 : 64)),
            < 4_000 => ("structured", Structured(random, type).ToByteArray()),
            < 5_500 => ("template", Template(random, type).ToByteArray()),
            < 6_800 => ("truncated", Truncate(random, Template(random, type).ToByteArray())),
            < 9_000 => ("mutated", Mutate(random, Template(random, type).ToByteArray())),
            < 9_935 => ("huge-numbers", HugeNumbers(random)),
            < 9_985 => ("deep", Deep(random)),
            < 9_995 => ("oversized-string", Oversized(random, type)),
            _ => ("huge-repeated", HugeRepeatedField(random, type)),
        };
    }

    public static byte[] RandomBytes(Random random, int max)
    {
        var bytes = new byte[random.Next(0, max + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A message of the type with random fields set to values from the pools, nested a few levels deep.</summary>
    public IMessage Structured(Random random, MessageDescriptor type) => Structured(random, type, 0);

    private IMessage Structured(Random random, MessageDescriptor type, int depth)
    {
        var message = type.Parser.ParseFrom([]);
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (random.Next(3) == 0 || field.IsMap || (field.FieldType == FieldType.Message && depth >= 4))
            {
                continue;
            }
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
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
        FieldType.Enum => EnumNumber(random, field.EnumType),
        FieldType.Double => EdgeDoubles[random.Next(EdgeDoubles.Length)],
        FieldType.Float => (float)EdgeDoubles[random.Next(EdgeDoubles.Length)],
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => unchecked((int)EdgeIntegers[random.Next(EdgeIntegers.Length)]),
        FieldType.UInt32 or FieldType.Fixed32 => unchecked((uint)EdgeIntegers[random.Next(EdgeIntegers.Length)]),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => EdgeIntegers[random.Next(EdgeIntegers.Length)],
        FieldType.UInt64 or FieldType.Fixed64 => unchecked((ulong)EdgeIntegers[random.Next(EdgeIntegers.Length)]),
        FieldType.Message when field.MessageType.FullName == Duration.Descriptor.FullName && random.Next(4) > 0 =>
            EdgeDurations[random.Next(EdgeDurations.Count)].Clone(),
        FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName && random.Next(4) > 0 =>
            EdgeTimestamps[random.Next(EdgeTimestamps.Count)].Clone(),
        FieldType.Message when field.MessageType.FullName == Filing.Descriptor.FullName && filings.Length > 0 && random.Next(2) == 0 =>
            filings[random.Next(filings.Length)].Clone(),
        FieldType.Message => Structured(random, field.MessageType, depth + 1),
        _ => throw new InvalidOperationException($"No values for {field.FieldType}."),
    };

    /// <summary>A number the enum defines, mostly; else one it does not (proto3 keeps those as they are).</summary>
    private static int EnumNumber(Random random, EnumDescriptor type) => random.Next(5) switch
    {
        < 3 => type.Values[random.Next(type.Values.Count)].Number,
        3 => random.Next(-3, 1000),
        _ => random.Next(2) == 0 ? int.MaxValue : int.MinValue,
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

    /// <summary>Printable ASCII: what a header value may carry (anything else fails in the client, not the server).</summary>
    public static string Junk(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)r.Next(0x20, 0x7F);
            }
        });

    /// <summary>A real request where one is known (a sample filing, a real order id…), else a structured one; then a field or two changed.</summary>
    public IMessage Template(Random random, MessageDescriptor type)
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

    public static byte[] Truncate(Random random, byte[] valid) => valid.Length == 0 ? valid : valid[..random.Next(valid.Length)];

    public static byte[] Mutate(Random random, byte[] valid)
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
    public static byte[] HugeNumbers(Random random)
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
    public static byte[] Deep(Random random)
    {
        int[] depths = [64, 100, 101, 1000, 100_000];
        var depth = depths[random.Next(depths.Length)];
        if (random.Next(2) == 0)
        {
            var start = Tag(1000, WireFormat.WireType.StartGroup);
            var end = Tag(1000, WireFormat.WireType.EndGroup);
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

    private static byte[] Tag(int field, WireFormat.WireType wireType)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(field, wireType);
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>A structured message with one string field, anywhere in it, of 1 to 6 MB: under and over the 4 MB the server takes.</summary>
    public byte[] Oversized(Random random, MessageDescriptor type)
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

    /// <summary>
    /// A structured message with one repeated field, anywhere in it, of <see cref="HugeRepeated"/> items (e.g. domains
    /// of a website), or for a list of messages, half the time, of <see cref="HugeRepeatedMessages"/> empty ones: 2 MB
    /// on the wire, a million objects once parsed.
    /// </summary>
    public byte[] HugeRepeatedField(Random random, MessageDescriptor type)
    {
        var message = Structured(random, type, 0);
        var fields = Reachable(message, f => f.IsRepeated && !f.IsMap);
        if (fields.Count == 0)
        {
            return RandomBytes(random, 1 << 16);
        }
        var (owner, field) = fields[random.Next(fields.Count)];
        var list = (IList)field.Accessor.GetValue(owner);
        var count = field.FieldType == FieldType.Message && random.Next(2) == 0 ? HugeRepeatedMessages : HugeRepeated;
        for (var i = 0; i < count; i++)
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

    /// <summary>
    /// Every duration and timestamp a request of <paramref name="type"/> can carry, as the field path an error names
    /// (<c>faults[0].delay</c>), through singular and repeated messages.
    /// </summary>
    public static IReadOnlyList<string> TimeFields(MessageDescriptor type) => TimeFields(type, "", 0);

    private static List<string> TimeFields(MessageDescriptor type, string prefix, int depth)
    {
        var found = new List<string>();
        foreach (var field in type.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message && !f.IsMap))
        {
            var path = prefix + field.Name + (field.IsRepeated ? "[0]" : "");
            if (field.MessageType.FullName is "google.protobuf.Duration" or "google.protobuf.Timestamp")
            {
                found.Add(path);
            }
            else if (depth < 6)
            {
                found.AddRange(TimeFields(field.MessageType, path + ".", depth + 1));
            }
        }
        return found;
    }

    /// <summary>A message of <paramref name="type"/> with nothing set but <paramref name="value"/> at <paramref name="path"/> (as <see cref="TimeFields"/> names it).</summary>
    public static IMessage With(MessageDescriptor type, string path, IMessage value)
    {
        var message = type.Parser.ParseFrom([]);
        var owner = message;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var field = owner.Descriptor.FindFieldByName(parts[i].Replace("[0]", "", StringComparison.Ordinal));
            var item = i == parts.Length - 1 ? value : field.MessageType.Parser.ParseFrom([]);
            if (field.IsRepeated)
            {
                ((IList)field.Accessor.GetValue(owner)).Add(item);
            }
            else
            {
                field.Accessor.SetValue(owner, item);
            }
            owner = item;
        }
        return message;
    }
}
