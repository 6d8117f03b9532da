using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Domain;

/// <summary>
/// The JSON of the domain's documents the stores keep (orders, filed subjects, public records, and the public-security
/// platform's filings and accounts), as generated code: the same JSON as reflection over the same types with the same
/// options (enums by name, nulls left out). It is generated here, in the assembly that declares the documents, because
/// their state is in private fields, private setters and private constructors, which a compiler sees only in their own
/// assembly: generated in the server, the code silently left out an order's SMS validations and could set none of its
/// properties.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FilingOrder))]
[JsonSerializable(typeof(FiledSubject))]
[JsonSerializable(typeof(PublicRecord))]
[JsonSerializable(typeof(WebsiteFiling))]
[JsonSerializable(typeof(PublicSecurityAccount))]
public sealed partial class DocumentJson : JsonSerializerContext;
