using System.Buffers;
using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// How much a request may hold, so that what a call holds in memory is bounded by design: every list (repeated field)
/// at most <see cref="MaxItems"/> items, at any depth, and the whole request at most <see cref="MaxMessages"/> messages.
/// A call does work and keeps text for each item of its lists (a field violation per bad item, a domain object per
/// filing), and parsing makes an object of every message: a list of a hundred thousand items held hundreds of
/// megabytes per call, and the 4 MB a request may weigh make two million empty messages, gigabytes for a few calls at
/// once. A gRPC request is measured on the wire, before it is parsed (<see cref="CheckWire"/>); one from HTTP/JSON,
/// parsed by the transcoder, is measured as a message before any adapter looks at it (<see cref="Check"/>). The rules
/// of each list (50 services to an order, 20 domains to a website) stay with the checks of its call.
/// </summary>
public static class ListLimits
{
    /// <summary>The most items of one list: the largest batch a caller sends (SeedFilings, which the gateway sends 2,000 at a time, at most 5,000).</summary>
    public const int MaxItems = 5_000;

    /// <summary>The most messages in one request: a SeedFilings batch of 5,000 filings has a few tens of thousands.</summary>
    public const int MaxMessages = 100_000;

    // Nesting deeper than this is refused by the parser itself (its recursion limit); the count stops there.
    private const int MaxDepth = 100;

    /// <summary>Refuses (INVALID_ARGUMENT, TOO_MANY on the list's path) a parsed message with a list too long.</summary>
    public static void Check(IMessage message)
    {
        var v = new Violations();
        Check(message, "", v);
        v.ThrowIfAny();
    }

    /// <summary>
    /// Refuses a request of <paramref name="type"/> whose encoding holds a list too long or too many messages, from its
    /// bytes alone: the fields are counted, nothing is allocated for them. A request too short to break either limit is
    /// not looked at; bytes that are not a message are left for the parser to refuse.
    /// </summary>
    public static void CheckWire(ReadOnlySequence<byte> payload, MessageDescriptor type)
    {
        if (payload.Length <= MaxItems)
        {
            // Every item takes a byte at least, and every message two: neither limit can be reached.
            return;
        }
        var wire = new Wire();
        wire.Count(payload, type, 0);
        if (wire.Refusal is { } refusal)
        {
            var v = new Violations();
            v.Add(refusal.Path, "TOO_MANY", refusal.Text);
            v.ThrowIfAny();
        }
    }

