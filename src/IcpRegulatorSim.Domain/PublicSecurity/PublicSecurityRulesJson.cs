using System.Text.Json;
using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>Reads <c>public-security.json</c> of the rules directory into <see cref="PublicSecurityRules"/>, and checks it against MIIT's provinces.</summary>
public static partial class PublicSecurityRulesJson
{
    public const string File = "public-security.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = PublicSecurityTypes.Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <param name="open">Opens a file of the rules directory by its relative path.</param>
    /// <param name="miit">MIIT's rules, whose provinces each need one office here.</param>
    public static PublicSecurityRules Read(Func<string, Stream> open, RuleBook miit)
    {
        PublicSecurityRules rules;
        using (var stream = open(File))
        {
            try
            {
                rules = JsonSerializer.Deserialize<PublicSecurityRules>(stream, Json) ?? throw new InvalidDataException($"{File} is empty.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{File}: {e.Message}", e);
            }
        }
        var problems = Problems(rules, miit).ToList();
        return problems.Count == 0 ? rules : throw new InvalidDataException($"{File}: {string.Join(" ", problems)}");
    }

    private static IEnumerable<string> Problems(PublicSecurityRules rules, RuleBook miit)
    {
        if (rules.FilingDeadlineDays < 1 || rules.DefaultReviewWorkingDays < 1 || rules.OnSiteCheckWorkingDays < 1)
        {
            yield return "filingDeadlineDays, defaultReviewWorkingDays and onSiteCheckWorkingDays must each be at least 1.";
        }
        if (rules.RegistrationCodeInterval <= TimeSpan.Zero || rules.RegistrationCodesPerDay < 1)
        {
            yield return "registrationCodeInterval must be positive and registrationCodesPerDay at least 1.";
        }
        foreach (var office in rules.Offices)
        {
            if (miit.FindProvince(office.Province) is not { } province || province.Id != office.Province)
            {
                yield return $"Office {office.Code} reviews '{office.Province}', which is no province's id.";
            }
            else if (!office.Code.StartsWith(province.GbCode[..2], StringComparison.Ordinal)
                     || PublicSecurityNumberProblem(province.Abbreviation, office.Code) is not null)
            {
                yield return $"Office {office.Code} is not a division code of {province.Id} ({province.GbCode}).";
            }
            if (office.ReviewWorkingDays is < 1)
            {
                yield return $"Office {office.Code} reviews in {office.ReviewWorkingDays} working days; at least 1.";
            }
        }
        foreach (var province in miit.Provinces.Where(p => rules.Offices.Count(o => o.Province == p.Id) != 1))
        {
            yield return $"Province {province.Id} needs exactly one office.";
        }
        foreach (var code in rules.RejectionReasons.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"Rejection reason {code} is listed twice.";
        }
    }

    // An office whose code cannot begin a number would fail at its first approval: say so at start.
    private static string? PublicSecurityNumberProblem(string abbreviation, string code)
    {
        try
        {
            PublicSecurityNumber.Issue(abbreviation, code, 1);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    // Named apart from the MIIT rules' context: the generator names its files by the context and the type, and both read ReasonEntry.
    [JsonSerializable(typeof(PublicSecurityRules))]
    private sealed partial class PublicSecurityTypes : JsonSerializerContext;
}
