using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IcpRegulatorSim.Domain;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// How domain documents (orders, filed subjects) are stored: JSON, enums by name, Brotli-compressed into a BLOB
/// (property names repeat in every document; compressed they cost a quarter of the pages). Documents written as plain
/// JSON text by earlier versions still read. The JSON is generated code (<see cref="DocumentJson"/>,
/// <see cref="StoreRowJson"/>), the same JSON reflection wrote; a type neither generates is refused rather than read by
/// reflection.
/// </summary>
internal static class StoreJson
{
    private const byte Format = 1;

    // A document is serialized and compressed into buffers its thread keeps (the writer makes one or two a command):
    // two buffers the size of a document allocated and collected for each were a share of the writer's time in
    // garbage collections. A buffer grown past this by a very large document is not kept.
    private const int KeptBufferBytes = 256 * 1024;

    // Brotli's window: a document is a few KiB, so 64 KiB holds the whole of any; the encoder's default of 4 MiB cost
    // a fifth more CPU per document for the same bytes. Any window reads back.
    private const int Window = 16;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? json;
    [ThreadStatic]
    private static Utf8JsonWriter? jsonWriter;
    [ThreadStatic]
    private static byte[]? compressed;

    public static byte[] Write<T>(T value)
    {
        var text = json ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = jsonWriter ??= new Utf8JsonWriter(text);
        text.ResetWrittenCount();
        writer.Reset(text);
        JsonSerializer.Serialize(writer, value, Written<T>.Info);
        writer.Flush();
        var length = 5 + BrotliEncoder.GetMaxCompressedLength(text.WrittenCount);
        var buffer = compressed is { } kept && kept.Length >= length ? kept : new byte[Math.Max(length, 16 * 1024)];
        buffer[0] = Format;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1), text.WrittenCount);
        // Quality 1: a few microseconds for a document, on the single writer's path.
        if (!BrotliEncoder.TryCompress(text.WrittenSpan, buffer.AsSpan(5), out var written, quality: 1, window: Window))
        {
            throw new InvalidOperationException("Brotli could not compress a document into its own bound.");
        }
        var document = buffer.AsSpan(0, 5 + written).ToArray();
        compressed = buffer.Length <= KeptBufferBytes ? buffer : null;
        if (text.Capacity > KeptBufferBytes)
        {
            json = null;
            jsonWriter = null;
        }
        return document;
    }

    /// <summary>A small record as plain JSON, for a path that reads it often: no compression to undo.</summary>
    public static byte[] WritePlain<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Written<T>.Info);

    public static T ReadPlain<T>(byte[] json) => Deserialize<T>(json);

    /// <summary>Reads a stored document: a compressed BLOB, or JSON text from before compression.</summary>
    public static T Read<T>(object stored) => stored switch
    {
        byte[] { Length: > 5 } blob when blob[0] == Format => Deserialize<T>(Decompress(blob)),
        string text => Deserialize<T>(Encoding.UTF8.GetBytes(text)),
        _ => throw new InvalidDataException($"A stored {typeof(T).Name} document is in no known format."),
    };

    /// <summary>A list as a JSON array: one parameter that <c>IN (SELECT value FROM json_each(@List))</c> reads, so the statement's text never changes.</summary>
    public static string Array(IEnumerable<string> values) => JsonSerializer.Serialize(values, StoreRowJson.Default.IEnumerableString);

    /// <summary>The document the query's first row holds in its <c>document</c> column, if any row.</summary>
    public static T? ReadFirst<T>(DbSession db, string sql, object parameters) where T : class =>
        db.QueryFirstOrDefault<StoredDocument>(sql, parameters) is { } row ? Read<T>(row.Document) : null;

    /// <summary>The documents of every row of the query, from its <c>document</c> column.</summary>
    public static IReadOnlyList<T> ReadAll<T>(DbSession db, string sql, object parameters) =>
        db.Query<StoredDocument>(sql, parameters).Select(row => Read<T>(row.Document)).ToList();

    private static byte[] Decompress(byte[] blob)
    {
        var json = new byte[BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(1))];
        if (!BrotliDecoder.TryDecompress(blob.AsSpan(5), json, out var written) || written != json.Length)
        {
            throw new InvalidDataException("A stored document does not decompress to its recorded length.");
        }
        return json;
    }

    private static T Deserialize<T>(byte[] json) =>
        JsonSerializer.Deserialize(json, ReadContract<T>.Info) ?? throw new InvalidDataException($"Stored {typeof(T).Name} document is null.");

    /// <summary>The generated code that writes a stored type, looked up once per type.</summary>
    private static class Written<T>
    {
        public static readonly JsonTypeInfo<T> Info =
            (JsonTypeInfo<T>?)(DocumentWriterJson.Default.GetTypeInfo(typeof(T)) ?? StoreRowJson.Default.GetTypeInfo(typeof(T)))
            ?? throw new NotSupportedException($"{typeof(T).Name} is stored, but its JSON is not generated: add it to DocumentWriterJson or StoreRowJson.");
    }

    /// <summary>
    /// The generated contract that reads a stored type, looked up once per type, and apart from the writer's: looking it
    /// up builds it, which a process that has only written the type has no need of.
    /// </summary>
    private static class ReadContract<T>
    {
        public static readonly JsonTypeInfo<T> Info =
            (JsonTypeInfo<T>?)(DocumentJson.Default.GetTypeInfo(typeof(T)) ?? StoreRowJson.Default.GetTypeInfo(typeof(T)))
            ?? throw new NotSupportedException($"{typeof(T).Name} is stored, but its JSON is not generated: add it to DocumentJson or StoreRowJson.");
    }
}

/// <summary>A row of one stored document, BLOB or legacy text alike.</summary>
internal sealed record StoredDocument
{
    public object Document { get; init; } = "";
}
