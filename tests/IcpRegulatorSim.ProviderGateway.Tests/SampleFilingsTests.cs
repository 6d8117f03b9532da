using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// The generator of valid filings. Its check characters are verified against the algorithms as domain.md states
/// them (re-implemented here, not borrowed from the generator), and its output against the real regulator.
/// </summary>
public sealed class SampleFilingsTests
{
    [Fact]
    public void The_same_seed_gives_the_same_filings_in_the_same_order()
    {
        var first = new SampleFilings(seed: 42);
        var second = new SampleFilings(seed: 42);

        for (var i = 0; i < 20; i++)
        {
            var province = SampleFilings.ProvinceIds[i % SampleFilings.ProvinceIds.Count];
            Assert.Equal(first.Company(province), second.Company(province));
            Assert.Equal(first.Individual(province), second.Individual(province));
        }
    }

    [Fact]
    public void Companies_in_turn_are_the_same_whichever_threads_ask_for_them_and_go_round_every_province()
    {
        var inOrder = new SampleFilings(seed: 6);
        var concurrent = new SampleFilings(seed: 6);
        var expected = Enumerable.Range(0, 400).Select(_ => inOrder.CompanyInTurn()).ToList();

        var made = new System.Collections.Concurrent.ConcurrentBag<Filing>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => made.Add(concurrent.CompanyInTurn()));

