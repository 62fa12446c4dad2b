namespace DidSdk.Crypto;

/// <summary>Ed25519 (RFC 8032 §5.1) over NSec / libsodium.</summary>
public sealed class Ed25519SigningAlgorithm : SigningAlgorithm
{
    internal Ed25519SigningAlgorithm()
    {
    }

    /// <inheritdoc/>
    public override KeyType KeyType => KeyType.Ed25519;

    /// <inheritdoc/>
    public override string JoseAlgorithm => "EdDSA";

    /// <inheritdoc/>
    public override int SignatureSize => 64;

    private protected override void SignCore(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature) =>
        NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(((NSecKeyHandle)key.Handle).Key, data, signature);

    private protected override bool VerifyCore(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var nsecKey = publicKey.GetOrCreateVerifier(static k =>
            NSec.Cryptography.PublicKey.TryImport(NSec.Cryptography.SignatureAlgorithm.Ed25519, k.Bytes, NSec.Cryptography.KeyBlobFormat.RawPublicKey, out var imported)
                ? imported!
                : InvalidEd25519Key.Instance);
        return nsecKey is not InvalidEd25519Key
            && NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify((NSec.Cryptography.PublicKey)nsecKey, data, signature);
    }

    /// <summary>Marks a 32-byte value NSec refuses as a public key, so it is not re-imported on every call.</summary>
    private sealed class InvalidEd25519Key
    {
        public static readonly object Instance = new InvalidEd25519Key();
    }
}
