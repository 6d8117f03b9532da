using IcpRegulatorSim.Domain.Checks;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class CertificateNumbersTests
{
    [Theory]
    [InlineData("11010519491231002X")] // check character X (Σ mod 11 = 2)
    [InlineData("330106198503071238")]
    [InlineData("110101199003074514")]
    [InlineData("330106198503071270")] // check character 0
    [InlineData("330106198503071211")] // check character 1 (Σ mod 11 = 0)
    public void Resident_id_with_the_right_check_character_is_valid(string number) =>
        Assert.True(CertificateNumbers.IsValidResidentId(number));

    [Theory]
    [InlineData("110105194912310021")] // the X of a valid number replaced by a digit
    [InlineData("330106198503071239")] // last digit off by one
    [InlineData("330106198503071283")] // two digits swapped, so the check no longer fits
    [InlineData("11010519491231002")] // 17 characters
    [InlineData("11010519491231002X1")] // 19 characters
    [InlineData("")]
    [InlineData("1101051949123100AX")] // a letter among the first 17
    [InlineData("ABCDEFGHIJKLMNOPQX")]
    [InlineData("11010519491231002Y")] // only X may stand for ten
    public void Resident_id_with_a_wrong_check_length_or_charset_is_invalid(string number) =>
        Assert.False(CertificateNumbers.IsValidResidentId(number));

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("33010619850307123", '8')]
    [InlineData("33010619850307121", '1')]
    [InlineData("33010619850307127", '0')]
    public void Resident_id_check_follows_ISO_7064_MOD_11_2(string first17, char expected) =>
        Assert.Equal(expected, CertificateNumbers.ResidentIdCheck(first17));

    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31)]
    [InlineData("330106198503071238", 1985, 3, 7)]
    [InlineData("110101199003074514", 1990, 3, 7)]
    public void Resident_id_carries_its_birth_date_in_characters_7_to_14(string number, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), CertificateNumbers.ResidentIdBirthDate(number));

    [Theory]
    [InlineData("330106194902301231")] // 30 February
    [InlineData("330106198513071238")] // month 13
    [InlineData("3301061985")] // too short to hold a date
    public void Resident_id_without_a_real_birth_date_has_none(string number) =>
        Assert.Null(CertificateNumbers.ResidentIdBirthDate(number));

    [Theory]
    [InlineData("91330106MA2KEXAMP4")]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91440300708461136T")]
    [InlineData("9133010672875632U0")] // 31 − Σ mod 31 = 31 becomes 0
    public void Credit_code_with_the_right_check_character_is_valid(string code) =>
        Assert.True(CertificateNumbers.IsValidCreditCode(code));

    [Theory]
    [InlineData("91330106MA2KEXAMP5")] // wrong check character
    [InlineData("91350100M000100Y44")]
    [InlineData("91330106MA2KEXAMP")] // 17 characters
    [InlineData("91330106MA2KEXAMP44")] // 19 characters
    [InlineData("91330106ma2kexamp4")] // lower case is not in the alphabet
    [InlineData("")]
    public void Credit_code_with_a_wrong_check_or_length_is_invalid(string code) =>
        Assert.False(CertificateNumbers.IsValidCreditCode(code));

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Credit_code_with_a_letter_outside_GB_32100_is_invalid(char forbidden)
    {
        // Give the number the check character the weights would produce anyway, so only the alphabet can refuse it.
        var first17 = $"91330106MA2K{forbidden}XAMP";
        var code = first17 + CertificateNumbers.CreditCodeCheck(first17);

        Assert.False(CertificateNumbers.IsValidCreditCode(code));
    }

    [Theory]
    [InlineData("91330106MA2KEXAMP", '4')]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("9133010672875632U", '0')]
    public void Credit_code_check_is_31_minus_the_weighted_sum_mod_31(string first17, char expected) =>
        Assert.Equal(expected, CertificateNumbers.CreditCodeCheck(first17));
}
