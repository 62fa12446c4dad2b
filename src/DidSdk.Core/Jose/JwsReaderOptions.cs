namespace DidSdk.Core.Jose;

/// <summary>
/// Limits and policy for reading a JWS. The defaults are the secure ones: only <c>EdDSA</c>, <c>ES256K</c>,
/// <c>ES256</c>, <c>ES384</c> and <c>ES512</c>, no critical extensions, no unencoded payloads, at most 256 KiB and JSON depth 32.
/// </summary>
public sealed class JwsReaderOptions
{
    /// <summary>
    /// The default allow-list: <c>EdDSA</c> (RFC 8037), <c>ES256K</c> (RFC 8812), <c>ES256</c>, <c>ES384</c> and
    /// <c>ES512</c> (RFC 7518 §3.4).
    /// </summary>
    public static IReadOnlyCollection<string> DefaultAllowedAlgorithms { get; } = ["EdDSA", "ES256K", "ES256", "ES384", "ES512"];

    // Declared after DefaultAllowedAlgorithms: static initializers run in order and Default reads that list.
    /// <summary>The default options (shared, treat as read-only).</summary>
    public static JwsReaderOptions Default { get; } = new();

    /// <summary>
    /// The <c>alg</c> values accepted. Values that this SDK cannot verify (<c>none</c>, HMAC, RSA, ...) are rejected
    /// even when listed, so listing them cannot weaken a reader.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public IReadOnlyCollection<string> AllowedAlgorithms
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = DefaultAllowedAlgorithms;

    /// <summary>The maximum token length in characters (default 256 KiB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxTokenLength
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 256 * 1024;

    /// <summary>The maximum JSON nesting depth of headers and the JSON serialization (default 32, at most 256).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not between 1 and 256.</exception>
    public int MaxJsonDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256);
            field = value;
        }
    } = 32;

    /// <summary>Parses every protected header as a tree, never from its bytes (for tests that hold the two paths to the same results).</summary>
    internal bool TreeOnly { get; init; }

    /// <summary>The maximum number of signatures in the general JSON serialization (default 16).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxSignatures
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 16;

    /// <summary>
    /// Extension header parameter names the caller understands and processes, which may therefore appear in
    /// <c>crit</c> (RFC 7515 §4.1.11). Default: none.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public IReadOnlyCollection<string> SupportedCriticalHeaders
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = [];

    /// <summary>
    /// Accepts <c>"b64": false</c> (RFC 7797, unencoded payload; <c>b64</c> must then be listed in <c>crit</c>).
    /// Default <see langword="false"/>: an unencoded payload gives up the guarantee that the payload is plain bytes
    /// under base64url, and many libraries ignore <c>b64</c>.
    /// </summary>
    public bool AllowUnencodedPayload { get; init; }

    /// <summary>
    /// Accepts ES256K signatures with S &gt; n/2 (RFC 8812 permits them). Default <see langword="false"/>: such a
    /// signature is the malleated twin of a low-S one, so accepting it gives up signature uniqueness; turn it on only
    /// for signers that do not normalise S (see <see cref="DidSdk.Crypto.SigningAlgorithm.Secp256k1AllowingHighS"/>).
    /// </summary>
    public bool AllowHighSSecp256k1Signatures { get; init; }
}
