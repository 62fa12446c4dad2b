namespace DidSdk.Crypto;

/// <summary>
/// ECDSA over NIST P-384 with SHA-384, JWS <c>ES384</c> (RFC 7518 §3.4), backed by the platform's implementation.
/// Signatures are the fixed-size IEEE P1363 form <c>r || s</c>.
/// </summary>
public sealed class P384SigningAlgorithm : SigningAlgorithm
{
    internal P384SigningAlgorithm()
    {
    }

    /// <inheritdoc/>
    public override KeyType KeyType => KeyType.P384;

    /// <inheritdoc/>
    public override string JoseAlgorithm => "ES384";

    /// <inheritdoc/>
    public override int SignatureSize => NistCurve.P384.SignatureSize;

    private protected override void SignCore(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature) =>
        NistEcdsa.Sign(NistCurve.P384, key, data, signature);

    private protected override bool VerifyCore(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        NistEcdsa.Verify(NistCurve.P384, publicKey, data, signature);
}
