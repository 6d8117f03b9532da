using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class IcpNumberTests
{
    [Fact]
    public void Older_eight_digit_subject_number_parses()
    {
        var number = IcpNumber.Parse("京ICP备10046444号");

        Assert.NotNull(number);
        Assert.Equal("京", number.Abbreviation);
        Assert.Equal("10046444", number.Digits);
        Assert.Null(number.ServiceSequence);
        Assert.False(number.IsServiceNumber);
        Assert.False(number.IsApp);
        Assert.Equal("京ICP备10046444号", number.SubjectNumber);
    }

    [Fact]
    public void Ten_digit_subject_number_parses()
    {
        var number = IcpNumber.Parse("黔ICP备2023062478号");

        Assert.NotNull(number);
        Assert.Equal("黔", number.Abbreviation);
        Assert.Equal("2023062478", number.Digits);
        Assert.False(number.IsServiceNumber);
    }

    [Theory]
    [InlineData("京ICP备2024012345号-1", 1)]
    [InlineData("京ICP备2024012345号-12", 12)]
    [InlineData("京ICP备10046444号-3", 3)]
    public void Website_number_parses_with_its_sequence(string text, int sequence)
    {
        var number = IcpNumber.Parse(text);

        Assert.NotNull(number);
        Assert.True(number.IsServiceNumber);
        Assert.Equal(sequence, number.ServiceSequence);
        Assert.False(number.IsApp);
        Assert.Equal(text[..text.IndexOf('-')], number.SubjectNumber);
    }

    [Fact]
    public void App_number_parses_with_the_A_suffix()
    {
        var number = IcpNumber.Parse("京ICP备2024012345号-2A");

        Assert.NotNull(number);
        Assert.Equal(2, number.ServiceSequence);
        Assert.True(number.IsApp);
        Assert.Equal("京ICP备2024012345号", number.SubjectNumber);
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored() =>
        Assert.Equal("蜀ICP备2024000001号-1", IcpNumber.Parse("  蜀ICP备2024000001号-1 \n")?.ToString());

    [Theory]
    [InlineData("京ICP备2024012345")] // no 号
    [InlineData("京ICP备202401234号")] // 9 digits
    [InlineData("京ICP备1004644号")] // 7 digits
    [InlineData("京ICP备20240123456号")] // 11 digits
    [InlineData("京ICP备2024012345号-0")] // services count from 1
    [InlineData("京ICP备2024012345号-01")]
    [InlineData("京ICP备2024012345号-")]
    [InlineData("京ICP备2024012345号-1B")]
    [InlineData("JingICP备2024012345号")] // latin abbreviation
    [InlineData("BICP备2024012345号")]
    [InlineData("ICP备2024012345号")] // no abbreviation at all
    [InlineData("京ICP证030173号")] // an ICP licence (经营许可证), not a filing number
    [InlineData("京icp备2024012345号")]
    [InlineData("")]
    public void Malformed_number_does_not_parse(string text) =>
        Assert.Null(IcpNumber.Parse(text));

    [Theory]
    [InlineData("京ICP备10046444号")]
    [InlineData("黔ICP备2023062478号")]
    [InlineData("京ICP备2024012345号-1")]
    [InlineData("京ICP备2024012345号-12")]
    [InlineData("京ICP备2024012345号-2A")]
    public void ToString_gives_back_the_parsed_text(string text) =>
        Assert.Equal(text, IcpNumber.Parse(text)?.ToString());

    [Fact]
    public void Issued_subject_number_has_ten_digits_with_the_year_first()
    {
        var subject = IcpNumber.ForSubject("京", 2024, 12345);

        Assert.Equal("京ICP备2024012345号", subject);
        Assert.Equal("2024012345", IcpNumber.Parse(subject)?.Digits);
    }

    [Fact]
    public void Website_number_appends_the_sequence() =>
        Assert.Equal("京ICP备2024012345号-1", IcpNumber.ForService("京ICP备2024012345号", 1, ServiceKind.Website));

    [Fact]
    public void App_number_appends_the_sequence_and_A() =>
        Assert.Equal("京ICP备2024012345号-2A", IcpNumber.ForService("京ICP备2024012345号", 2, ServiceKind.App));
}
