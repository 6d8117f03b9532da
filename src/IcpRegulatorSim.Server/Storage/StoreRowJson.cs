using System.Text.Json.Serialization;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// The JSON of what the stores keep beside the domain's documents (see <see cref="Domain.DocumentJson"/>), as generated
/// code with the same options: an event's details, and the lists a statement reads with <c>json_each</c> (written only,
/// so without the contract reading needs: see <see cref="Domain.DocumentWriterJson"/>).
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventDetail))]
[JsonSerializable(typeof(IEnumerable<string>), GenerationMode = JsonSourceGenerationMode.Serialization)]
public sealed partial class StoreRowJson : JsonSerializerContext;
