namespace DidSdk.OpenId4Vc;

/// <summary>
/// The <c>error</c> and <c>error_description</c> a server sent, made fit for a problem message. The text is untrusted:
/// RFC 6749 §5.2 limits both to printable ASCII without <c>"</c> and <c>\</c>; anything else (control characters, line
/// breaks, non-ASCII) is replaced by a placeholder, and the length is bounded, so a hostile server cannot forge log lines
/// or flood an error message.
/// </summary>
internal static class ServerErrorText
{
    /// <summary>The longest <c>error</c> code kept.</summary>
    public const int MaxErrorLength = 64;

    /// <summary>The longest <c>error_description</c> kept before it is cut with "...".</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>The server's error code, or <c>(unreadable error code)</c> when it is not an RFC 6749 error value.</summary>
    public static string Code(string error) =>
        error.Length is > 0 and <= MaxErrorLength && IsErrorText(error) ? error : "(unreadable error code)";

    /// <summary>The server's description, cut to <see cref="MaxDescriptionLength"/>; null when absent or not RFC 6749 text.</summary>
    public static string? Description(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return null;
        }

        var kept = description.Length <= MaxDescriptionLength ? description : description[..MaxDescriptionLength];
        if (!IsErrorText(kept))
        {
            return null;
        }

        return kept.Length < description.Length ? kept + "..." : kept;
    }

    // RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E.
    private static bool IsErrorText(string value)
    {
        foreach (var c in value)
        {
            if (c is < (char)0x20 or > (char)0x7E or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
