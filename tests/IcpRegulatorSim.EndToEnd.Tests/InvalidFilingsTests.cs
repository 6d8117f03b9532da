using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Xunit.Abstractions;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// The administration's checks on submission, as a table: each case is one small mutation of a valid generated filing,
/// submitted through the gateway, and names the status, every field path and every reason code the regulator must
/// answer. The table shares one server only because every case also asserts the refusal changed nothing (no order,
/// no message); the valid filings, which do change state, each start their own.
/// </summary>
public sealed class InvalidFilingsTests(InvalidFilingsTests.SharedServer shared) : IClassFixture<InvalidFilingsTests.SharedServer>
{
    private const string SubjectNumber = "浙ICP备2024012345号";
    private const string ServiceNumber = "浙ICP备2024012345号-1";

    private ProviderGatewayClient Gateway => shared.Gateway;

    public static TheoryData<FilingCase> InvalidCases => new(FilingCase.Invalid);

    public static TheoryData<FilingCase> ValidCases => new(FilingCase.Valid);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task An_invalid_filing_is_refused_naming_every_field_and_reason_and_changes_nothing(FilingCase invalid)
    {
        var e = await Assert.ThrowsAnyAsync<RegulatorCallException>(() => Gateway.SubmitAsync(invalid.Build(new SampleFilings())));

        Assert.Equal(invalid.Status, e.StatusCode);
        Assert.IsType<InvalidRequestException>(e);
        Assert.Equal("INVALID_REQUEST", e.Reason);
        Assert.Equal(Sorted(invalid.Expected), Sorted(e.FieldProblems.Select(p => $"{p.Field} {p.Reason}")));
        Assert.All(e.FieldProblems, p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.DescriptionZh));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_filing_with_several_problems_reports_all_of_them_at_once()
    {
        var filing = new SampleFilings().Company();
        filing.Subject.CertificateNumber = OtherCheckCharacter(filing.Subject.CertificateNumber, CreditAlphabet);
        filing.Subject.MailingAddress.Province = "jiangsu";
        filing.Subject.Leader.Mobile = "2380013800";
        filing.Subject.Leader.Email = "leader-at-example.com";
        var website = filing.Services[0];
        website.Name = "中国示例论坛";
        website.Domains.Add("example.hk");
        website.HomeUrl = "ftp://" + website.Domains[0] + "/";
        website.Languages.Clear();
        website.Administrator.CertificateType = 99;

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SubmitAsync(filing));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(
            Sorted([
                "filing.subject.certificate_number INVALID_CHECKSUM",
                "filing.subject.mailing_address.province PROVINCE_MISMATCH",
                "filing.subject.leader.mobile INVALID_FORMAT",
                "filing.subject.leader.email INVALID_FORMAT",
                "filing.services[0].name STATE_WORD",
                "filing.services[0].pre_approvals PRE_APPROVAL_REQUIRED",
                "filing.services[0].domains[1] TLD_NOT_APPROVED",
                "filing.services[0].home_url INVALID_FORMAT",
                "filing.services[0].languages REQUIRED",
                "filing.services[0].administrator.certificate_type UNKNOWN_CODE",
            ]),
            Sorted(e.FieldProblems.Select(p => $"{p.Field} {p.Reason}")));
        Assert.NotEmpty(e.MessageZh);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public async Task A_valid_filing_is_accepted_as_an_initial_filing_awaiting_sms_validation(FilingCase valid)
    {
        // Accepting changes state, so each valid filing has a server of its own.
        await using var server = await RegulatorServer.StartAsync();
        var order = (await server.Gateway().SubmitAsync(valid.Build(new SampleFilings()))).Order;

        Assert.Equal(FilingType.Initial, order.Type);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        Assert.Empty((await Gateway.ListMessagesAsync()).Messages);
    }

    private static List<string> Sorted(IEnumerable<string> items) => items.Order(StringComparer.Ordinal).ToList();

    /// <summary>The one server the table of refusals shares: nothing a refusal does may show on it.</summary>
    public sealed class SharedServer : IAsyncLifetime
    {
        public RegulatorServer Server { get; private set; } = null!;
        public ProviderGatewayClient Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await RegulatorServer.StartAsync();
            Gateway = Server.Gateway();
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    /// <summary>
    /// A named filing and what the regulator must answer to it. Only the name travels to the test runner, so each case
    /// shows as its own test; the rest is looked up by name.
    /// </summary>
    public sealed class FilingCase : IXunitSerializable
    {
        /// <summary>For the test runner, which rebuilds a case from its name.</summary>
        public FilingCase()
        {
        }

        private FilingCase(string name, Func<SampleFilings, SubmitFilingRequest> build, IReadOnlyList<string> expected)
        {
            Name = name;
            Build = build;
            Expected = expected;
        }

        public string Name { get; private set; } = "";

        public Func<SampleFilings, SubmitFilingRequest> Build { get; private set; } = _ => new SubmitFilingRequest();

        /// <summary>The status of every refusal in the table: they are all about the request's own data.</summary>
        public StatusCode Status { get; } = StatusCode.InvalidArgument;

        /// <summary>Every violation the answer must list, each as "field REASON", and no other.</summary>
        public IReadOnlyList<string> Expected { get; private set; } = [];

        public static IReadOnlyList<FilingCase> Invalid { get; } = InvalidFilings().ToList();

        public static IReadOnlyList<FilingCase> Valid { get; } = ValidFilings().ToList();

