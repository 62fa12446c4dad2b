namespace DidSdk.Core.Json;

/// <summary>The outcome of <see cref="StrictJson"/> parsing.</summary>
public enum StrictJsonStatus
{
    /// <summary>The input is well-formed JSON within the limits.</summary>
    Ok,

    /// <summary>The input is not well-formed JSON (RFC 8259), including invalid UTF-8.</summary>
    Invalid,

    /// <summary>Objects or arrays nest deeper than the allowed depth.</summary>
    TooDeep,

    /// <summary>An object has two members with the same name (after unescaping).</summary>
    DuplicateMember,

    /// <summary>The input is longer than the allowed size.</summary>
    TooLarge,

    /// <summary>A string or member name escapes a lone surrogate (for example <c>"\ud800"</c>), which is not Unicode text.</summary>
    LoneSurrogate,
}
