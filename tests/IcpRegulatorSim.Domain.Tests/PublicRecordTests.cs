using System.Text.Json;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class PublicRecordTests
{
    /// <summary>17:00 UTC on Monday is 01:00 on Tuesday in Beijing, the date the public query shows.</summary>
    private static readonly DateTimeOffset ApprovedAt = new(2025, 3, 3, 17, 0, 0, TimeSpan.Zero);

    private static FiledSubject FiledWithTwoWebsites()
    {
        var subject = FiledSubject.Create("浙ICP备2025000001号", Samples.Company(), "secret-password-hash", ApprovedAt);
        subject.AddService(Samples.Website("example.cn"), "provider-a", ApprovedAt);
        subject.AddService(Samples.Website("example.com", Samples.SecondAdministrator()), "provider-a", ApprovedAt);
        return subject;
    }

    [Fact]
    public void Public_record_shows_what_the_public_query_answers()
    {
        var record = PublicRecord.Of(FiledWithTwoWebsites()).First();

        Assert.Equal(
            new PublicRecord("杭州示例科技有限公司", 4, "浙ICP备2025000001号", "浙ICP备2025000001号-1", ServiceKind.Website, "示例科技官网",
                "https://www.example.cn/", record.Domains, new DateOnly(2025, 3, 4), "zhejiang"),
            record);
        Assert.Equal(["example.cn"], record.Domains);
    }

    [Fact]
    public void Public_record_has_one_entry_per_service()
    {
        var records = PublicRecord.Of(FiledWithTwoWebsites()).ToList();

        Assert.Equal(["浙ICP备2025000001号-1", "浙ICP备2025000001号-2"], records.Select(r => r.ServiceNumber));
    }

    [Fact]
    public void Public_record_can_be_narrowed_to_one_service()
    {
        var records = PublicRecord.Of(FiledWithTwoWebsites(), s => s.Service.Domains.Contains("example.com")).ToList();

        Assert.Equal("浙ICP备2025000001号-2", Assert.Single(records).ServiceNumber);
    }

    [Fact]
    public void Public_record_exposes_no_certificate_numbers_mobiles_emails_or_password()
    {
        var subject = FiledWithTwoWebsites();
        var secrets = new[]
        {
            Samples.CreditCode,
            Samples.Leader().CertificateNumber, Samples.Leader().Mobile, Samples.Leader().Email,
            Samples.Administrator().CertificateNumber, Samples.Administrator().Mobile, Samples.Administrator().Email,
            Samples.SecondAdministrator().CertificateNumber, Samples.SecondAdministrator().Mobile, Samples.SecondAdministrator().Email,
            "secret-password-hash",
        };

        foreach (var record in PublicRecord.Of(subject))
        {
            var shown = JsonSerializer.Serialize(record) + record;
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, shown));
        }
    }

    [Fact]
    public void Public_record_has_no_field_for_private_data()
    {
        var names = typeof(PublicRecord).GetProperties().Select(p => p.Name).ToList();

        Assert.DoesNotContain(names, n =>
            n.Contains("Certificate") || n.Contains("Mobile") || n.Contains("Email") || n.Contains("Password") || n.Contains("Leader")
            || n.Contains("Administrator") || n.Contains("Address"));
    }
}