    /// <summary>Each list of the message, then the messages inside it: the counts only, a look at each item at most.</summary>
    private static void Check(IMessage message, string prefix, Violations v)
    {
        // Paths are written only for a list refused or a message gone into: a call that passes allocates next to nothing.
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.IsRepeated)
            {
                var items = (ICollection)field.Accessor.GetValue(message);
                if (items.Count > MaxItems)
                {
                    v.Add(prefix + field.Name, "TOO_MANY", FieldTexts.TooManyItems(MaxItems));
                }
                else if (!field.IsMap && field.FieldType == FieldType.Message)
                {
                    var i = 0;
                    foreach (IMessage item in (IEnumerable)items)
                    {
                        Check(item, $"{prefix}{field.Name}[{i++}].", v);
                    }
                }
            }
            else if (field.FieldType == FieldType.Message && field.Accessor.GetValue(message) is IMessage inner)
            {
                Check(inner, $"{prefix}{field.Name}.", v);
            }
        }
    }

    private sealed record Refused(string Path, PageMessage Text);

    /// <summary>
    /// Counts a message's fields in its encoding, the messages inside it as it goes, and stops at the first limit
    /// passed (<see cref="Refusal"/>) or the first byte that is not the encoding of a message (the parser's to refuse).
    /// </summary>
    private sealed class Wire
    {
        private int messages;

        // The fields gone into, with the index of each item of a list: the path of a refusal, written only then.
        private readonly List<(FieldDescriptor Field, int Index)> path = [];

        public Refused? Refusal { get; private set; }

        /// <summary>Counts the fields of one message; false when counting stops (a refusal, or bytes that are no message).</summary>
        public bool Count(ReadOnlySequence<byte> bytes, MessageDescriptor type, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }
            // Items per field number of this message; the contract's field numbers are small.
            Span<int> counts = stackalloc int[MaxFieldNumber(type) + 1];
            var reader = new SequenceReader<byte>(bytes);
            while (!reader.End)
            {
                if (!Varint(ref reader, out var tag) || tag >> 3 is 0 or > int.MaxValue)
                {
                    return false;
                }
                var number = (int)(tag >> 3);
                var field = number < counts.Length ? type.FindFieldByNumber(number) : null;
                var items = 1;
                switch ((WireFormat.WireType)(tag & 7))
                {
                    case WireFormat.WireType.Varint:
                        if (!Varint(ref reader, out _))
                        {
                            return false;
                        }
                        break;
                    case WireFormat.WireType.Fixed64 when reader.Remaining >= 8:
                        reader.Advance(8);
                        break;
                    case WireFormat.WireType.Fixed32 when reader.Remaining >= 4:
                        reader.Advance(4);
                        break;
                    case WireFormat.WireType.LengthDelimited:
                        if (!Varint(ref reader, out var length) || length > (ulong)reader.Remaining)
                        {
                            return false;
                        }
                        var inner = reader.UnreadSequence.Slice(0, (long)length);
                        reader.Advance((long)length);
                        if (field is null)
                        {
                            break;
                        }
                        if (field.IsRepeated && IsPackable(field.FieldType))
                        {
                            items = Packed(inner, field.FieldType);
                        }
                        else if (field.FieldType == FieldType.Message)
                        {
                            if (++messages > MaxMessages)
                            {
                                Refusal = new Refused(Path(), FieldTexts.TooManyMessages(MaxMessages));
                                return false;
                            }
                            path.Add((field, counts[number]));
                            var counted = Count(inner, field.MessageType, depth + 1);
                            path.RemoveAt(path.Count - 1);
                            if (!counted)
                            {
                                return false;
                            }
                        }
                        break;
                    default:
                        // Groups are no part of the contract, and a value cut short is no message: the parser's to refuse.
                        return false;
                }
                if (field is { IsRepeated: true })
                {
                    counts[number] += items;
                    if (counts[number] > MaxItems)
                    {
                        path.Add((field, -1));
                        Refusal = new Refused(Path(), FieldTexts.TooManyItems(MaxItems));
                        return false;
                    }
                }
            }
            return true;
        }

        private string Path() =>
            string.Concat(path.Select((p, i) => (i > 0 ? "." : "") + p.Field.Name + (p.Field.IsRepeated && p.Index >= 0 ? $"[{p.Index}]" : "")));

        private static int MaxFieldNumber(MessageDescriptor type) => type.Fields.InFieldNumberOrder() is { Count: > 0 } fields ? fields[^1].FieldNumber : 0;

        private static bool IsPackable(FieldType type) => type is not (FieldType.String or FieldType.Bytes or FieldType.Message or FieldType.Group);

        /// <summary>The items of a packed list: its length over their size, or its varints.</summary>
        private static int Packed(ReadOnlySequence<byte> bytes, FieldType type) => type switch
        {
            FieldType.Fixed32 or FieldType.SFixed32 or FieldType.Float => (int)Math.Min(bytes.Length / 4, int.MaxValue),
            FieldType.Fixed64 or FieldType.SFixed64 or FieldType.Double => (int)Math.Min(bytes.Length / 8, int.MaxValue),
            _ => Varints(bytes),
        };

        /// <summary>The varints in the bytes: a varint's last byte is the one without the continuation bit.</summary>
        private static int Varints(ReadOnlySequence<byte> bytes)
        {
            var n = 0;
            foreach (var segment in bytes)
            {
                foreach (var b in segment.Span)
                {
                    n += b < 0x80 ? 1 : 0;
                }
            }
            return n;
        }

        private static bool Varint(ref SequenceReader<byte> reader, out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64 && reader.TryRead(out var b); shift += 7)
            {
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
