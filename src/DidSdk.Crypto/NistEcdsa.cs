using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// ECDSA with the fixed-size IEEE P1363 signature <c>r || s</c> (RFC 7518 §3.4) over the platform implementation,
/// shared by <see cref="P384SigningAlgorithm"/> and <see cref="P521SigningAlgorithm"/>.
/// </summary>
internal static class NistEcdsa
{
    public static void Sign(NistCurve curve, PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var handle = (NistKeyHandle)key.Handle;
        lock (handle.Sync)
        {
            if (!handle.Ecdsa.TrySignData(data, signature, curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written)
                || written != curve.SignatureSize)
            {
                throw new CryptographicException($"{curve.JwkCurve} signing failed.");
            }
        }
    }

    public static bool Verify(NistCurve curve, PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var verifier = publicKey.GetOrCreateVerifier(k => new Verifier(ECDsa.Create(curve.Parameters(k.UncompressedSpan, null))));
        lock (verifier.Sync)
        {
            return verifier.Ecdsa.VerifyData(data, signature, curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    private sealed class Verifier(ECDsa ecdsa)
    {
        public ECDsa Ecdsa { get; } = ecdsa;

        public Lock Sync { get; } = new();
    }
}
