namespace DidSdk.Credentials;

/// <summary>
/// Limits and policy for reading a COSE_Sign1 message (RFC 9052 §4.2), the sibling of
/// <see cref="DidSdk.Core.Jose.JwsReaderOptions"/>. The defaults are the secure ones: only the signature algorithms this
/// SDK verifies, at most 256 KiB, header values nested at most 8 deep, at most 32 header parameters per bucket.
/// </summary>
public sealed class CoseReaderOptions
{
    /// <summary>
    /// The default allow-list of COSE algorithm identifiers (IANA "COSE Algorithms"): <c>EdDSA</c> (-8) and
    /// <c>Ed25519</c> (-19), <c>ES256K</c> (-47), <c>ES256</c> (-7) and <c>ESP256</c> (-9), <c>ES384</c> (-35) and
    /// <c>ESP384</c> (-51), <c>ES512</c> (-36) and <c>ESP512</c> (-52). Each is bound to one curve: the key named by
    /// <c>kid</c> must be of that curve.
    /// </summary>
    public static IReadOnlyCollection<int> DefaultAllowedAlgorithms { get; } = [-8, -19, -47, -7, -9, -35, -51, -36, -52];

    // Declared after DefaultAllowedAlgorithms: static initializers run in order and Default reads that list.
    /// <summary>The default options (shared, treat as read-only).</summary>
    public static CoseReaderOptions Default { get; } = new();

    /// <summary>
    /// The COSE <c>alg</c> values accepted. Values this SDK cannot verify (MACs, RSA, ...) are rejected even when listed,
    /// so listing them cannot weaken a reader.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public IReadOnlyCollection<int> AllowedAlgorithms
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = DefaultAllowedAlgorithms;

    /// <summary>The largest encoded message accepted, in bytes (default 256 KiB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxMessageSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 256 * 1024;

    /// <summary>The deepest nesting of arrays, maps and tags inside a header parameter's value (default 8, at most 64).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not between 1 and 64.</exception>
    public int MaxHeaderDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64);
            field = value;
        }
    } = 8;

    /// <summary>The most header parameters accepted in the protected or the unprotected bucket (default 32).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxHeaderParameters
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 32;
}
