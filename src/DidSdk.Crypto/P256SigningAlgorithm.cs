using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>ECDSA over NIST P-256 with SHA-256 (JWS <c>ES256</c>), backed by the platform's implementation.</summary>
public sealed class P256SigningAlgorithm : SigningAlgorithm
{
    internal P256SigningAlgorithm()
    {
    }

    /// <inheritdoc/>
    public override KeyType KeyType => KeyType.P256;

    /// <inheritdoc/>
    public override string JoseAlgorithm => "ES256";

    /// <inheritdoc/>
    public override int SignatureSize => 64;

    private protected override void SignCore(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var handle = (P256KeyHandle)key.Handle;
        lock (handle.Sync)
        {
            if (!handle.Ecdsa.TrySignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != 64)
            {
                throw new CryptographicException("P-256 signing failed.");
            }
        }
    }

    private protected override bool VerifyCore(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var verifier = publicKey.GetOrCreateVerifier(static k =>
        {
            var point = k.UncompressedSpan;
            var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new System.Security.Cryptography.ECPoint { X = point[1..33].ToArray(), Y = point[33..65].ToArray() },
            });
            return new P256Verifier(ecdsa);
        });
        lock (verifier.Sync)
        {
            return verifier.Ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    private sealed class P256Verifier(ECDsa ecdsa)
    {
        public ECDsa Ecdsa { get; } = ecdsa;

        public Lock Sync { get; } = new();
    }
}
