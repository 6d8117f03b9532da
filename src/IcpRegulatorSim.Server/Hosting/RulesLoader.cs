using System.Text.Json;
using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>Reads the rules directory (provinces, carriers, code tables, TLDs, holidays, settings, profiles) into a <see cref="RuleBook"/>.</summary>
public static class RulesLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "rules");

    public static RuleBook Load(string? directory, string profileName)
    {
        var dir = directory ?? DefaultDirectory;
        var profile = Read<ProfileFile>(dir, Path.Combine("profiles", profileName + ".json"));
        var provinces = Read<ProvincesFile>(dir, "provinces.json").Provinces;
        var carriers = Read<CarriersFile>(dir, "carriers.json");
        var settings = Read<SettingsFile>(dir, "settings.json");
        var holidays = Read<HolidaysFile>(dir, "holidays.json");
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
            provinces.Select(p => new ProvinceRule(
                p.Id, p.NameZh, p.NameEn, p.Abbreviation, p.GbCode, p.Administration, smsProvinces.Contains(p.Id), p.ChangesAllowed,
                p.CancellationBatchDay)).ToList(),
            carriers.Carriers,
            profile.Personnel,
            Read<TldsFile>(dir, "tlds.json").Approved,
            Read<CodeTables>(dir, "code-tables.json"),
            settings.Sms with { DefaultSender = carriers.DefaultSender },
            settings.Review,
            settings.Passwords,
            new WorkingCalendar(holidays.Holidays, holidays.MakeUpWorkingDays));
    }

    private static T Read<T>(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
    }

    private sealed record ProfileFile(string Name, string Description, JsonElement SmsProvinces, IReadOnlyList<PersonnelRule> Personnel);

    private sealed record ProvincesFile(IReadOnlyList<ProvinceFile> Provinces);

    private sealed record ProvinceFile(
        string Id, string NameZh, string NameEn, string Abbreviation, string GbCode, string Administration, bool ChangesAllowed,
        DayOfWeek? CancellationBatchDay);

    private sealed record CarriersFile(string DefaultSender, IReadOnlyList<CarrierRule> Carriers);

    private sealed record TldsFile(IReadOnlyList<string> Approved);

    private sealed record HolidaysFile(IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays);

    private sealed record SettingsFile(SmsRules Sms, ReviewRules Review, PasswordRules Passwords);
}
