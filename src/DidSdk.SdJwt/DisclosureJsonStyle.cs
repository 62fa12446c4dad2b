namespace DidSdk.SdJwt;

/// <summary>How a disclosure's JSON array is written before base64url encoding.</summary>
public enum DisclosureJsonStyle
{
    /// <summary>Compact JSON (no whitespace, non-ASCII as UTF-8). The default.</summary>
    Compact,

    /// <summary>
    /// The style of the RFC 9901 examples: <c>", "</c> and <c>": "</c> separators and non-ASCII characters escaped as
    /// <c>\uXXXX</c>. Only needed to reproduce those examples byte for byte; verifiers accept any style.
    /// </summary>
    Spaced,
}
