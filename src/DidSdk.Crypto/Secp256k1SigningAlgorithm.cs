using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace DidSdk.Crypto;

/// <summary>
/// ECDSA over secp256k1. JWS <c>ES256K</c> signs SHA-256 of the data; Ethereum signs a Keccak-256 digest with
/// <see cref="SignHashRecoverable"/>, which also yields the recovery id. Signing is deterministic (RFC 6979) and
/// always produces low S (S ≤ n/2). Verification requires low S by default, as did-jwt, Bitcoin (BIP 62/146) and
/// Ethereum (EIP-2) do: a high-S signature is the malleated twin of a valid one, so accepting it lets anyone mint a
/// second, different-looking signature for the same token. RFC 8812 itself accepts either S; a verifier that must
/// accept high-S signatures from a signer that does not normalise uses <see cref="SigningAlgorithm.Secp256k1AllowingHighS"/>.
/// </summary>
[SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Algorithms are singletons with instance operations, like NSec's.")]
public sealed class Secp256k1SigningAlgorithm : SigningAlgorithm
{
    internal Secp256k1SigningAlgorithm(bool allowHighS)
    {
        AllowsHighS = allowHighS;
    }

    /// <summary>
    /// Whether verification accepts signatures with S &gt; n/2 (the malleable twin of a low-S signature).
    /// <see langword="false"/> for <see cref="SigningAlgorithm.Secp256k1"/>.
    /// </summary>
    public bool AllowsHighS { get; }

    /// <inheritdoc/>
    public override KeyType KeyType => KeyType.Secp256k1;

    /// <inheritdoc/>
    public override string JoseAlgorithm => "ES256K";

    /// <inheritdoc/>
    public override int SignatureSize => 64;

    /// <summary>Signs a 32-byte digest; returns <c>r || s</c> (64 bytes, low S).</summary>
    public byte[] SignHash(PrivateKey key, ReadOnlySpan<byte> hash) => SignDigest(key, hash, computeRecoveryId: false, out _);

    /// <summary>
    /// Signs a 32-byte digest and computes the recovery id (0 or 1; 2 and 3 are possible only for an r ≥ p − n, with
    /// negligible probability) such that <see cref="TryRecoverPublicKey"/> returns the signer's key.
    /// </summary>
    public byte[] SignHashRecoverable(PrivateKey key, ReadOnlySpan<byte> hash, out int recoveryId) =>
        SignDigest(key, hash, computeRecoveryId: true, out recoveryId);

    /// <summary>Verifies <c>r || s</c> over a 32-byte digest (low S only unless <see cref="AllowsHighS"/>).</summary>
    public bool VerifyHash(PublicKeyMaterial publicKey, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.KeyType != KeyType.Secp256k1 || signature.Length != 64 || hash.Length != 32)
        {
            return false;
        }

        var r = new BigInteger(1, signature[..32]);
        var s = new BigInteger(1, signature[32..]);
        if (!InRange(r) || !InRange(s) || (!AllowsHighS && s.CompareTo(EcCurves.Secp256k1HalfN) > 0))
        {
            return false;
        }

        var parameters = publicKey.GetOrCreateVerifier(EcCurves.ToParameters);
        var signer = new ECDsaSigner();
        signer.Init(false, parameters);
        return signer.VerifySignature(hash.ToArray(), r, s);
    }

    /// <summary>
    /// Recovers the public key from a digest, <c>r || s</c> and a recovery id (0–3) per SEC 1 §4.1.6.
    /// Returns <see langword="false"/> for any invalid input.
    /// </summary>
    public static bool TryRecoverPublicKey(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, int recoveryId, [NotNullWhen(true)] out PublicKeyMaterial? publicKey)
    {
        publicKey = null;
        if (hash.Length != 32 || signature.Length != 64 || recoveryId is < 0 or > 3)
        {
            return false;
        }

        var r = new BigInteger(1, signature[..32]);
        var s = new BigInteger(1, signature[32..]);
        if (!InRange(r) || !InRange(s))
        {
            return false;
        }

        var point = Recover(new BigInteger(1, hash), r, s, recoveryId);
        return point is not null && PublicKeyMaterial.TryImport(KeyType.Secp256k1, point.GetEncoded(true), out publicKey);
    }

    private protected override void SignCore(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        Span<byte> hash = stackalloc byte[32];
        Hashes.Sha256(data, hash);
        SignDigest(key, hash, computeRecoveryId: false, out _).CopyTo(signature);
    }

    private protected override bool VerifyCore(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Span<byte> hash = stackalloc byte[32];
        Hashes.Sha256(data, hash);
        return VerifyHash(publicKey, hash, signature);
    }

    private static byte[] SignDigest(PrivateKey key, ReadOnlySpan<byte> hash, bool computeRecoveryId, out int recoveryId)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeyType != KeyType.Secp256k1)
        {
            throw new ArgumentException($"ES256K needs a secp256k1 key, not {key.KeyType}.", nameof(key));
        }

        if (hash.Length != 32)
        {
            throw new ArgumentException("The digest must be 32 bytes.", nameof(hash));
        }

        var domain = EcCurves.Secp256k1;
        var d = ((Secp256k1KeyHandle)key.Handle).D;
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(d, domain));
        var hashArray = hash.ToArray();
        var rs = signer.GenerateSignature(hashArray);
        var r = rs[0];
        var s = rs[1];
        if (s.CompareTo(EcCurves.Secp256k1HalfN) > 0)
        {
            s = domain.N.Subtract(s);
        }

        recoveryId = -1;
        if (computeRecoveryId)
        {
            var e = new BigInteger(1, hashArray);
            var expected = key.PublicKey.RawBytes;
            for (var id = 0; id < 4; id++)
            {
                var candidate = Recover(e, r, s, id);
                if (candidate is not null && candidate.GetEncoded(true).AsSpan().SequenceEqual(expected))
                {
                    recoveryId = id;
                    break;
                }
            }

            if (recoveryId < 0)
            {
                throw new InvalidOperationException("Could not compute the recovery id of a fresh signature.");
            }
        }

        var output = new byte[64];
        r.ToByteArrayUnsigned().CopyTo(output.AsSpan(32 - r.ToByteArrayUnsigned().Length));
        s.ToByteArrayUnsigned().CopyTo(output.AsSpan(64 - s.ToByteArrayUnsigned().Length));
        return output;
    }

    private static bool InRange(BigInteger value) => value.SignValue > 0 && value.CompareTo(EcCurves.Secp256k1.N) < 0;

    private static ECPoint? Recover(BigInteger e, BigInteger r, BigInteger s, int recoveryId)
    {
        var domain = EcCurves.Secp256k1;
        var n = domain.N;
        var x = r.Add(n.Multiply(BigInteger.ValueOf(recoveryId / 2)));
        var p = domain.Curve.Field.Characteristic;
        if (x.CompareTo(p) >= 0)
        {
            return null;
        }

        var encoded = new byte[33];
        encoded[0] = (byte)((recoveryId & 1) == 1 ? 0x03 : 0x02);
        var xBytes = x.ToByteArrayUnsigned();
        xBytes.CopyTo(encoded, 33 - xBytes.Length);
        ECPoint bigR;
        try
        {
            bigR = domain.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (!bigR.Multiply(n).IsInfinity)
        {
            return null;
        }

        var rInv = r.ModInverse(n);
        var u1 = e.Negate().Mod(n).Multiply(rInv).Mod(n);
        var u2 = s.Multiply(rInv).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(domain.G, u1, bigR, u2).Normalize();
        return q.IsInfinity ? null : q;
    }
}
