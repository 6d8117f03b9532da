using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Client;

/// <summary>
/// Generates valid filings, each with its own subject, people, mobiles and domains: certificate numbers carry
/// correct check characters (GB 11643 resident IDs, GB 32100 credit codes). The same seed gives the same filings,
/// so test and load runs are reproducible.
/// </summary>
public sealed class SampleFilings(int seed = 1)
{
    // Province ids, the first digits of their administrative codes, and a city for addresses.
    private static readonly (string Id, string Code, string City)[] Provinces =
    [
        ("beijing", "11", "北京市"), ("tianjin", "12", "天津市"), ("hebei", "13", "石家庄市"), ("shanxi", "14", "太原市"),
        ("inner-mongolia", "15", "呼和浩特市"), ("liaoning", "21", "沈阳市"), ("jilin", "22", "长春市"), ("heilongjiang", "23", "哈尔滨市"),
        ("shanghai", "31", "上海市"), ("jiangsu", "32", "南京市"), ("zhejiang", "33", "杭州市"), ("anhui", "34", "合肥市"),
        ("fujian", "35", "福州市"), ("jiangxi", "36", "南昌市"), ("shandong", "37", "济南市"), ("henan", "41", "郑州市"),
        ("hubei", "42", "武汉市"), ("hunan", "43", "长沙市"), ("guangdong", "44", "广州市"), ("guangxi", "45", "南宁市"),
        ("hainan", "46", "海口市"), ("chongqing", "50", "重庆市"), ("sichuan", "51", "成都市"), ("guizhou", "52", "贵阳市"),
        ("yunnan", "53", "昆明市"), ("tibet", "54", "拉萨市"), ("shaanxi", "61", "西安市"), ("gansu", "62", "兰州市"),
        ("qinghai", "63", "西宁市"), ("ningxia", "64", "银川市"), ("xinjiang", "65", "乌鲁木齐市"),
    ];

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "婷"];
    private static readonly int[] ResidentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private long next = (long)seed * 1_000_003;

    public static IReadOnlyList<string> ProvinceIds { get; } = Provinces.Select(p => p.Id).ToArray();

    /// <summary>The most websites <see cref="Company"/> gives one subject: enough people numbers stay unique up to it.</summary>
    public const int MaxWebsites = 8;

    /// <summary>
    /// A registration of <paramref name="domain"/> that passes every check of the administration: to the filing's
    /// subject itself, real-name verified, through an approved registrar, until <paramref name="expiresAt"/>.
    /// </summary>
    public static DomainRegistration Registration(Filing filing, string domain, DateTimeOffset expiresAt) => new()
    {
        Domain = domain,
        Registrar = "alibaba-cloud",
        RegistrantName = filing.Subject.Name,
        RegistrantCertificateType = filing.Subject.CertificateType,
        RegistrantCertificateNumber = filing.Subject.CertificateNumber,
        RealNameVerified = true,
        ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(expiresAt),
    };

    /// <summary>The (first) domain of the <paramref name="index"/>-th company a fresh generator of this seed makes.</summary>
    public static string CompanyDomain(int seed, long index) => $"s{seed}-c{(long)seed * 1_000_003 + index + 1}.cn";

    /// <summary>
    /// A company (nature 4, unified social credit code) with one website (or up to <see cref="MaxWebsites"/>), each
    /// administered by someone other than the leader, with a mobile of their own.
    /// </summary>
    public Filing Company(string province = "zhejiang", int websites = 1) => Company(Next(), Province(province), websites);

    /// <summary>
    /// A company as <see cref="Company(string, int)"/> makes it, in a province picked by its number: the generator's
    /// n-th company is the same whichever thread asks for it, so a seed makes the same filings in every run.
    /// </summary>
    public Filing CompanyInTurn()
    {
        var n = Next();
        return Company(n, Provinces[(int)(n % Provinces.Length)], websites: 1);
    }

    private Filing Company(long n, (string Id, string Code, string City) p, int websites)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(websites, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(websites, MaxWebsites);
        var slug = $"s{seed}-c{n}";
        var leader = NewPerson(p.Code, n, 0);
        var admin = NewPerson(p.Code, n, 1);
        var filing = new Filing
        {
            Subject = new Subject
            {
                Nature = 4,
                Name = $"{p.City[..^1]}示例{Base31(n, 6)}科技有限公司",
                CertificateType = 13,
                CertificateNumber = CreditCode(p.Code, n),
                Province = p.Id,
                CertificateAddress = Address(p, n),
                MailingAddress = Address(p, n),
                Leader = leader,
            },
            Services = { Website($"示例{Base31(n, 6)}官网", $"{slug}.cn", "企业门户网站", admin) },
        };
        for (var i = 2; i <= websites; i++)
        {
            filing.Services.Add(Website($"示例{Base31(n, 6)}分站{i}", $"{slug}-{i}.cn", "企业产品介绍", NewPerson(p.Code, n, i)));
        }
        return filing;
    }

    /// <summary>An individual (nature 5) running one personal website, as their own entity leader and administrator.</summary>
    public Filing Individual(string province = "beijing")
    {
        var n = Next();
        var p = Province(province);
        var person = NewPerson(p.Code, n, 0);
        return new Filing
        {
            Subject = new Subject
            {
                Nature = 5,
                Name = person.Name,
                CertificateType = 2,
                CertificateNumber = person.CertificateNumber,
                Province = p.Id,
                CertificateAddress = Address(p, n),
                MailingAddress = Address(p, n),
                Leader = person,
            },
            Services = { Website($"{person.Name}的技术笔记", $"s{seed}-p{n}.cn", "个人技术文章", person) },
        };
    }

    /// <summary>A resident ID with a correct check character: area code, birth date, sequence, check.</summary>
    public static string ResidentId(string areaCode6, DateOnly born, int sequence)
    {
        var first17 = $"{areaCode6}{born:yyyyMMdd}{sequence % 1000:D3}";
        var sum = first17.Select((c, i) => (c - '0') * ResidentWeights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>A unified social credit code with a correct check character.</summary>
    public static string CreditCode(string provinceCode2, long n)
    {
        var first17 = $"91{provinceCode2}0100MA{Base31(n, 7)}";
        var sum = first17.Select((c, i) => CreditAlphabet.IndexOf(c) * CreditWeights[i]).Sum();
        return first17 + CreditAlphabet[(31 - sum % 31) % 31];
    }

    private long Next() => Interlocked.Increment(ref next);

    private static Person NewPerson(string provinceCode, long n, int which)
    {
        var name = Surnames[(int)((n + which) % Surnames.Length)] + GivenNames[(int)((n * 7 + which) % GivenNames.Length)];
        var born = new DateOnly(1970, 1, 1).AddDays((int)((n * 31 + which * 977) % 12_000));
        // The sequence is taken modulo 1000 before the cast: large seeds make n overflow an int.
        var id = ResidentId($"{provinceCode}0102", born, (int)((n + which) % 1000));
        // 138 and 189 are China Mobile and China Telecom: two people, two carriers, two sender numbers. The
        // administrators of further websites get China Telecom's 133, numbered apart from everyone else's.
        var mobile = which switch
        {
            0 => $"138{n * 2 % 100_000_000:D8}",
            1 => $"189{(n * 2 + 1) % 100_000_000:D8}",
            _ => $"133{(n * 10 + which) % 100_000_000:D8}",
        };
        return new Person
        {
            Name = name,
            CertificateType = 2,
            CertificateNumber = id,
            Mobile = mobile,
            Email = $"p{n}x{which}@example.com",
        };
    }

    private static Service Website(string name, string domain, string content, Person administrator) => new()
    {
        Kind = ServiceKind.Website,
        Name = name,
        Domains = { domain },
        HomeUrl = $"https://www.{domain}/",
        Languages = { 1 },
        ServiceContent = content,
        Administrator = administrator,
    };

    private static Address Address((string Id, string Code, string City) p, long n) =>
        new() { Province = p.Id, City = p.City, Detail = $"示例路{n % 999 + 1}号" };

    private static (string Id, string Code, string City) Province(string id) =>
        Provinces.FirstOrDefault(p => p.Id == id) is { Id: not null } p ? p : throw new ArgumentException($"Unknown province '{id}'.", nameof(id));

    private static string Base31(long n, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = CreditAlphabet[(int)(n % 31)];
            n /= 31;
        }
        return new string(chars);
    }
}
