using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Server.Desks;

/// <param name="AdministratorMobile">A company's website administrator; empty for an individual, who administers their own site.</param>
public sealed record SampleRequest(string Province, bool Company, string LeaderMobile, string AdministratorMobile, string Scenario);

/// <summary>
/// A valid initial filing for a class to start from: an individual or a company in the chosen province, with the
/// trainee's mobiles, new certificate numbers (correct check characters) and a new domain. Like every random choice
/// of a world, it derives from the world's seed: a world created with the same seed hands out the same samples.
/// </summary>
public static class SampleFiling
{
    private static readonly string[] Surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "婷"];
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>
    /// The world's <paramref name="sample"/>th sample (counted from 1) for <paramref name="request"/>; the province falls
    /// back to Beijing when it is unknown (the form offers only known ones).
    /// </summary>
    public static Filing Make(RuleBook rules, SampleRequest request, long worldSeed, long sample)
    {
        var province = rules.FindProvince(request.Province) ?? rules.FindProvince("beijing")!;
        var n = Draw(worldSeed, sample);
        var address = new Address(province.Id, province.NameZh, $"示例路{n % 999 + 1}号");
        var leader = Person(province, n, 0, request.LeaderMobile);
        if (!request.Company)
        {
            var site = Website($"{leader.Name}的学习笔记", $"sample-p{n}.cn", "个人学习笔记", leader);
            return new Filing(new Subject(5, leader.Name, 2, leader.CertificateNumber, province.Id, address, address, leader), [site]);
        }
        var administrator = request.AdministratorMobile.Trim().Length == 0 ? leader : Person(province, n, 1, request.AdministratorMobile);
        var code = Base31(n, 7);
        var credit = $"91{province.GbCode[..2]}0100MA{code}";
        var subject = new Subject(4, $"{province.NameZh}示例{code}科技有限公司", 13, credit + CertificateNumbers.CreditCodeCheck(credit),
            province.Id, address, address, leader);
        return new Filing(subject, [Website($"示例{code}官网", $"sample-c{n}.cn", "企业门户网站", administrator)]);
    }

    private const int Range = 20_000_000;

    // Odd and not a multiple of 5, so prime to the range: stepping by it visits every number of the range once.
    private const long Stride = 7_368_787;

    /// <summary>
    /// The number a sample's names, certificates and domain derive from: the world's seed picks where its samples
    /// start, and each next one steps on by <see cref="Stride"/>. No two samples of a world share a domain, and the
    /// range being a multiple of 10,000, the first 10,000 share no leader certificate either.
    /// </summary>
    private static int Draw(long worldSeed, long sample)
    {
        var start = (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{worldSeed}:sample"))) % Range);
        return 1 + (int)((start + (sample % Range) * Stride) % Range);
    }

    private static Person Person(ProvinceRule province, int n, int which, string mobile)
    {
        var name = Surnames[(n + which) % Surnames.Length] + GivenNames[(n * 7 + which) % GivenNames.Length];
        var born = new DateOnly(1975, 1, 1).AddDays((n * 31 + which * 977) % 10_000);
        var first17 = $"{province.GbCode[..2]}0102{born:yyyyMMdd}{(n + which) % 1000:D3}";
        return new Person(name, 2, first17 + CertificateNumbers.ResidentIdCheck(first17), mobile.Trim(), $"sample{n}x{which}@example.com");
    }

    private static Service Website(string name, string domain, string content, Person administrator) =>
        new(ServiceKind.Website, name, [domain], $"https://www.{domain}/", [1], content, administrator);

    private static string Base31(int n, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = CreditAlphabet[n % 31];
            n /= 31;
        }
        return new string(chars);
    }
}
