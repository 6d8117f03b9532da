using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>
/// Texts once: what a person reads is written in the bilingual catalogue and nowhere else, and so are the real
/// regulator's numeric codes. Reads the sources of the projects that share the catalogue: the rules, the server and
/// the harness. (The provider gateway never references the rules: it is the other party, and speaks only gRPC.)
/// </summary>
public sealed partial class TextsOnceTests
{
    private static readonly string[] Projects = ["src/IcpRegulatorSim.Domain", "src/IcpRegulatorSim.Server", "src/IcpRegulatorSim.Harness"];

    /// <summary>
    /// The catalogue: the folder of texts, and the catalogues that live beside the rules that give them (see Labels):
    /// the errors, the notices sent by SMS and email, and the validation page's messages.
    /// </summary>
    private static readonly string[] Catalogue =
    [
        "src/IcpRegulatorSim.Domain/Texts/",
        "src/IcpRegulatorSim.Domain/Errors/RegulatorErrors.cs",
        "src/IcpRegulatorSim.Domain/Sms/Notices.cs",
        "src/IcpRegulatorSim.Domain/Sms/PageMessages.cs",
    ];

    /// <summary>Chinese in code that is data rather than a text a person reads, each with why.</summary>
    private static readonly Dictionary<string, string> NotTexts = new()
    {
        ["src/IcpRegulatorSim.Domain/Registry/IcpNumber.cs"] = "the ICP number's own format (京ICP备2024012345号), the same in either language",
        ["src/IcpRegulatorSim.Domain/PublicSecurity/PublicSecurityNumber.cs"] =
            "the public-security number's own format (京公网安备11010502030000号), the same in either language",
        ["src/IcpRegulatorSim.Server/Desks/SampleFiling.cs"] =
            "a sample filing's names and addresses: what an applicant files, in Chinese whatever the page's language",
        ["src/IcpRegulatorSim.Server/Desks/TrainingDesk.cs"] = "the name of the desk's own access provider, stored and shown as that provider's name",
        ["src/IcpRegulatorSim.Server/Hosting/RegulatorOptions.cs"] =
            "the names of the sandbox's default providers: configuration, stored and shown as each provider's name",
    };

    [Fact]
    public void No_source_outside_the_catalogue_writes_chinese()
    {
        var found = CodeLines()
            .Where(l => !Catalogue.Any(l.File.StartsWith) && !NotTexts.ContainsKey(l.File) && Chinese().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Number}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "Texts belong in the catalogue (src/IcpRegulatorSim.Domain/Texts):\n" + string.Join("\n", found));
    }

    [Fact]
    public void Each_exception_to_the_catalogue_still_has_chinese_in_it()
    {
        // An entry the code no longer needs goes, so that the list stays the short one it is meant to be.
        foreach (var file in NotTexts.Keys)
        {
            Assert.True(File.ReadLines(Path.Combine(Root, file)).Any(l => !IsComment(l) && Chinese().IsMatch(l)), $"{file} needs no exception any more.");
        }
    }

    [Fact]
    public void The_numeric_codes_of_the_error_catalogue_are_written_there_only()
    {
        var codes = typeof(RegulatorErrors).GetFields().Select(f => f.GetValue(null)).OfType<RegulatorError>()
            .Where(e => e.NumericCode is not null)
            .Select(e => e.NumericCode!.Value.ToString())
            .ToList();
        Assert.NotEmpty(codes);
        var found = CodeLines()
            .Where(l => !l.File.EndsWith("/Errors/RegulatorErrors.cs", StringComparison.Ordinal))
            .SelectMany(l => codes.Where(c => Regex.IsMatch(l.Text, $@"\b{c}\b")).Select(c => $"{l.File}:{l.Number}: {c} in {l.Text.Trim()}"))
            .ToList();
        Assert.True(found.Count == 0, "Take a numeric code from its error (RegulatorErrors.X.NumericCode):\n" + string.Join("\n", found));
    }

    private static readonly string Root = FindRoot();

    /// <summary>Every line of C# of the projects that is not a comment of its own, with its file (from the root, with /) and number.</summary>
    private static IEnumerable<(string File, int Number, string Text)> CodeLines()
    {
        foreach (var project in Projects)
        {
            var directory = Path.Combine(Root, project);
            Assert.True(Directory.Exists(directory), $"No {directory}.");
            foreach (var path in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                var file = Path.GetRelativePath(Root, path).Replace('\\', '/');
                if (file.Contains("/bin/", StringComparison.Ordinal) || file.Contains("/obj/", StringComparison.Ordinal))
                {
                    continue;
                }
                var number = 0;
                foreach (var line in File.ReadLines(path))
                {
                    number++;
                    if (!IsComment(line))
                    {
                        yield return (file, number, line);
                    }
                }
            }
        }
    }

    // Comments may name the regulator's terms in Chinese (限制接入): they are for the code's readers, not the users'.
    private static bool IsComment(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcpRegulatorSim.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No IcpRegulatorSim.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Han characters, and the punctuation and full-width forms of Chinese text (，。（）【】).</summary>
    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]")]
    private static partial Regex Chinese();
}
