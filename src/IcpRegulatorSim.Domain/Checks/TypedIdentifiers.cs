namespace IcpRegulatorSim.Domain.Checks;

/// <summary>
/// The identifiers a person types, and types again later: certificate numbers and their last six characters, mobiles,
/// codes, emails, ICP numbers, domains. Chinese input methods type full-width digits and letters (１２３４５６７８,
/// Ｈ１２３４５６７８); they are folded to the ASCII ones, as NFKC folds them. Every place that reads such a value reads
/// it through here, so that the number stored at submission and the last six typed later on the validation page are
/// the same characters. (The server runs without ICU, where string.Normalize leaves these forms alone, so the fold is
/// done here, for the forms input methods produce; any other non-ASCII character is refused by the format checks.)
/// </summary>
public static class TypedIdentifiers
{
    private const char FirstFullWidth = '\uFF01';
    private const char LastFullWidth = '\uFF5E';
    private const int FullWidthShift = FirstFullWidth - '!';
    private const char IdeographicSpace = '\u3000';

    /// <summary>The value trimmed, with full-width letters, digits and signs (U+FF01–U+FF5E) and the ideographic space made ASCII.</summary>
    public static string Normalize(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.Any(IsWide))
        {
            return trimmed;
        }
        return string.Create(trimmed.Length, trimmed, (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                folded[i] = c switch
                {
                    >= FirstFullWidth and <= LastFullWidth => (char)(c - FullWidthShift),
                    IdeographicSpace => ' ',
                    _ => c,
                };
            }
        }).Trim();
    }

    /// <summary>A certificate number, or its last six characters: normalized, letters in upper case (the X of a resident ID).</summary>
    public static string Certificate(string text) => Normalize(text).ToUpperInvariant();

    private static bool IsWide(char c) => c is >= FirstFullWidth and <= LastFullWidth or IdeographicSpace;
}
