namespace DidSdk.Crypto;

/// <summary>
/// ECDSA over NIST P-521 with SHA-512, JWS <c>ES512</c> (RFC 7518 §3.4), backed by the platform's implementation.
/// Signatures are the fixed-size IEEE P1363 form <c>r || s</c>.
/// </summary>
public sealed class P521SigningAlgorithm : SigningAlgorithm
{
    internal P521SigningAlgorithm()
    {
    }

    /// <inheritdoc/>
    public override KeyType KeyType => KeyType.P521;

    /// <inheritdoc/>
    public override string JoseAlgorithm => "ES512";

    /// <inheritdoc/>
    public override int SignatureSize => NistCurve.P521.SignatureSize;

    private protected override void SignCore(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature) =>
        NistEcdsa.Sign(NistCurve.P521, key, data, signature);

    private protected override bool VerifyCore(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        NistEcdsa.Verify(NistCurve.P521, publicKey, data, signature);
}