        Assert.Equal(expected, made.OrderBy(f => expected.FindIndex(e => e.Equals(f))));
        Assert.Equal(SampleFilings.ProvinceIds.Order(), expected.Select(f => f.Subject.Province).Distinct().Order());
    }

    [Fact]
    public void Different_seeds_give_different_filings()
    {
        var a = new SampleFilings(seed: 1).Company();
        var b = new SampleFilings(seed: 2).Company();

        Assert.NotEqual(a.Subject.CertificateNumber, b.Subject.CertificateNumber);
        Assert.NotEqual(a.Services[0].Domains[0], b.Services[0].Domains[0]);
        Assert.NotEqual(a.Subject.Leader.Mobile, b.Subject.Leader.Mobile);
    }

    [Fact]
    public void Subjects_people_mobiles_and_domains_never_repeat_across_many_filings()
    {
        var samples = new SampleFilings(seed: 9);
        var filings = Enumerable.Range(0, 1500)
            .Select(i => i % 2 == 0
                ? samples.Company(SampleFilings.ProvinceIds[i % SampleFilings.ProvinceIds.Count])
                : samples.Individual(SampleFilings.ProvinceIds[i % SampleFilings.ProvinceIds.Count]))
            .ToList();
        var people = filings.SelectMany(People).DistinctBy(p => (p.Name, p.CertificateNumber, p.Mobile)).ToList();

        AssertUnique(filings.Select(f => f.Subject.CertificateNumber));
        AssertUnique(filings.Select(f => f.Subject.Name).Where((_, i) => i % 2 == 0));
        AssertUnique(filings.SelectMany(f => f.Services.SelectMany(s => s.Domains)));
        AssertUnique(people.Select(p => p.CertificateNumber));
        AssertUnique(people.Select(p => p.Mobile));
        AssertUnique(people.Select(p => p.Email));
    }

    [Fact]
    public void Two_generators_with_different_seeds_do_not_collide()
    {
        var filings = new[] { 1, 2, 3 }
            .SelectMany(seed =>
            {
                var samples = new SampleFilings(seed);
                return Enumerable.Range(0, 200).Select(_ => samples.Company()).ToList();
            })
            .ToList();

        AssertUnique(filings.Select(f => f.Services[0].Domains[0]));
        AssertUnique(filings.Select(f => f.Subject.CertificateNumber));
        AssertUnique(filings.Select(f => f.Subject.Leader.Mobile));
    }

    [Fact]
    public void Every_certificate_number_carries_a_valid_check_character()
    {
        var samples = new SampleFilings(seed: 11);
        foreach (var province in SampleFilings.ProvinceIds)
        {
            for (var i = 0; i < 20; i++)
            {
                var company = samples.Company(province);
                Assert.True(IsCreditCode(company.Subject.CertificateNumber), company.Subject.CertificateNumber);
                var individual = samples.Individual(province);
                foreach (var person in People(company).Concat(People(individual)))
                {
                    Assert.True(IsResidentId(person.CertificateNumber), person.CertificateNumber);
                }
            }
        }
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("330106198503071238")]
    [InlineData("110105199208150037")]
    public void ResidentId_computes_the_check_character_of_known_numbers(string known) =>
        Assert.Equal(known, SampleFilings.ResidentId(known[..6], DateOnly.ParseExact(known[6..14], "yyyyMMdd"), int.Parse(known[14..17])));

    [Fact]
    public void CreditCode_gives_eighteen_characters_from_the_gb32100_alphabet()
    {
        for (var n = 0L; n < 2000; n += 7)
        {
            var code = SampleFilings.CreditCode("33", n);
            Assert.Equal(18, code.Length);
            Assert.All(code, c => Assert.Contains(c, CreditAlphabet));
            Assert.True(IsCreditCode(code), code);
        }
    }

    [Fact]
    public void The_check_implementations_of_this_test_reject_a_changed_character()
    {
        // Without this the checks above could pass by accepting everything.
        Assert.True(IsResidentId("11010519491231002X"));
        Assert.False(IsResidentId("110105194912310021"));
        Assert.True(IsCreditCode("91350100M000100Y43"));
        Assert.False(IsCreditCode("91350100M000100Y44"));
    }

    [Fact]
    public void A_company_has_a_leader_and_an_administrator_with_different_mobiles_and_certificates()
    {
        var filing = new SampleFilings(seed: 5).Company("guangdong");
        var leader = filing.Subject.Leader;
        var admin = Assert.Single(filing.Services).Administrator;

        Assert.Equal(4, filing.Subject.Nature);
        Assert.Equal(13, filing.Subject.CertificateType);
        Assert.Equal("guangdong", filing.Subject.Province);
        Assert.NotEqual(leader.Mobile, admin.Mobile);
        Assert.NotEqual(leader.CertificateNumber, admin.CertificateNumber);
        Assert.NotEqual(filing.Subject.CertificateNumber, leader.CertificateNumber);
        Assert.Matches(@"^1\d{10}$", leader.Mobile);
        Assert.Matches(@"^1\d{10}$", admin.Mobile);
        // The first two digits of the credit code's area and of each resident ID are the province's.
        Assert.Equal("44", filing.Subject.CertificateNumber[2..4]);
        Assert.StartsWith("44", leader.CertificateNumber);
    }

    [Fact]
    public void A_company_with_several_websites_gives_each_its_own_domain_and_administrator()
    {
        var samples = new SampleFilings(seed: 5);
        var one = samples.Company("zhejiang");
        var filing = samples.Company("zhejiang", websites: SampleFilings.MaxWebsites);
        var next = samples.Company("zhejiang", websites: SampleFilings.MaxWebsites);

        Assert.Equal(SampleFilings.MaxWebsites, filing.Services.Count);
        var everyone = new[] { one, filing, next }.SelectMany(People).ToList();
        AssertUnique(everyone.Select(p => p.Mobile));
        AssertUnique(everyone.Select(p => p.CertificateNumber));
        AssertUnique(new[] { one, filing, next }.SelectMany(f => f.Services.SelectMany(s => s.Domains)));
        Assert.All(filing.Services, s => Assert.Equal($"https://www.{s.Domains[0]}/", s.HomeUrl));
        Assert.All(People(filing), p => Assert.True(IsResidentId(p.CertificateNumber), p.CertificateNumber));
        Assert.Throws<ArgumentOutOfRangeException>(() => samples.Company(websites: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => samples.Company(websites: SampleFilings.MaxWebsites + 1));
    }

    [Fact]
    public void A_large_seed_still_gives_valid_certificate_numbers()
    {
        var filing = new SampleFilings(seed: int.MaxValue).Company();

        Assert.All(People(filing), p => Assert.True(IsResidentId(p.CertificateNumber), p.CertificateNumber));
        Assert.True(IsCreditCode(filing.Subject.CertificateNumber), filing.Subject.CertificateNumber);
    }

    [Fact]
    public void An_individual_is_one_person_as_subject_leader_and_administrator()
    {
        var filing = new SampleFilings(seed: 5).Individual("beijing");
        var person = filing.Subject.Leader;

        Assert.Equal(5, filing.Subject.Nature);
        Assert.Equal(2, filing.Subject.CertificateType);
        Assert.Equal(person.Name, filing.Subject.Name);
        Assert.Equal(person.CertificateNumber, filing.Subject.CertificateNumber);
        Assert.Equal(person, Assert.Single(filing.Services).Administrator);
    }

    [Fact]
    public void Addresses_and_home_urls_agree_with_the_filing()
    {
        var filing = new SampleFilings(seed: 6).Company("hunan");
        var website = filing.Services[0];

        Assert.Equal("hunan", filing.Subject.CertificateAddress.Province);
        Assert.Equal("hunan", filing.Subject.MailingAddress.Province);
        Assert.Equal($"https://www.{website.Domains[0]}/", website.HomeUrl);
    }

    [Fact]
    public void An_unknown_province_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SampleFilings().Company("atlantis"));
        Assert.Contains("atlantis", e.Message);
    }

    [Fact]
    public async Task The_regulator_accepts_a_company_an_individual_and_a_company_with_three_websites_from_every_province()
    {
        await using var server = await RegulatorServer.StartAsync();
        var gateway = server.Gateway();
        var samples = new SampleFilings(seed: 77);

        foreach (var province in SampleFilings.ProvinceIds)
        {
            foreach (var filing in new[] { samples.Company(province), samples.Individual(province), samples.Company(province, websites: 3) })
            {
                var order = (await gateway.SubmitAsync(filing)).Order;
                Assert.Equal(FilingType.Initial, order.Type);
                Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
            }
        }

        var listed = await gateway.ListFilingsAsync(pageSize: 1000);
        Assert.Equal(3 * SampleFilings.ProvinceIds.Count, listed.Orders.Count);
    }

    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // domain.md: weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2; Σ mod 11 indexes "10X98765432".
    private static bool IsResidentId(string id)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }
        return id[17] == "10X98765432"[sum % 11];
    }

    // domain.md: weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28; check = 31 − (Σ mod 31), 31 → 0.
    private static bool IsCreditCode(string code)
    {
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        if (code.Length != 18 || code.Any(c => !CreditAlphabet.Contains(c)))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CreditAlphabet.IndexOf(code[i]) * weights[i];
        }
        var check = 31 - sum % 31;
        return code[17] == CreditAlphabet[check == 31 ? 0 : check];
    }

    private static IEnumerable<Person> People(Filing filing) =>
        filing.Services.Select(s => s.Administrator).Prepend(filing.Subject.Leader);

    private static void AssertUnique(IEnumerable<string> values)
    {
        var duplicates = values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Repeated: {string.Join(", ", duplicates.Take(5))}");
    }
}
