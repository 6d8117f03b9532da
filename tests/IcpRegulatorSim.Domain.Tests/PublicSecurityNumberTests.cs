using IcpRegulatorSim.Domain.PublicSecurity;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class PublicSecurityNumberTests
{
    [Fact]
    public void A_number_is_the_abbreviation_the_offices_code_and_its_sequence_in_fourteen_digits()
    {
        var number = PublicSecurityNumber.Issue("京", "110105", 2_030_000);

        Assert.Equal("京公网安备11010502030000号", number.ToString());
        Assert.Equal(14, number.Digits.Length);
        Assert.StartsWith("110105", number.Digits, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_number_of_an_office_is_its_code_and_one()
    {
        Assert.Equal("浙公网安备33010600000001号", PublicSecurityNumber.Issue("浙", "330106", 1).ToString());
    }

    [Theory]
    [InlineData("京公网安备11010502030000号", "京", "110105", 2_030_000L)]
    [InlineData("  沪公网安备31010402000001号 ", "沪", "310104", 2_000_001L)]
    public void A_typed_number_parses_to_its_parts(string text, string abbreviation, string office, long sequence)
    {
        Assert.Equal(new PublicSecurityNumber(abbreviation, office, sequence), PublicSecurityNumber.Parse(text));
    }

    [Theory]
    [InlineData("京公网安备1101050203000号")]
    [InlineData("京公网安备110105020300001号")]
    [InlineData("京ICP备2024012345号")]
    [InlineData("公网安备11010502030000号")]
    [InlineData("京公网安备01010502030000号")]
    [InlineData("京公网安备11010502030000")]
    [InlineData("")]
    public void Anything_else_is_not_a_number(string text)
    {
        Assert.Null(PublicSecurityNumber.Parse(text));
    }

    [Theory]
    [InlineData("11010", 1L)]
    [InlineData("011010", 1L)]
    [InlineData("110105", 0L)]
    [InlineData("110105", 100_000_000L)]
    public void An_office_cannot_issue_outside_its_code_and_eight_digits(string office, long sequence)
    {
        Assert.ThrowsAny<ArgumentException>(() => PublicSecurityNumber.Issue("京", office, sequence));
    }

    [Fact]
    public void An_issued_number_reads_back_as_itself()
    {
        var number = PublicSecurityNumber.Issue("粤", "440305", 12_345);

        Assert.Equal(number, PublicSecurityNumber.Parse(number.ToString()));
    }
}
