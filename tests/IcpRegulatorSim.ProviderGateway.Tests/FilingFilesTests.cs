using System.Text.Json.Nodes;
using Google.Protobuf;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>Reading filing files: the samples users start from, and the mistakes they will make in their own files.</summary>
public sealed class FilingFilesTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void The_company_sample_reads_as_an_initial_filing_with_two_people()
    {
        var request = FilingFiles.Read(Repository.Sample(Repository.CompanySample));

        Assert.Equal(FilingType.Initial, request.Type);
        Assert.Equal("", request.IdempotencyKey);
        var subject = request.Filing.Subject;
        Assert.Equal("杭州云栖示例科技有限公司", subject.Name);
        Assert.Equal(4, subject.Nature);
        Assert.Equal("zhejiang", subject.Province);
        Assert.Equal("13800138000", subject.Leader.Mobile);
        var website = Assert.Single(request.Filing.Services);
        Assert.Equal(ServiceKind.Website, website.Kind);
        Assert.Equal(["yunqi-example.cn", "yunqi-example.com"], website.Domains);
        Assert.Equal([1, 12], website.Languages);
        Assert.Equal("18912345678", website.Administrator.Mobile);
    }

    [Fact]
    public void The_individual_sample_reads_as_one_person_who_is_both_leader_and_administrator()
    {
        var request = FilingFiles.Read(Repository.Sample(Repository.IndividualSample));

        Assert.Equal(FilingType.Initial, request.Type);
        var subject = request.Filing.Subject;
        Assert.Equal(5, subject.Nature);
        Assert.Equal("beijing", subject.Province);
        Assert.Equal(subject.Leader, Assert.Single(request.Filing.Services).Administrator);
        Assert.Equal(subject.CertificateNumber, subject.Leader.CertificateNumber);
    }

    [Fact]
    public void A_file_holding_only_a_filing_is_read_as_a_request_without_a_type()
    {
        var filing = new SampleFilings(seed: 3).Company("sichuan");
        var path = scratch.Write("bare.json", JsonFormatter.Default.Format(filing));

        var request = FilingFiles.Read(path);

        Assert.Equal(filing, request.Filing);
        Assert.Equal(FilingType.Unspecified, request.Type);
        Assert.Equal("", request.FilingPassword);
    }

    [Fact]
    public void Every_field_of_a_request_file_is_read()
    {
        var written = new SubmitFilingRequest
        {
            IdempotencyKey = "key-from-the-file",
            Type = FilingType.CancelSubject,
            FilingPassword = "Pw0rd",
            Filing = new SampleFilings(seed: 4).Individual(),
        };
        var path = scratch.Write("full.json", JsonFormatter.Default.Format(written));

        Assert.Equal(written, FilingFiles.Read(path));
    }

    [Fact]
    public void An_unknown_field_is_a_usage_mistake_that_names_the_file_and_the_field()
    {
        // A misspelt field would otherwise be dropped silently and the regulator would answer about a field the user did fill in.
        var json = File.ReadAllText(Repository.Sample(Repository.CompanySample))
            .Replace("\"mobile\": \"13800138000\"", "\"mobil\": \"13800138000\"", StringComparison.Ordinal);
        Assert.Contains("\"mobil\"", json);
        var path = scratch.Write("misspelt.json", json);

        var e = Assert.Throws<CliUsageException>(() => FilingFiles.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("mobil", e.Message);
    }

    [Fact]
    public void An_unknown_field_in_a_bare_filing_is_a_usage_mistake_too()
    {
        var json = JsonNode.Parse(JsonFormatter.Default.Format(new SampleFilings(seed: 5).Individual()))!;
        json["colour"] = "blue";
        var path = scratch.Write("colour.json", json.ToJsonString());

        var e = Assert.Throws<CliUsageException>(() => FilingFiles.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("colour", e.Message);
    }

    [Fact]
    public void An_unknown_enum_name_is_a_usage_mistake()
    {
        var json = File.ReadAllText(Repository.Sample(Repository.CompanySample))
            .Replace("FILING_TYPE_INITIAL", "FILING_TYPE_FIRST", StringComparison.Ordinal);
        var path = scratch.Write("enum.json", json);

        var e = Assert.Throws<CliUsageException>(() => FilingFiles.Read(path));

        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("{ \"filing\": { \"subject\": ")]
    [InlineData("{ \"filing\": { \"subject\": { \"name\": \"x\" } }, }")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void Text_that_is_not_json_is_a_usage_mistake_that_names_the_file(string text)
    {
        var path = scratch.Write("broken.json", text);

        var e = Assert.Throws<CliUsageException>(() => FilingFiles.Read(path));

        Assert.Contains(path, e.Message);
    }
}
