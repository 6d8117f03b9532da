using System.Text.Json;
using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Rules;

/// <summary>
/// The format of the rules data: provinces, carriers, code tables, TLDs, holidays, settings and profiles, one JSON
/// file each. The caller opens the files (the domain does no I/O); this turns them into a <see cref="RuleBook"/>.
/// </summary>
public static partial class RuleBookJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Generated at build time: read by reflection, the rules were a seventh of a server's start, most of it
        // compiling the readers System.Text.Json emits for each type.
        TypeInfoResolver = Types.Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    /// <param name="open">Opens a file of the rules directory by its relative path, e.g. <c>profiles/current.json</c>.</param>
    public static RuleBook Read(Func<string, Stream> open, string profileName)
    {
        var profile = Read<ProfileFile>(open, $"profiles/{profileName}.json");
        var provinces = Read<ProvincesFile>(open, "provinces.json").Provinces;
        var carriers = Read<CarriersFile>(open, "carriers.json");
        var settings = Read<SettingsFile>(open, "settings.json");
        var holidays = Read<HolidaysFile>(open, "holidays.json");
        var smsProvinces = profile.SmsProvinces.ValueKind == JsonValueKind.String && profile.SmsProvinces.GetString() == "all"
            ? provinces.Select(p => p.Id).ToHashSet()
            : profile.SmsProvinces.Deserialize<List<string>>(Json)!.ToHashSet();
        var unknown = smsProvinces.Except(provinces.Select(p => p.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"Profile '{profileName}' names unknown provinces: {string.Join(", ", unknown)}.");
        }
        return new RuleBook(
            profile.Name,
            profile.Description,
            provinces.Select(p => new ProvinceRule(
                p.Id, p.NameZh, p.NameEn, p.Abbreviation, p.GbCode, p.Administration, smsProvinces.Contains(p.Id), p.ChangesAllowed,
                p.CancellationBatchDay, p.VerificationCall)).ToList(),
            carriers.Carriers,
            profile.Personnel,
            Read<TldsFile>(open, "tlds.json").Approved,
            Read<CodeTables>(open, "code-tables.json"),
            settings.Sms with { DefaultSender = carriers.DefaultSender },
            settings.Review,
            settings.Passwords,
            settings.Access,
            settings.Supervision,
            Read<RegistrarsFile>(open, "registrars.json").Registrars,
            Read<WordLists>(open, "words.json"),
            new WorkingCalendar(holidays.Holidays, holidays.MakeUpWorkingDays));
    }

    private static T Read<T>(Func<string, Stream> open, string file)
    {
        using var stream = open(file);
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{file} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
    }

    private sealed record ProfileFile(string Name, string Description, JsonElement SmsProvinces, IReadOnlyList<PersonnelRule> Personnel);

    private sealed record ProvincesFile(IReadOnlyList<ProvinceFile> Provinces);

    private sealed record ProvinceFile(
        string Id, string NameZh, string NameEn, string Abbreviation, string GbCode, string Administration, bool ChangesAllowed,
        DayOfWeek? CancellationBatchDay, bool VerificationCall = false);

    private sealed record CarriersFile(string DefaultSender, IReadOnlyList<CarrierRule> Carriers);

    private sealed record TldsFile(IReadOnlyList<string> Approved);

    private sealed record RegistrarsFile(IReadOnlyList<RegistrarRule> Registrars);

    private sealed record HolidaysFile(IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays);

    [JsonSerializable(typeof(ProfileFile))]
    [JsonSerializable(typeof(ProvincesFile))]
    [JsonSerializable(typeof(CarriersFile))]
    [JsonSerializable(typeof(SettingsFile))]
    [JsonSerializable(typeof(HolidaysFile))]
    [JsonSerializable(typeof(TldsFile))]
    [JsonSerializable(typeof(CodeTables))]
    [JsonSerializable(typeof(RegistrarsFile))]
    [JsonSerializable(typeof(WordLists))]
    [JsonSerializable(typeof(List<string>))]
    private sealed partial class Types : JsonSerializerContext;

    private sealed record SettingsFile(SmsRules Sms, ReviewRules Review, PasswordRules Passwords, AccessRules Access, SupervisionRules Supervision);
}
