using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Page sizes and page tokens of list methods. A token is the id of the last item of the previous page.</summary>
public static partial class Paging
{
    public static int Size(int requested, int fallback, int max) => requested switch
    {
        < 0 => throw RegulatorErrors.Invalid("page_size", "OUT_OF_RANGE", FieldTexts.NegativePageSize),
        0 => fallback,
        _ => Math.Min(requested, max),
    };

    /// <summary>The sequence number a list or a stream starts after (0: from the first).</summary>
    public static long After(long afterSequence) =>
        afterSequence >= 0 ? afterSequence : throw RegulatorErrors.Invalid("after_sequence", "OUT_OF_RANGE", FieldTexts.Negative);

    public static string OrderToken(string token) =>
        token.Length == 0 || OrderIdPattern().IsMatch(token)
            ? token
            : throw RegulatorErrors.Invalid("page_token", "INVALID_FORMAT", FieldTexts.PageToken);

    /// <summary>The token of a list of public-security filings: the id of the last filing of the previous page.</summary>
    public static string WebsiteFilingToken(string token) =>
        token.Length == 0 || WebsiteFilingIdPattern().IsMatch(token)
            ? token
            : throw RegulatorErrors.Invalid("page_token", "INVALID_FORMAT", FieldTexts.PageToken);

    public static string NextToken<T>(IReadOnlyList<T> page, int size, Func<T, string> id) =>
        page.Count == size ? id(page[^1]) : "";

    [GeneratedRegex(@"^ord-\d{8,}$")]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex(@"^psf-\d{8,}$")]
    private static partial Regex WebsiteFilingIdPattern();
}
