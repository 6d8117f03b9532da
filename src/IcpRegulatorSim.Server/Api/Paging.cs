using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Page sizes and page tokens of list methods. A token is the id of the last item of the previous page.</summary>
public static partial class Paging
{
    public static int Size(int requested, int fallback, int max) => requested switch
    {
        < 0 => throw RegulatorErrors.Invalid("page_size", "OUT_OF_RANGE", "The page size cannot be negative.", "每页数量不能为负数。"),
        0 => fallback,
        _ => Math.Min(requested, max),
    };

    /// <summary>The sequence number a list or a stream starts after (0: from the first).</summary>
    public static long After(long afterSequence) =>
        afterSequence >= 0 ? afterSequence : throw RegulatorErrors.Invalid("after_sequence", "OUT_OF_RANGE", "Cannot be negative.", "不能为负数。");

    public static string OrderToken(string token) =>
        token.Length == 0 || OrderIdPattern().IsMatch(token)
            ? token
            : throw RegulatorErrors.Invalid("page_token", "INVALID_FORMAT", "Not a page token from a previous reply.", "不是上一页返回的分页标记。");

    public static string NextToken<T>(IReadOnlyList<T> page, int size, Func<T, string> id) =>
        page.Count == size ? id(page[^1]) : "";

    [GeneratedRegex(@"^ord-\d{8,}$")]
    private static partial Regex OrderIdPattern();
}
