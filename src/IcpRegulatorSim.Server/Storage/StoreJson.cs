using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>How domain documents (orders, filed subjects) are stored: JSON, enums by name.</summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Stored {typeof(T).Name} document is null.");
}
