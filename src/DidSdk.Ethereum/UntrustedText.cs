using System.Globalization;
using System.Text;

namespace DidSdk.Ethereum;

/// <summary>
/// Text from a node or a contract (error messages, revert reasons) before it goes into an exception or a result:
/// a hostile node could otherwise fill logs with megabytes or inject terminal escapes and fake log lines.
/// </summary>
internal static class UntrustedText
{
    /// <summary>The most characters kept of one untrusted string.</summary>
    public const int MaxLength = 256;

    /// <summary>Control and format characters replaced by <c>?</c>, cut at <paramref name="maxLength"/> characters with an ellipsis.</summary>
    public static string Sanitize(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > maxLength;
        var length = cut ? maxLength : text.Length;
        if (cut && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        var builder = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            var category = char.GetUnicodeCategory(c);
            var unsafeChar = category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])));
            builder.Append(unsafeChar ? '?' : c);
        }

        if (cut)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
