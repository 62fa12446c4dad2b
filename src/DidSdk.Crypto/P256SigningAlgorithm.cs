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

    private protected override bool VerifyCore(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        publicKey.GetOrCreateVerifier(static k => new P256Verifier(k)).Verify(data, signature);

    /// <summary>
    /// The platform keys of one public key. A platform key is not documented as safe for concurrent use, so each
    /// verification takes one from a small pool instead of locking a shared one: threads verifying with the same key
    /// (one issuer's credentials) run in parallel, and a key is built once per concurrent caller, not per call.
    /// </summary>
    private sealed class P256Verifier
    {
        private readonly PublicKeyMaterial _key;
        private readonly ECDsa?[] _pool = new ECDsa?[Math.Clamp(Environment.ProcessorCount, 2, 16)];

        public P256Verifier(PublicKeyMaterial key)
        {
            _key = key;
            _pool[0] = Create(key);
        }

        public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
        {
            var ecdsa = Rent();
            try
            {
                return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            finally
            {
                Return(ecdsa);
            }
        }

        private ECDsa Rent()
        {
            for (var i = 0; i < _pool.Length; i++)
            {
                if (Volatile.Read(ref _pool[i]) is not null && Interlocked.Exchange(ref _pool[i], null) is { } pooled)
                {
                    return pooled;
                }
            }

            return Create(_key);
        }

        private void Return(ECDsa ecdsa)
        {
            for (var i = 0; i < _pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _pool[i], ecdsa, null) is null)
                {
                    return;
                }
            }

            ecdsa.Dispose();
        }

        private static ECDsa Create(PublicKeyMaterial key)
        {
            var point = key.UncompressedSpan;
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new System.Security.Cryptography.ECPoint { X = point[1..33].ToArray(), Y = point[33..65].ToArray() },
            });
        }
    }
}
