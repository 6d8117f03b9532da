using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace IcpRegulatorSim.Testing;

/// <summary>Messages of any type of the contract, built from its descriptor, for the fuzz test and the soak to cut up.</summary>
public static class SampleMessages
{
    /// <summary>A well-formed message of the type, with every field set, so that truncations cut through real data.</summary>
    public static IMessage Filled(MessageDescriptor type)
    {
        var message = type.Parser.ParseFrom([]);
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (field.IsRepeated || field.IsMap)
            {
                continue;
            }
            object? value = field.FieldType switch
            {
                FieldType.String => "ICP备" + field.Name,
                FieldType.Int32 or FieldType.Int64 => Convert.ChangeType(7, field.Accessor.GetValue(message).GetType(), System.Globalization.CultureInfo.InvariantCulture),
                FieldType.Bool => true,
                FieldType.Enum => 1,
                FieldType.Double => 1.5,
                FieldType.Message => Filled(field.MessageType),
                _ => null,
            };
            if (value is not null)
            {
                field.Accessor.SetValue(message, value);
            }
        }
        return message;
    }
}
