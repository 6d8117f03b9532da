using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Domain;

/// <summary>
/// The documents of <see cref="DocumentJson"/>, for writing only: code that writes each member straight out, without
/// the contract (a property's metadata, generic over its type) that reading needs. Built at run time, that contract
/// was some 300 methods compiled by the first submission, which writes an order and reads none.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(FilingOrder))]
[JsonSerializable(typeof(FiledSubject))]
[JsonSerializable(typeof(PublicRecord))]
[JsonSerializable(typeof(WebsiteFiling))]
[JsonSerializable(typeof(PublicSecurityAccount))]
public sealed partial class DocumentWriterJson : JsonSerializerContext;
