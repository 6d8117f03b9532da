using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Cli;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>The CLI's own value formats, without a server: durations and enum names.</summary>
public sealed class CliValuesTests
{
    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "90s", TimeSpan.FromSeconds(90) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "2h", TimeSpan.FromHours(2) },
        { "30d", TimeSpan.FromDays(30) },
        { "1d12h", TimeSpan.FromHours(36) },
        { "1h30m15s", new TimeSpan(1, 30, 15) },
        { "1.5h", TimeSpan.FromMinutes(90) },
        { " 5m ", TimeSpan.FromMinutes(5) },
        { "P30D", TimeSpan.FromDays(30) },
        { "PT5M", TimeSpan.FromMinutes(5) },
        { "P1DT12H", TimeSpan.FromHours(36) },
        { "pt5m", TimeSpan.FromMinutes(5) },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void A_duration_is_read_in_short_or_iso_form(string text, TimeSpan expected) =>
        Assert.Equal(expected, CliValues.Duration(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("5x")]
    [InlineData("5 m")]
    [InlineData("-5m")]
    [InlineData("5m3")]
    [InlineData("five minutes")]
    [InlineData("P")]
    [InlineData("P5X")]
    [InlineData("PT")]
    public void A_malformed_duration_is_a_usage_mistake_that_quotes_it(string text)
    {
        var e = Assert.Throws<CliUsageException>(() => CliValues.Duration(text));
        Assert.Contains($"'{text}'", e.Message);
    }

    // A typo of a few extra digits must still be reported as a usage mistake, not crash the CLI with an overflow.
    [Theory]
    [InlineData("99999999999d")]
    [InlineData("P99999999999D")]
    public void A_duration_too_long_to_represent_is_a_usage_mistake(string text) =>
        Assert.Throws<CliUsageException>(() => CliValues.Duration(text));

    [Theory]
    [InlineData("UNDER_REVIEW")]
    [InlineData("under_review")]
    [InlineData("under-review")]
    [InlineData("Under-Review")]
    [InlineData("ORDER_STATUS_UNDER_REVIEW")]
    [InlineData("order-status-under-review")]
    [InlineData("  UNDER_REVIEW  ")]
    public void An_enum_value_is_found_by_its_short_or_full_proto_name_in_any_case(string text) =>
        Assert.Equal(OrderStatus.UnderReview, CliValues.Enum<OrderStatus>(text));

    [Fact]
    public void Enum_parsing_works_for_every_value_of_another_enum()
    {
        Assert.Equal(FilingType.Initial, CliValues.Enum<FilingType>("initial"));
        Assert.Equal(FilingType.AddService, CliValues.Enum<FilingType>("add-service"));
        Assert.Equal(FilingType.CancelAccess, CliValues.Enum<FilingType>("FILING_TYPE_CANCEL_ACCESS"));
    }

    [Fact]
    public void An_unknown_enum_value_lists_the_choices_by_their_short_names()
    {
        var e = Assert.Throws<CliUsageException>(() => CliValues.Enum<OrderStatus>("pending"));
        Assert.Contains("'pending'", e.Message);
        foreach (var choice in new[] { "AWAITING_SMS_VALIDATION", "UNDER_REVIEW", "APPROVED", "REJECTED", "RETURNED", "WITHDRAWN" })
        {
            Assert.Contains(choice, e.Message);
        }
        // UNSPECIFIED is the proto default, not a choice anyone can make.
        Assert.DoesNotContain("UNSPECIFIED", e.Message);
        Assert.DoesNotContain("ORDER_STATUS_", e.Message);
    }

    [Theory]
    [InlineData("UNSPECIFIED")]
    [InlineData("ORDER_STATUS_UNSPECIFIED")]
    public void The_unspecified_value_cannot_be_chosen(string text) =>
        Assert.Throws<CliUsageException>(() => CliValues.Enum<OrderStatus>(text));

    [Fact]
    public void Name_drops_the_type_prefix_of_the_proto_name()
    {
        Assert.Equal("UNDER_REVIEW", CliValues.Name(OrderStatus.UnderReview));
        Assert.Equal("AWAITING_SMS_VALIDATION", CliValues.Name(OrderStatus.AwaitingSmsValidation));
        Assert.Equal("UNSPECIFIED", CliValues.Name(OrderStatus.Unspecified));
        Assert.Equal("ADD_SERVICE", CliValues.Name(FilingType.AddService));
        Assert.Equal("WAITING_FOR_OTHERS", CliValues.Name(ValidateOutcome.WaitingForOthers));
        Assert.Equal("LIMIT_REACHED", CliValues.Name(ResendOutcome.LimitReached));
        Assert.Equal("ENTITY_LEADER", CliValues.Name(PersonRole.EntityLeader));
        Assert.Equal("SMS", CliValues.Name(MessageChannel.Sms));
    }

    [Fact]
    public void ShortName_leaves_an_enum_that_is_not_a_protos_as_it_is()
    {
        Assert.Equal("LATENCY", CliValues.ShortName(FaultKind.Latency));
        Assert.Equal("Sunday", CliValues.ShortName(DayOfWeek.Sunday));
    }

    public static TheoryData<string, DateTimeOffset> Instants => new()
    {
        { "2026-04-01T09:00:00+08:00", new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)) },
        { "2026-04-01T01:00:00Z", new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero) },
        // Without an offset: Beijing time, whatever the machine's time zone.
        { "2026-04-01T09:00:00", new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)) },
        { "2026-04-01", new(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(8)) },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void An_instant_is_read_in_iso_8601_and_is_beijing_time_without_an_offset(string text, DateTimeOffset expected)
    {
        var instant = CliValues.Instant(text);
        Assert.Equal(expected, instant);
        Assert.Equal(expected.Offset, instant.Offset);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01")]
    [InlineData("")]
    public void A_malformed_instant_is_a_usage_mistake_that_quotes_it(string text)
    {
        var e = Assert.Throws<CliUsageException>(() => CliValues.Instant(text));
        Assert.Contains($"'{text}'", e.Message);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("86400", 86400)]
    [InlineData("0.5", 0.5)]
    [InlineData(" 1e3 ", 1000)]
    [InlineData("-1", -1)]
    public void A_number_is_read_in_the_invariant_culture(string text, double expected) =>
        Assert.Equal(expected, CliValues.Number(text, "a rate"));

    [Theory]
    [InlineData("0,5")]
    [InlineData("fast")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Something_that_is_not_a_finite_number_is_a_usage_mistake_that_says_what_was_wanted(string text)
    {
        var e = Assert.Throws<CliUsageException>(() => CliValues.Number(text, "a rate"));
        Assert.Equal($"'{text}' is not a number (a rate).", e.Message);
    }

    [Fact]
    public void Name_and_enum_parsing_round_trip_for_every_value()
    {
        foreach (var status in Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Unspecified))
        {
            Assert.Equal(status, CliValues.Enum<OrderStatus>(CliValues.Name(status)));
        }
        foreach (var type in Enum.GetValues<FilingType>().Where(t => t != FilingType.Unspecified))
        {
            Assert.Equal(type, CliValues.Enum<FilingType>(CliValues.Name(type)));
        }
    }
}