        private static readonly Dictionary<string, FilingCase> ByName = Invalid.Concat(Valid).ToDictionary(c => c.Name);

        public static FilingCase Refused(string name, Func<SampleFilings, SubmitFilingRequest> build, params string[] expected) =>
            new(name, build, expected);

        public static FilingCase Accepted(string name, Func<SampleFilings, SubmitFilingRequest> build) => new(name, build, []);

        public void Serialize(IXunitSerializationInfo info) => info.AddValue("name", Name);

        public void Deserialize(IXunitSerializationInfo info)
        {
            var known = ByName[info.GetValue<string>("name")];
            (Name, Build, Expected) = (known.Name, known.Build, known.Expected);
        }

        public override string ToString() => Name;
    }

    // ---- The table ----

    private static IEnumerable<FilingCase> InvalidFilings() =>
    [
        .. OrderShapes(),
        .. SubjectData(),
        .. Certificates(),
        .. Natures(),
        .. People(),
        .. Addresses(),
        .. Domains(),
        .. HomeUrls(),
        .. Services(),
        .. Apps(),
        .. Words(),
        .. Lengths(),
    ];

    private static IEnumerable<FilingCase> OrderShapes() =>
    [
        Order("CANCEL_SUBJECT carrying the subject's data", s => new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject, SubjectNumber = SubjectNumber, FilingPassword = "pw", Filing = new Filing { Subject = s.Company().Subject },
        }, "filing.subject NOT_ALLOWED"),
        Order("CANCEL_SUBJECT carrying services", s => new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject, SubjectNumber = SubjectNumber, FilingPassword = "pw", Filing = new Filing { Services = { s.Company().Services } },
        }, "filing.services NOT_ALLOWED"),
        Order("CANCEL_SUBJECT without the filing password", _ => new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject, SubjectNumber = SubjectNumber,
        }, "filing_password REQUIRED"),
        Order("CANCEL_SUBJECT without the subject number", _ => new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject, FilingPassword = "pw",
        }, "subject_number REQUIRED"),
        Order("CANCEL_SUBJECT naming a service number as the subject", _ => new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject, SubjectNumber = ServiceNumber, FilingPassword = "pw",
        }, "subject_number INVALID_FORMAT"),
        Order("filing.subject number with 3 digits", _ => new SubmitFilingRequest
        {
            Type = FilingType.CancelSubject, SubjectNumber = "浙ICP备123号", FilingPassword = "pw",
        }, "subject_number INVALID_FORMAT"),
        Order("filing.subject number with a Latin province abbreviation", s => new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject, SubjectNumber = "ZJICP备2024012345号", Filing = new Filing { Subject = s.Company().Subject },
        }, "subject_number INVALID_FORMAT"),
        Order("ADD_ACCESS without the filing password", _ => new SubmitFilingRequest
        {
            Type = FilingType.AddAccess, ServiceNumbers = { ServiceNumber },
        }, "filing_password REQUIRED"),
        Order("ADD_ACCESS without service numbers", _ => new SubmitFilingRequest
        {
            Type = FilingType.AddAccess, FilingPassword = "pw",
        }, "service_numbers REQUIRED"),
        Order("ADD_ACCESS carrying subject data it may not modify", s => new SubmitFilingRequest
        {
            Type = FilingType.AddAccess, ServiceNumbers = { ServiceNumber }, FilingPassword = "pw", Filing = new Filing { Subject = s.Company().Subject },
        }, "filing.subject NOT_ALLOWED"),
        Order("CANCEL_ACCESS carrying a filing password", _ => new SubmitFilingRequest
        {
            Type = FilingType.CancelAccess, ServiceNumbers = { ServiceNumber }, FilingPassword = "pw",
        }, "filing_password NOT_ALLOWED"),
        Order("CANCEL_SERVICE naming a subject number as a service", _ => new SubmitFilingRequest
        {
            Type = FilingType.CancelService, ServiceNumbers = { SubjectNumber }, FilingPassword = "pw",
        }, "service_numbers[0] INVALID_FORMAT"),
        Order("CANCEL_SERVICE naming one service twice", _ => new SubmitFilingRequest
        {
            Type = FilingType.CancelService, ServiceNumbers = { ServiceNumber, ServiceNumber }, FilingPassword = "pw",
        }, "service_numbers[1] DUPLICATE"),
        Order("INITIAL carrying a subject number", s => new SubmitFilingRequest
        {
            Type = FilingType.Initial, SubjectNumber = SubjectNumber, Filing = s.Company(),
        }, "subject_number NOT_ALLOWED"),
        Order("INITIAL carrying service numbers", s => new SubmitFilingRequest
        {
            Type = FilingType.Initial, ServiceNumbers = { ServiceNumber }, Filing = s.Company(),
        }, "service_numbers NOT_ALLOWED"),
        Order("unspecified type carrying a filing password", s => new SubmitFilingRequest
        {
            Filing = s.Company(), FilingPassword = "pw",
        }, "filing_password NOT_ALLOWED"),
        Order("CHANGE_SUBJECT carrying services", s => new SubmitFilingRequest
        {
            Type = FilingType.ChangeSubject, SubjectNumber = SubjectNumber, Filing = s.Company(),
        }, "filing.services NOT_ALLOWED"),
        Order("CHANGE_SERVICE without the number of the changed service", s => new SubmitFilingRequest
        {
            Type = FilingType.ChangeService, SubjectNumber = SubjectNumber, Filing = new Filing { Services = { s.Company().Services } },
        }, "filing.services[0].service_number REQUIRED"),
        Order("CHANGE_SERVICE without the subject number", s => new SubmitFilingRequest
        {
            Type = FilingType.ChangeService, Filing = new Filing { Services = { Numbered(s.Company().Services[0]) } },
        }, "subject_number REQUIRED"),
        Order("unknown filing type 42", s => new SubmitFilingRequest { Type = (FilingType)42, Filing = s.Company() }, "type UNKNOWN_CODE"),
        Company("INITIAL website carrying a service number", f => f.Services[0].ServiceNumber = ServiceNumber, "filing.services[0].service_number NOT_ALLOWED"),
        Order("no subject", s => new SubmitFilingRequest { Filing = new Filing { Services = { s.Company().Services } } }, "filing.subject REQUIRED"),
        Company("no services", f => f.Services.Clear(), "filing.services REQUIRED"),
        Company("51 services", f =>
        {
            for (var i = 0; i < 50; i++)
            {
                f.Services.Add(f.Services[0].Clone());
            }
        }, "filing.services TOO_MANY"),
    ];

    private static IEnumerable<FilingCase> SubjectData() =>
    [
        Company("filing.subject name empty", f => f.Subject.Name = " ", "filing.subject.name REQUIRED"),
        Company("filing.subject certificate number empty", f => f.Subject.CertificateNumber = "", "filing.subject.certificate_number REQUIRED"),
        Company("filing.subject province unknown", f => f.Subject.Province = "atlantis", "filing.subject.province UNKNOWN_PROVINCE"),
        Company("filing.subject province empty", f => f.Subject.Province = "", "filing.subject.province REQUIRED"),
        Company("filing.subject nature 0", f => f.Subject.Nature = 0, "filing.subject.nature UNKNOWN_CODE"),
        Company("filing.subject nature 7, a gap in the table", f => f.Subject.Nature = 7, "filing.subject.nature UNKNOWN_CODE"),
        Company("filing.subject certificate type 99", f => f.Subject.CertificateType = 99, "filing.subject.certificate_type UNKNOWN_CODE"),
    ];

    private static IEnumerable<FilingCase> Certificates() =>
    [
        Company("credit code with a wrong check character",
            f => f.Subject.CertificateNumber = OtherCheckCharacter(f.Subject.CertificateNumber, CreditAlphabet), "filing.subject.certificate_number INVALID_CHECKSUM"),
        .. "IOSVZ".Select(letter => Company($"credit code containing {letter}, which GB 32100 leaves out",
            f => f.Subject.CertificateNumber = f.Subject.CertificateNumber[..9] + letter + f.Subject.CertificateNumber[10..],
            "filing.subject.certificate_number INVALID_CHECKSUM")),
        Company("credit code of 17 characters", f => f.Subject.CertificateNumber = f.Subject.CertificateNumber[..17], "filing.subject.certificate_number INVALID_CHECKSUM"),
        Company("leader resident ID with a wrong check character",
            f => f.Subject.Leader.CertificateNumber = OtherCheckCharacter(f.Subject.Leader.CertificateNumber, ResidentChecks),
            "filing.subject.leader.certificate_number INVALID_CHECKSUM"),
        Company("leader resident ID of the old 15-digit form",
            f => f.Subject.Leader.CertificateNumber = "110102700101123", "filing.subject.leader.certificate_number INVALID_CHECKSUM"),
        Company("leader resident ID with a letter in its body",
            f => f.Subject.Leader.CertificateNumber = "11010219A001011234", "filing.subject.leader.certificate_number INVALID_CHECKSUM"),
        Company("leader resident ID born on 1999-13-32",
            f => f.Subject.Leader.CertificateNumber = ResidentId("110102", "19991332", "123"), "filing.subject.leader.certificate_number IMPLAUSIBLE_BIRTH_DATE"),
        Company("leader resident ID born after today",
            f => f.Subject.Leader.CertificateNumber = ResidentId("110102", "20300101", "123"), "filing.subject.leader.certificate_number IMPLAUSIBLE_BIRTH_DATE"),
        Company("leader resident ID born before 1900",
            f => f.Subject.Leader.CertificateNumber = ResidentId("110102", "18991231", "123"), "filing.subject.leader.certificate_number IMPLAUSIBLE_BIRTH_DATE"),
        Individual("individual's resident ID born on 1999-02-30", f =>
        {
            f.Subject.CertificateNumber = f.Subject.Leader.CertificateNumber = ResidentId("110102", "19990230", "123");
        }, "filing.subject.certificate_number IMPLAUSIBLE_BIRTH_DATE", "filing.subject.leader.certificate_number IMPLAUSIBLE_BIRTH_DATE"),
        Company("leader certificate type 99", f => f.Subject.Leader.CertificateType = 99, "filing.subject.leader.certificate_type UNKNOWN_CODE"),
        Company("leader holding a subject certificate type (13)", f => f.Subject.Leader.CertificateType = 13, "filing.subject.leader.certificate_type UNKNOWN_CODE"),
        Leader("passport of 4 characters", 7, "E123", "INVALID_FORMAT"),
        Leader("passport with a hyphen", 7, "E1234-5678", "INVALID_FORMAT"),
        Leader("passport of 18 characters", 7, "E12345678901234567", "INVALID_FORMAT"),
        Leader("Hong Kong and Macao travel permit of 7 digits", 14, "H1234567", "INVALID_FORMAT"),
        Leader("Hong Kong and Macao travel permit starting with C", 14, "C12345678", "INVALID_FORMAT"),
        Leader("Taiwan travel permit of 7 digits", 11, "1234567", "INVALID_FORMAT"),
        Leader("Taiwan travel permit with a one-character suffix", 11, "12345678A", "INVALID_FORMAT"),
        Leader("foreign permanent resident ID with 2 letters", 30, "AB123456789012", "INVALID_FORMAT"),
        Leader("new foreign permanent resident ID not starting with 9", 30, "812345678901234567", "INVALID_FORMAT"),
        Company("Hong Kong and Macao residence permit with a wrong check character", f =>
        {
            f.Subject.Leader.CertificateType = 41;
            f.Subject.Leader.CertificateNumber = OtherCheckCharacter(ResidentId("810000", "19900101", "123"), ResidentChecks);
        }, "filing.subject.leader.certificate_number INVALID_CHECKSUM"),
        Company("administrator resident ID with a wrong check character",
            f => f.Services[0].Administrator.CertificateNumber = OtherCheckCharacter(f.Services[0].Administrator.CertificateNumber, ResidentChecks),
            "filing.services[0].administrator.certificate_number INVALID_CHECKSUM"),
        Company("administrator certificate number empty", f => f.Services[0].Administrator.CertificateNumber = "",
            "filing.services[0].administrator.certificate_number REQUIRED"),
        Company("administrator certificate type 99", f => f.Services[0].Administrator.CertificateType = 99,
            "filing.services[0].administrator.certificate_type UNKNOWN_CODE"),
    ];

    private static IEnumerable<FilingCase> Natures() =>
    [
        Company("enterprise with a public institution certificate (4)", f => f.Subject.CertificateType = 4, "filing.subject.certificate_type NOT_FOR_NATURE"),
        Company("public institution (3) with a business licence (1)", f =>
        {
            f.Subject.Nature = 3;
            f.Subject.CertificateType = 1;
        }, "filing.subject.certificate_type NOT_FOR_NATURE"),
        Company("foundation (10) with a social organization certificate (6)", f =>
        {
            f.Subject.Nature = 10;
            f.Subject.CertificateType = 6;
        }, "filing.subject.certificate_type NOT_FOR_NATURE"),
        Company("enterprise identified by its leader's resident ID", f =>
        {
            f.Subject.CertificateType = 2;
            f.Subject.CertificateNumber = f.Subject.Leader.CertificateNumber;
        }, "filing.subject.certificate_type UNKNOWN_CODE"),
        Individual("individual with an enterprise certificate type (13)", f => f.Subject.CertificateType = 13, "filing.subject.certificate_type UNKNOWN_CODE"),
        Company("enterprise declared as an individual (nature 5)", f => f.Subject.Nature = 5,
            "filing.subject.certificate_type UNKNOWN_CODE",
            "filing.subject.leader.certificate_number INDIVIDUAL_MISMATCH",
            "filing.subject.leader.name INDIVIDUAL_MISMATCH",
            // The company's website is called 官网, which a personal site may not be.
            "filing.services[0].name ORGANIZATION_WORD"),
        Individual("individual whose entity leader has another certificate",
            f => f.Subject.Leader.CertificateNumber = ResidentId("110102", "19900101", "777"), "filing.subject.leader.certificate_number INDIVIDUAL_MISMATCH"),
        Individual("individual whose entity leader has another name", f => f.Subject.Leader.Name = "另一人", "filing.subject.leader.name INDIVIDUAL_MISMATCH"),
    ];

    private static IEnumerable<FilingCase> People() =>
    [
        Company("leader missing", f => f.Subject.Leader = null, "filing.subject.leader REQUIRED"),
        Company("administrator missing", f => f.Services[0].Administrator = null, "filing.services[0].administrator REQUIRED"),
        Company("leader name empty", f => f.Subject.Leader.Name = "", "filing.subject.leader.name REQUIRED"),
        Company("leader mobile of 10 digits", f => f.Subject.Leader.Mobile = "1380013800", "filing.subject.leader.mobile INVALID_FORMAT"),
        Company("leader mobile of 12 digits", f => f.Subject.Leader.Mobile = "138001380001", "filing.subject.leader.mobile INVALID_FORMAT"),
        Company("leader mobile starting with 2", f => f.Subject.Leader.Mobile = "23800138000", "filing.subject.leader.mobile INVALID_FORMAT"),
        Company("leader mobile with a country code", f => f.Subject.Leader.Mobile = "+8613800138000", "filing.subject.leader.mobile INVALID_FORMAT"),
        Company("leader mobile with a letter", f => f.Subject.Leader.Mobile = "1380013800O", "filing.subject.leader.mobile INVALID_FORMAT"),
        Company("leader mobile with prefix 140, no carrier's", f => f.Subject.Leader.Mobile = "14012345678", "filing.subject.leader.mobile UNKNOWN_PREFIX"),
        Company("administrator mobile with prefix 100, no carrier's", f => f.Services[0].Administrator.Mobile = "10012345678",
            "filing.services[0].administrator.mobile UNKNOWN_PREFIX"),
        Company("administrator mobile empty", f => f.Services[0].Administrator.Mobile = "", "filing.services[0].administrator.mobile REQUIRED"),
        Company("leader email without @", f => f.Subject.Leader.Email = "leader.example.com", "filing.subject.leader.email INVALID_FORMAT"),
        Company("leader email with two @", f => f.Subject.Leader.Email = "leader@mail@example.com", "filing.subject.leader.email INVALID_FORMAT"),
        Company("leader email with nothing before @", f => f.Subject.Leader.Email = "@example.com", "filing.subject.leader.email INVALID_FORMAT"),
        Company("leader email without a dot in its domain", f => f.Subject.Leader.Email = "leader@localhost", "filing.subject.leader.email INVALID_FORMAT"),
        Company("leader email ending in a dot", f => f.Subject.Leader.Email = "leader@example.com.", "filing.subject.leader.email INVALID_FORMAT"),
        Company("leader email with a space", f => f.Subject.Leader.Email = "lead er@example.com", "filing.subject.leader.email INVALID_FORMAT"),
        Company("leader email of 101 characters", f => f.Subject.Leader.Email = new string('a', 89) + "@example.com", "filing.subject.leader.email INVALID_FORMAT"),
        Company("administrator email empty", f => f.Services[0].Administrator.Email = "", "filing.services[0].administrator.email REQUIRED"),
    ];

    private static IEnumerable<FilingCase> Addresses() =>
    [
        Company("certificate address in another province", f => f.Subject.CertificateAddress.Province = "jiangsu",
            "filing.subject.certificate_address.province PROVINCE_MISMATCH"),
        Company("mailing address in another province, by abbreviation", f => f.Subject.MailingAddress.Province = "沪",
            "filing.subject.mailing_address.province PROVINCE_MISMATCH"),
        Company("mailing address in an unknown province", f => f.Subject.MailingAddress.Province = "火星", "filing.subject.mailing_address.province UNKNOWN_PROVINCE"),
        Company("certificate address without a province", f => f.Subject.CertificateAddress.Province = "", "filing.subject.certificate_address.province REQUIRED"),
        Company("certificate address without its detail", f => f.Subject.CertificateAddress.Detail = " ", "filing.subject.certificate_address.detail REQUIRED"),
        Company("mailing address missing", f => f.Subject.MailingAddress = null, "filing.subject.mailing_address REQUIRED"),
    ];

    private static IEnumerable<FilingCase> Domains() =>
    [
        Company("domain with a space", f => f.Services[0].Domains.Add("exa mple.cn"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain with a leading hyphen", f => f.Services[0].Domains.Add("-example.cn"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain with an underscore", f => f.Services[0].Domains.Add("ex_ample.cn"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain with an empty label", f => f.Services[0].Domains.Add("example..cn"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain of a single label", f => f.Services[0].Domains.Add("localhost"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain with a label of 64 characters", f => f.Services[0].Domains.Add(new string('a', 64) + ".cn"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain written as a URL", f => f.Services[0].Domains.Add("https://example.cn/"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain empty", f => f.Services[0].Domains.Add(""), "filing.services[0].domains[1] REQUIRED"),
        Company("domain made of an emoji", f => f.Services[0].Domains.Add("😀.cn"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("domain that is an IP address", f => f.Services[0].Domains.Add("192.168.1.10"), "filing.services[0].domains[1] INVALID_FORMAT"),
        Company("website name with a NUL character", f => f.Services[0].Name = "示例\0官网", "filing.services[0].name INVALID_CHARACTERS"),
        Company("filing.subject name with a line break", f => f.Subject.Name += "\n有限公司", "filing.subject.name INVALID_CHARACTERS"),
        .. new[] { "hk", "tw", "jp", "asia", "me" }.Select(tld => Company($"domain under .{tld}, not filable",
            f => f.Services[0].Domains.Add($"example.{tld}"), "filing.services[0].domains[1] TLD_NOT_APPROVED")),
        Company("the same domain twice in a website", f => f.Services[0].Domains.Add(f.Services[0].Domains[0]), "filing.services[0].domains[1] DUPLICATE"),
        Company("the same domain twice, once in capitals with a trailing dot",
            f => f.Services[0].Domains.Add(f.Services[0].Domains[0].ToUpperInvariant() + "."), "filing.services[0].domains[1] DUPLICATE"),
        Company("the same domain in two websites", f =>
        {
            var second = f.Services[0].Clone();
            second.Name = "第二个示例网站";
            f.Services.Add(second);
        }, "filing.services[1].domains[0] DUPLICATE"),
        Company("21 domains in a website", f =>
        {
            for (var i = 1; i <= 20; i++)
            {
                f.Services[0].Domains.Add($"more-{i}-{f.Services[0].Domains[0]}");
            }
        }, "filing.services[0].domains TOO_MANY"),
        Company("website without domains", f => f.Services[0].Domains.Clear(), "filing.services[0].domains REQUIRED", "filing.services[0].home_url NOT_ON_FILED_DOMAIN"),
    ];

    private static IEnumerable<FilingCase> HomeUrls() =>
    [
        Company("home URL over ftp", f => f.Services[0].HomeUrl = $"ftp://{f.Services[0].Domains[0]}/", "filing.services[0].home_url INVALID_FORMAT"),
        Company("home URL relative", f => f.Services[0].HomeUrl = "/index.html", "filing.services[0].home_url INVALID_FORMAT"),
        Company("home URL without a scheme", f => f.Services[0].HomeUrl = f.Services[0].Domains[0], "filing.services[0].home_url INVALID_FORMAT"),
        Company("home URL empty", f => f.Services[0].HomeUrl = "", "filing.services[0].home_url REQUIRED"),
        Company("home URL elsewhere", f => f.Services[0].HomeUrl = "https://elsewhere.cn/", "filing.services[0].home_url NOT_ON_FILED_DOMAIN"),
        Company("home URL on a name that merely ends like the domain",
            f => f.Services[0].HomeUrl = $"https://evil{f.Services[0].Domains[0]}/", "filing.services[0].home_url NOT_ON_FILED_DOMAIN"),
        Company("home URL hiding another host behind user info",
            f => f.Services[0].HomeUrl = $"https://{f.Services[0].Domains[0]}@elsewhere.cn/", "filing.services[0].home_url NOT_ON_FILED_DOMAIN"),
        Company("home URL on the parent of the filed www domain", f =>
        {
            var domain = f.Services[0].Domains[0];
            f.Services[0].Domains[0] = "www." + domain;
            f.Services[0].HomeUrl = $"https://{domain}/";
        }, "filing.services[0].home_url NOT_ON_FILED_DOMAIN"),
    ];

    private static IEnumerable<FilingCase> Services() =>
    [
        Company("service kind unspecified", f => f.Services[0].Kind = ServiceKind.Unspecified, "filing.services[0].kind REQUIRED"),
        Company("service kind 7", f => f.Services[0].Kind = (ServiceKind)7, "filing.services[0].kind UNKNOWN_CODE"),
        Company("service name empty", f => f.Services[0].Name = "", "filing.services[0].name REQUIRED"),
        Company("service content empty", f => f.Services[0].ServiceContent = " ", "filing.services[0].service_content REQUIRED"),
        Company("no language", f => f.Services[0].Languages.Clear(), "filing.services[0].languages REQUIRED"),
        Company("language 0", f => f.Services[0].Languages[0] = 0, "filing.services[0].languages[0] UNKNOWN_CODE"),
        Company("language 99 after a known one", f => f.Services[0].Languages.Add(99), "filing.services[0].languages[1] UNKNOWN_CODE"),
        Company("pre-approval of unknown type 7", f => f.Services[0].PreApprovals.Add(new PreApproval { Type = 7, Number = "京ICP证000001号" }),
            "filing.services[0].pre_approvals[0].type UNKNOWN_CODE"),
        Company("pre-approval without a number", f => f.Services[0].PreApprovals.Add(new PreApproval { Type = 1, Number = " " }),
            "filing.services[0].pre_approvals[0].number REQUIRED"),
        Company("21 pre-approvals", f =>
        {
            for (var i = 0; i < 21; i++)
            {
                f.Services[0].PreApprovals.Add(new PreApproval { Type = 1, Number = $"新闻{i}" });
            }
        }, "filing.services[0].pre_approvals TOO_MANY"),
    ];

    private static IEnumerable<FilingCase> Apps() =>
    [
        WithApp("app without its app data", app => app.App = null, "filing.services[1].app REQUIRED"),
        WithApp("app package name without a dot", app => app.App.PackageName = "notes", "filing.services[1].app.package_name INVALID_FORMAT"),
        WithApp("app package name with a segment starting with a digit", app => app.App.PackageName = "com.1example.notes",
            "filing.services[1].app.package_name INVALID_FORMAT"),
        WithApp("app package name with a hyphen", app => app.App.PackageName = "com.example-co.notes", "filing.services[1].app.package_name INVALID_FORMAT"),
        WithApp("app package name of 256 characters", app => app.App.PackageName = "com." + new string('a', 252), "filing.services[1].app.package_name INVALID_FORMAT"),
        WithApp("app package name empty", app => app.App.PackageName = "", "filing.services[1].app.package_name REQUIRED"),
        WithApp("app platform unspecified", app => app.App.Platform = AppPlatform.Unspecified, "filing.services[1].app.platform REQUIRED"),
        WithApp("app platform 9", app => app.App.Platform = (AppPlatform)9, "filing.services[1].app.platform UNKNOWN_CODE"),
        WithApp("app public key empty", app => app.App.PublicKey = "", "filing.services[1].app.public_key REQUIRED"),
        WithApp("app signature hash of 31 hex digits", app => app.App.SignatureHash = new string('a', 31), "filing.services[1].app.signature_hash INVALID_FORMAT"),
        WithApp("app signature hash not hex", app => app.App.SignatureHash = new string('g', 64), "filing.services[1].app.signature_hash INVALID_FORMAT"),
        WithApp("app signature hash empty", app => app.App.SignatureHash = "", "filing.services[1].app.signature_hash REQUIRED"),
        WithApp("app with a domain", app => app.Domains.Add("app-example.cn"), "filing.services[1].domains NOT_ALLOWED"),
        WithApp("app with a home URL", app => app.HomeUrl = "https://app-example.cn/", "filing.services[1].home_url NOT_ALLOWED"),
        Company("website with app data", f => f.Services[0].App = AppService(f.Services[0].Administrator).App, "filing.services[0].app NOT_ALLOWED"),
        Company("the same app twice", f =>
        {
            f.Services.Add(AppService(f.Services[0].Administrator));
            f.Services.Add(AppService(f.Services[0].Administrator));
        }, "filing.services[2].app.package_name DUPLICATE"),
    ];

    private static IEnumerable<FilingCase> Words() =>
    [
        .. new[] { "中国", "中华", "国家", "全国", "人民" }.Select(word => Company($"company website name with the state word {word}",
            f => f.Services[0].Name = $"{word}示例网", "filing.services[0].name STATE_WORD")),
        Individual("personal website name with the state word 中央", f => f.Services[0].Name = "中央示例笔记", "filing.services[0].name STATE_WORD"),
        Company("company forum (论坛) without a pre-approval", f => f.Services[0].Name = "示例技术论坛", "filing.services[0].pre_approvals PRE_APPROVAL_REQUIRED"),
        Company("company community (社区) with only a news pre-approval", f =>
        {
            f.Services[0].Name = "示例开发者社区";
            f.Services[0].PreApprovals.Add(new PreApproval { Type = 1, Number = "浙新闻备2024001号" });
        }, "filing.services[0].pre_approvals PRE_APPROVAL_REQUIRED"),
        Company("company bbs in lower case without a pre-approval", f => f.Services[0].Name = "示例bbs", "filing.services[0].pre_approvals PRE_APPROVAL_REQUIRED"),
        Individual("personal forum (论坛)", f => f.Services[0].Name = "我的技术论坛", "filing.services[0].name INTERACTIVE_FOR_INDIVIDUAL"),
        Individual("personal blog (博客), even with a bulletin pre-approval", f =>
        {
            f.Services[0].Name = "我的博客";
            f.Services[0].PreApprovals.Add(new PreApproval { Type = 6, Number = "京电公备2024001号" });
        }, "filing.services[0].name INTERACTIVE_FOR_INDIVIDUAL"),
        Individual("personal BBS", f => f.Services[0].Name = "个人BBS", "filing.services[0].name INTERACTIVE_FOR_INDIVIDUAL"),
        Individual("personal website name with a state word and a forum", f => f.Services[0].Name = "中国笔记论坛",
            "filing.services[0].name STATE_WORD", "filing.services[0].name INTERACTIVE_FOR_INDIVIDUAL"),
        .. new[] { "公司", "官网", "工作室", "商城" }.Select(word => Individual($"personal website name with the organization word {word}",
            f => f.Services[0].Name = $"我的{word}", "filing.services[0].name ORGANIZATION_WORD")),
        .. new[] { "购物", "广告", "代理" }.Select(word => Individual($"personal website content with the business word {word}",
            f => f.Services[0].ServiceContent = $"个人{word}信息", "filing.services[0].service_content BUSINESS_CONTENT")),
    ];

    private static IEnumerable<FilingCase> Lengths() =>
    [
        Company("filing.subject name of 101 characters", f => f.Subject.Name = new string('示', 97) + "有限公司", "filing.subject.name TOO_LONG"),
        Company("leader name of 101 characters", f => f.Subject.Leader.Name = new string('张', 101), "filing.subject.leader.name TOO_LONG"),
        Company("address detail of 201 characters", f => f.Subject.CertificateAddress.Detail = new string('路', 201), "filing.subject.certificate_address.detail TOO_LONG"),
        Company("service name of 101 characters", f => f.Services[0].Name = new string('网', 101), "filing.services[0].name TOO_LONG"),
        Company("service content of 201 characters", f => f.Services[0].ServiceContent = new string('文', 201), "filing.services[0].service_content TOO_LONG"),
        Company("home URL of 501 characters", f => f.Services[0].HomeUrl = Padded($"https://www.{f.Services[0].Domains[0]}/", 501),
            "filing.services[0].home_url TOO_LONG"),
        Company("pre-approval number of 101 characters", f => f.Services[0].PreApprovals.Add(new PreApproval { Type = 1, Number = new string('号', 101) }),
            "filing.services[0].pre_approvals[0].number TOO_LONG"),
        WithApp("app public key of 8193 characters", app => app.App.PublicKey = new string('K', 8193), "filing.services[1].app.public_key TOO_LONG"),
    ];

    private static IEnumerable<FilingCase> ValidFilings() =>
    [
        .. new[] { "zhejiang", "beijing", "guangdong", "xinjiang" }.Select(province =>
            FilingCase.Accepted($"generated company in {province}", s => Request(s.Company(province)))),
        .. new[] { "beijing", "shanghai", "sichuan" }.Select(province =>
            FilingCase.Accepted($"generated individual in {province}", s => Request(s.Individual(province)))),
        ValidCompany("credit code in lower case", f => f.Subject.CertificateNumber = f.Subject.CertificateNumber.ToLowerInvariant()),
        ValidCompany("addresses naming the province by abbreviation and by code", f =>
        {
            f.Subject.CertificateAddress.Province = "浙";
            f.Subject.MailingAddress.Province = "330000";
        }),
        ValidCompany("leader with a passport", f => LeaderHolds(f, 7, "E12345678")),
        ValidCompany("leader with a passport number in lower case", f => LeaderHolds(f, 7, "e12345678")),
        ValidCompany("leader with a Hong Kong and Macao travel permit", f => LeaderHolds(f, 14, "H1234567801")),
        ValidCompany("leader with a Taiwan travel permit", f => LeaderHolds(f, 11, "12345678")),
        ValidCompany("leader with a foreign permanent resident ID", f => LeaderHolds(f, 30, "ABC123456789012")),
        ValidCompany("leader with a new foreign permanent resident ID", f => LeaderHolds(f, 30, "91234567890123456X")),
        ValidCompany("leader with a Hong Kong and Macao residence permit", f => LeaderHolds(f, 41, ResidentId("810000", "19900101", "123"))),
        ValidCompany("leader mobile of China Telecom's 1349 block", f => f.Subject.Leader.Mobile = "13490001234"),
        ValidCompany("administrator mobile of a virtual operator", f => f.Services[0].Administrator.Mobile = "17012345678"),
        ValidIndividual("individual identified by a passport", f =>
        {
            f.Subject.CertificateType = f.Subject.Leader.CertificateType = 7;
            f.Subject.CertificateNumber = f.Subject.Leader.CertificateNumber = "E98765432";
        }),
        ValidCompany("internationalized domain", f =>
        {
            f.Services[0].Domains.Add("例子.中国");
            f.Services[0].HomeUrl = "http://www.例子.中国/";
        }),
        ValidCompany("internationalized domain in punycode", f =>
        {
            f.Services[0].Domains.Add("xn--fsqu00a.xn--fiqs8s");
            f.Services[0].HomeUrl = "http://例子.中国/";
        }),
        ValidCompany("20 domains in a website", f =>
        {
            for (var i = 1; i < 20; i++)
            {
                f.Services[0].Domains.Add($"more-{i}-{f.Services[0].Domains[0]}");
            }
        }),
        ValidCompany("home URL with a port and a path on a subdomain",
            f => f.Services[0].HomeUrl = $"https://shop.{f.Services[0].Domains[0]}:8443/index.html?from=icp"),
        ValidCompany("app beside the website, signature hash as colon-separated SHA-1", f =>
        {
            var app = AppService(f.Services[0].Administrator);
            app.App.Platform = AppPlatform.Ios;
            app.App.SignatureHash = string.Join(':', Enumerable.Repeat("AB", 20));
            f.Services.Add(app);
        }),
        ValidCompany("company forum (论坛) with a bulletin service pre-approval (6)", f =>
        {
            f.Services[0].Name = "示例技术论坛";
            f.Services[0].PreApprovals.Add(new PreApproval { Type = 6, Number = "浙电公备2024001号" });
        }),
        ValidCompany("government agency using 中国 in a website name", f =>
        {
            f.Subject.Nature = 2;
            f.Services[0].Name = "中国示例政务网";
        }),
        ValidCompany("filing.subject name of exactly 100 characters", f => f.Subject.Name = new string('示', 96) + "有限公司"),
        ValidIndividual("personal website with 交流 only in its content", f => f.Services[0].ServiceContent = "技术交流与个人笔记"),
    ];

    // ---- Building cases ----

    private static FilingCase Company(string name, Action<Filing> mutate, params string[] expected) =>
        FilingCase.Refused(name, s => Request(Mutated(s.Company(), mutate)), expected);

    private static FilingCase Individual(string name, Action<Filing> mutate, params string[] expected) =>
        FilingCase.Refused(name, s => Request(Mutated(s.Individual(), mutate)), expected);

    private static FilingCase Order(string name, Func<SampleFilings, SubmitFilingRequest> build, params string[] expected) =>
        FilingCase.Refused(name, build, expected);

    /// <summary>A company with a valid app as its second service, which <paramref name="mutate"/> then breaks.</summary>
    private static FilingCase WithApp(string name, Action<Service> mutate, params string[] expected) =>
        Company(name, f =>
        {
            var app = AppService(f.Services[0].Administrator);
            mutate(app);
            f.Services.Add(app);
        }, expected);

    private static FilingCase Leader(string name, int certificateType, string number, string reason) =>
        Company($"leader {name}", f => LeaderHolds(f, certificateType, number), $"filing.subject.leader.certificate_number {reason}");

    private static FilingCase ValidCompany(string name, Action<Filing> mutate) =>
        FilingCase.Accepted(name, s => Request(Mutated(s.Company(), mutate)));

    private static FilingCase ValidIndividual(string name, Action<Filing> mutate) =>
        FilingCase.Accepted(name, s => Request(Mutated(s.Individual(), mutate)));

    private static SubmitFilingRequest Request(Filing filing) => new() { Filing = filing };

    // A clone first: the generated individual is its own leader and administrator, one Person object in two places.
    private static Filing Mutated(Filing filing, Action<Filing> mutate)
    {
        var copy = filing.Clone();
        mutate(copy);
        return copy;
    }

    private static Service Numbered(Service service)
    {
        service.ServiceNumber = ServiceNumber;
        return service;
    }

    private static void LeaderHolds(Filing filing, int certificateType, string number)
    {
        filing.Subject.Leader.CertificateType = certificateType;
        filing.Subject.Leader.CertificateNumber = number;
    }

    private static Service AppService(Person administrator) => new()
    {
        Kind = ServiceKind.App,
        Name = "示例笔记",
        Languages = { 1 },
        ServiceContent = "笔记工具",
        Administrator = administrator.Clone(),
        App = new AppInfo
        {
            PackageName = "com.example.notes",
            Platform = AppPlatform.Android,
            PublicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAexample",
            SignatureHash = new string('a', 64),
        },
    };

    private static string Padded(string url, int length) => url + new string('a', length - url.Length);

    // ---- Certificate numbers, computed here rather than by the code under test ----

    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string ResidentChecks = "0123456789X";
    private static readonly int[] ResidentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A resident ID with a correct GB 11643 check character, whatever the birth date says.</summary>
    private static string ResidentId(string area, string birthDate, string sequence)
    {
        var first17 = area + birthDate + sequence;
        var sum = first17.Select((c, i) => (c - '0') * ResidentWeights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>The same number with another check character from the same alphabet: right in form, wrong in sum.</summary>
    private static string OtherCheckCharacter(string number, string alphabet) =>
        number[..^1] + alphabet[(alphabet.IndexOf(number[^1]) + 1) % alphabet.Length];
}
