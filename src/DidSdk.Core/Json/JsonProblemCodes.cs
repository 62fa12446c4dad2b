namespace DidSdk.Core.Json;

/// <summary>Stable problem codes for JSON input and JCS canonicalization (<c>DIDSDK22xx</c>).</summary>
public static class JsonProblemCodes
{
    /// <summary>The input is not well-formed JSON (RFC 8259), including invalid UTF-8.</summary>
    public const string InvalidJson = "DIDSDK2201";

    /// <summary>An object has a duplicate member name (RFC 8785 §3.1: "duplicate property names" are not accepted).</summary>
    public const string DuplicateMember = "DIDSDK2202";

    /// <summary>A string contains a lone surrogate (RFC 8785 §3.2.2.2 requires valid Unicode).</summary>
    public const string LoneSurrogate = "DIDSDK2203";

    /// <summary>A number is outside the IEEE-754 double range, so it cannot be serialized (RFC 8785 §3.2.2.3).</summary>
    public const string NonFiniteNumber = "DIDSDK2204";

    /// <summary>The JSON nests deeper than allowed.</summary>
    public const string TooDeep = "DIDSDK2205";

    /// <summary>The JSON is longer than allowed.</summary>
    public const string TooLarge = "DIDSDK2206";
}
