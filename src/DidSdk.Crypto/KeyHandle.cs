using System.Security.Cryptography;
using Org.BouncyCastle.Math;

namespace DidSdk.Crypto;

/// <summary>The private material behind a <see cref="PrivateKey"/>; one subclass per backend.</summary>
internal abstract class KeyHandle : IDisposable
{
    public abstract byte[] ExportPrivate();

    public abstract void Dispose();
}

/// <summary>Ed25519 and X25519 keys held by NSec (libsodium); NSec zeroes them on dispose.</summary>
internal sealed class NSecKeyHandle(NSec.Cryptography.Key key) : KeyHandle
{
    public NSec.Cryptography.Key Key { get; } = key;

    public override byte[] ExportPrivate() => Key.Export(NSec.Cryptography.KeyBlobFormat.RawPrivateKey);

    public override void Dispose() => Key.Dispose();
}

/// <summary>A secp256k1 scalar held as bytes so it can be zeroed; BouncyCastle works on it per operation.</summary>
internal sealed class Secp256k1KeyHandle(byte[] scalar) : KeyHandle
{
    private readonly byte[] _scalar = scalar;

    public BigInteger D => new(1, _scalar);

    public override byte[] ExportPrivate() => (byte[])_scalar.Clone();

    public override void Dispose() => CryptographicOperations.ZeroMemory(_scalar);
}

/// <summary>A P-256 key held by the platform (OpenSSL); signing is serialized because ECDsa instances are not documented as thread-safe.</summary>
internal sealed class P256KeyHandle(ECDsa ecdsa) : KeyHandle
{
    public ECDsa Ecdsa { get; } = ecdsa;

    public Lock Sync { get; } = new();

    public override byte[] ExportPrivate()
    {
        var parameters = Ecdsa.ExportParameters(includePrivateParameters: true);
        try
        {
            return (byte[])parameters.D!.Clone();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    public override void Dispose() => Ecdsa.Dispose();
}
