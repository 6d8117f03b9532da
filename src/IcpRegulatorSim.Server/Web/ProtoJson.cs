using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// Reads JSON against the message it is to be read into, by the proto3 JSON mapping: names each field it cannot take
/// (one the message does not have, a value of the wrong kind, two members of one oneof) and writes the rest in the one
/// form the transcoder reads as the mapping means it. The transcoder alone skips an unknown field (a misspelt one
/// silently became its default), answers a wrong value with a .NET type name and no field, and refuses forms the
/// mapping allows (an int32 as a string, a null for a number, 1e3 for an integer). Field paths are the proto's names, as
/// in every other violation the API reports (<c>filing.services[0].domains[1]</c>); an unknown field is named as sent.
/// </summary>
public static class ProtoJson
{
    private static readonly ConcurrentDictionary<MessageDescriptor, Dictionary<string, FieldDescriptor>> Names = new();

    private static readonly HashSet<string> Wrappers =
    [
        "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value", "google.protobuf.UInt64Value",
        "google.protobuf.Int32Value", "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
        "google.protobuf.BytesValue",
    ];

    /// <summary>The JSON in canonical form, or null when <paramref name="v"/> got a violation.</summary>
    public static byte[]? Canonical(JsonElement json, MessageDescriptor message, Violations v)
    {
        var before = v.Items.Count;
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            Message(json, message, "", v, writer);
        }
        return v.Items.Count == before ? output.ToArray() : null;
    }

    /// <summary>
    /// The query parameters that name a field (by its JSON or proto name, a dotted path for a nested one), each value
    /// checked as the transcoder will convert it: an integer in range, a number, true or false, an enum value's name.
    /// Other parameters are left alone, as the transcoder leaves them.
    /// </summary>
    public static void CheckQuery(IQueryCollection query, MessageDescriptor message, Violations v)
    {
        foreach (var (key, values) in query)
        {
            if (Resolve(message, key) is not { } resolved)
            {
                continue;
            }
            var (field, path) = resolved;
            foreach (var text in values)
            {
                if (QueryValue(text ?? "", field) is { } expected)
                {
                    Add(v, path, "INVALID_FORMAT", expected);
                    break;
                }
            }
        }
    }

    private static (FieldDescriptor Field, string Path)? Resolve(MessageDescriptor message, string key)
    {
        FieldDescriptor? field = null;
        var path = "";
        foreach (var name in key.Split('.'))
        {
            if (field is not null && field.FieldType != FieldType.Message)
            {
                return null;
            }
            var names = Names.GetOrAdd(field?.MessageType ?? message, FieldNames);
            if (!names.TryGetValue(name, out field))
            {
                return null;
            }
            path = Join(path, field.Name);
        }
        return field is null || field.IsMap ? null : (field, path);
    }

    /// <summary>What a query value should have been; null when it is fine.</summary>
    private static PageMessage? QueryValue(string text, FieldDescriptor field)
    {
        switch (field.FieldType)
        {
            case FieldType.Enum:
                return field.EnumType.FindValueByName(text) is null ? JsonTexts.ExpectEnum(field.EnumType.FullName, field.EnumType.Values.Select(e => e.Name)) : null;
            case FieldType.Bool:
                return text is "true" or "false" ? null : JsonTexts.ExpectBool;
            case FieldType.Double or FieldType.Float:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : JsonTexts.ExpectNumber;
            case FieldType.Bytes:
                return Base64(text) is null ? JsonTexts.ExpectBytes : null;
            case FieldType.String or FieldType.Message or FieldType.Group:
                return null;
            default:
                var (min, max) = Range(field);
                // Digits only here: the transcoder converts a query value with the runtime's integer parser.
                return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? null
                    : ExpectInteger(min, max);
        }
    }

    private static void Message(JsonElement json, MessageDescriptor message, string path, Violations v, Utf8JsonWriter w)
    {
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp":
                Parsed(json, message, path, JsonTexts.ExpectTimestamp, v, w);
                return;
            case "google.protobuf.Duration":
                Parsed(json, message, path, JsonTexts.ExpectDuration, v, w);
                return;
            case "google.protobuf.FieldMask" or "google.protobuf.Any":
                Parsed(json, message, path, JsonTexts.ExpectWellKnown, v, w);
                return;
            case "google.protobuf.Value":
                json.WriteTo(w);
                return;
            case "google.protobuf.Struct":
                Copy(json, JsonValueKind.Object, path, JsonTexts.ExpectObject, v, w);
                return;
            case "google.protobuf.ListValue":
                Copy(json, JsonValueKind.Array, path, JsonTexts.ExpectArray, v, w);
                return;
            case var name when Wrappers.Contains(name):
                Value(json, message.FindFieldByNumber(1), path, v, w);
                return;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            Refuse(path, JsonTexts.ExpectObject, v, w);
            return;
        }
        var fields = Names.GetOrAdd(message, FieldNames);
        var oneofs = new Dictionary<OneofDescriptor, List<string>>();
        w.WriteStartObject();
        foreach (var property in json.EnumerateObject())
        {
            if (!fields.TryGetValue(property.Name, out var field))
            {
                Add(v, Join(path, property.Name), "UNKNOWN_FIELD", JsonTexts.UnknownField(property.Name));
                continue;
            }
            // null is a field's default (proto3 JSON), whatever its type: the field is left out. (A Value's null is a value.)
            if (property.Value.ValueKind == JsonValueKind.Null && !IsValue(field))
            {
                continue;
            }
            if (field.RealContainingOneof is { } oneof)
            {
                if (!oneofs.TryGetValue(oneof, out var set))
                {
                    oneofs[oneof] = set = [];
                }
                set.Add(field.JsonName);
            }
            w.WritePropertyName(property.Name);
            Field(property.Value, field, Join(path, field.Name), v, w);
        }
        w.WriteEndObject();
        foreach (var (oneof, set) in oneofs)
        {
            if (set.Count > 1)
            {
                Add(v, Join(path, oneof.Name), "ONEOF_CONFLICT", JsonTexts.OneOf(set));
            }
        }
    }

    private static void Field(JsonElement json, FieldDescriptor field, string path, Violations v, Utf8JsonWriter w)
    {
        if (field.IsMap)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                Refuse(path, JsonTexts.ExpectObject, v, w);
                return;
            }
            var key = field.MessageType.FindFieldByNumber(1);
            var value = field.MessageType.FindFieldByNumber(2);
            w.WriteStartObject();
            foreach (var entry in json.EnumerateObject())
            {
                var entryPath = $"{path}[{entry.Name}]";
                MapKey(entry.Name, key, entryPath, v);
                w.WritePropertyName(entry.Name);
                Element(entry.Value, value, entryPath, v, w);
            }
            w.WriteEndObject();
            return;
        }
        if (field.IsRepeated)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                Refuse(path, JsonTexts.ExpectArray, v, w);
                return;
            }
            w.WriteStartArray();
            var i = 0;
            foreach (var element in json.EnumerateArray())
            {
                Element(element, field, $"{path}[{i++}]", v, w);
            }
            w.WriteEndArray();
            return;
        }
        Value(json, field, path, v, w);
    }

    /// <summary>An element of a list or a map: null is no default there (google.protobuf.Value aside).</summary>
    private static void Element(JsonElement json, FieldDescriptor field, string path, Violations v, Utf8JsonWriter w)
    {
        if (json.ValueKind == JsonValueKind.Null && !IsValue(field))
        {
            Refuse(path, JsonTexts.NoNull, v, w);
            return;
        }
        Value(json, field, path, v, w);
    }

    private static void Value(JsonElement json, FieldDescriptor field, string path, Violations v, Utf8JsonWriter w)
    {
        switch (field.FieldType)
        {
            case FieldType.Message or FieldType.Group:
                Message(json, field.MessageType, path, v, w);
                break;
            case FieldType.Enum:
                Enum(json, field.EnumType, path, v, w);
                break;
            case FieldType.String:
                Copy(json, JsonValueKind.String, path, JsonTexts.ExpectString, v, w);
                break;
            case FieldType.Bool:
                if (json.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    json.WriteTo(w);
                }
                else
                {
                    Refuse(path, JsonTexts.ExpectBool, v, w);
                }
                break;
            case FieldType.Bytes:
                if (json.ValueKind == JsonValueKind.String && Base64(json.GetString()!) is { } bytes)
                {
                    w.WriteBase64StringValue(bytes);
                }
                else
                {
                    Refuse(path, JsonTexts.ExpectBytes, v, w);
                }
                break;
            case FieldType.Double or FieldType.Float:
                Number(json, field.FieldType == FieldType.Float, path, v, w);
                break;
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                Integer(json, int.MinValue, int.MaxValue, asString: false, path, v, w);
                break;
            case FieldType.UInt32 or FieldType.Fixed32:
                Integer(json, uint.MinValue, uint.MaxValue, asString: false, path, v, w);
                break;
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64:
                Integer(json, long.MinValue, long.MaxValue, asString: true, path, v, w);
                break;
            case FieldType.UInt64 or FieldType.Fixed64:
                Integer(json, ulong.MinValue, ulong.MaxValue, asString: true, path, v, w);
                break;
        }
    }

    private static void Enum(JsonElement json, EnumDescriptor type, string path, Violations v, Utf8JsonWriter w)
    {
        var known = json.ValueKind switch
        {
            JsonValueKind.String => type.FindValueByName(json.GetString()!) is not null,
            // Numbers are read too, unknown ones included: proto3 enums are open.
            JsonValueKind.Number => json.TryGetInt32(out _),
            _ => false,
        };
        if (known)
        {
            json.WriteTo(w);
        }
        else
        {
            Refuse(path, JsonTexts.ExpectEnum(type.FullName, type.Values.Select(e => e.Name)), v, w);
        }
    }

    private static void MapKey(string key, FieldDescriptor field, string path, Violations v)
    {
        var (min, max) = Range(field);
        var valid = field.FieldType switch
        {
            FieldType.String => true,
            FieldType.Bool => key is "true" or "false",
            _ => Parse(key) is { } n && n >= min && n <= max,
        };
        if (!valid)
        {
            Add(v, path, "INVALID_FORMAT", field.FieldType == FieldType.Bool ? JsonTexts.ExpectBool : ExpectInteger(min, max));
        }
    }

    private static (BigInteger Min, BigInteger Max) Range(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int.MinValue, int.MaxValue),
        FieldType.UInt32 or FieldType.Fixed32 => (uint.MinValue, uint.MaxValue),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => (long.MinValue, long.MaxValue),
        _ => (ulong.MinValue, ulong.MaxValue),
    };

    /// <summary>
    /// An integer as the mapping reads it: a number or a string, exponents allowed; written as a number, or as a string
    /// for 64 bits (the transcoder reads a long exactly from a string, and from no other form past 2^53).
    /// </summary>
    private static void Integer(JsonElement json, BigInteger min, BigInteger max, bool asString, string path, Violations v, Utf8JsonWriter w)
    {
        var value = json.ValueKind switch
        {
            JsonValueKind.Number => Parse(json.GetRawText()),
            JsonValueKind.String => Parse(json.GetString()!),
            _ => null,
        };
        if (value is not { } n || n < min || n > max)
        {
            Refuse(path, ExpectInteger(min, max), v, w);
        }
        else if (asString)
        {
            w.WriteStringValue(n.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNumberValue((long)n);
        }
    }

    private static PageMessage ExpectInteger(BigInteger min, BigInteger max) =>
        JsonTexts.ExpectInteger(min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));

    private static BigInteger? Parse(string text)
    {
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }
        // 1e3 or 5.0: an integral number written otherwise. The bound keeps a huge exponent from costing anything.
        return text.Length <= 40 && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d)
            ? new BigInteger(d)
            : null;
    }

    /// <summary>A number, or a string of one, or "NaN", "Infinity" and "-Infinity" (which the transcoder reads as strings).</summary>
    private static void Number(JsonElement json, bool single, string path, Violations v, Utf8JsonWriter w)
    {
        double value;
        if (json.ValueKind == JsonValueKind.Number)
        {
            value = json.GetDouble();
        }
        else if (json.ValueKind == JsonValueKind.String && json.GetString() is "NaN" or "Infinity" or "-Infinity")
        {
            json.WriteTo(w);
            return;
        }
        else if (json.ValueKind != JsonValueKind.String
            || !double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            Refuse(path, JsonTexts.ExpectNumber, v, w);
            return;
        }
        if (!double.IsFinite(value) || (single && Math.Abs(value) > float.MaxValue))
        {
            Refuse(path, JsonTexts.ExpectNumber, v, w);
            return;
        }
        w.WriteNumberValue(value);
    }

    /// <summary>Bytes in either base64 alphabet, padding optional, as the mapping reads them; null when they are not.</summary>
    private static byte[]? Base64(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '=');
        var bytes = new byte[standard.Length];
        return Convert.TryFromBase64String(standard, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>A well-known type written as a string (an instant, a duration): checked by protobuf's own parser.</summary>
    private static void Parsed(JsonElement json, MessageDescriptor message, string path, PageMessage expected, Violations v, Utf8JsonWriter w)
    {
        try
        {
            JsonParser.Default.Parse(json.GetRawText(), message);
            json.WriteTo(w);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            Refuse(path, expected, v, w);
        }
    }

    private static void Copy(JsonElement json, JsonValueKind kind, string path, PageMessage expected, Violations v, Utf8JsonWriter w)
    {
        if (json.ValueKind == kind)
        {
            json.WriteTo(w);
        }
        else
        {
            Refuse(path, expected, v, w);
        }
    }

    /// <summary>Records the violation; a null keeps the output well formed (it is thrown away).</summary>
    private static void Refuse(string path, PageMessage expected, Violations v, Utf8JsonWriter w)
    {
        Add(v, path, "INVALID_FORMAT", expected);
        w.WriteNullValue();
    }

    private static bool IsValue(FieldDescriptor field) =>
        field.FieldType == FieldType.Message && field.MessageType.FullName == "google.protobuf.Value";

    /// <summary>Both names a field is read by: its JSON name (lowerCamelCase) and its proto name.</summary>
    private static Dictionary<string, FieldDescriptor> FieldNames(MessageDescriptor message)
    {
        var names = new Dictionary<string, FieldDescriptor>(StringComparer.Ordinal);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            names[field.Name] = field;
            names[field.JsonName] = field;
        }
        return names;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Add(Violations v, string path, string reason, PageMessage text) => v.Add(path, reason, text.En, text.Zh);
}
