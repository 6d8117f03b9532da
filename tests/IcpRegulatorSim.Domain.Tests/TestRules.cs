using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>
/// Builds a <see cref="RuleBook"/> from the real rules files copied into the test output, so these tests check the data
/// the server runs on as well as the code. The Domain tests may not reference the Server, so this mirrors its loader.
/// </summary>
public static class TestRules
{
    public const string Current = "current";
    public const string Pilot2018 = "2018-pilot";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    // A RuleBook is immutable, so sharing one per profile shares no mutable state between tests.
    private static readonly ConcurrentDictionary<string, RuleBook> Loaded = new(StringComparer.Ordinal);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "rules");

    public static RuleBook Load(string profile = Current) => Loaded.GetOrAdd(profile, Read);

    private static RuleBook Read(string profileName)
    {
        var profile = Read<ProfileFile>(Path.Combine("profiles", profileName + ".json"));
        var provinces = Read<ProvincesFile>("provinces.json").Provinces;
        var carriers = Read<CarriersFile>("carriers.json");
        var settings = Read<SettingsFile>("settings.json");
        var holidays = Read<HolidaysFile>("holidays.json");
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
            Read<TldsFile>("tlds.json").Approved,
            Read<CodeTables>("code-tables.json"),
            settings.Sms with { DefaultSender = carriers.DefaultSender },
            settings.Review,
            settings.Passwords,
            new WorkingCalendar(holidays.Holidays, holidays.MakeUpWorkingDays));
    }

    private static T Read<T>(string file)
    {
        var path = Path.Combine(Directory, file);
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
