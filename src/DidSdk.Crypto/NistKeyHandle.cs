using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// A P-384 or P-521 key held by the platform (OpenSSL). Operations are serialized per key because <see cref="ECDsa"/>
/// instances are not documented as thread-safe.
/// </summary>
internal sealed class NistKeyHandle(ECDsa ecdsa) : KeyHandle
{
    public ECDsa Ecdsa { get; } = ecdsa;

    public Lock Sync { get; } = new();

    public override byte[] ExportPrivate()
    {
        ECParameters parameters;
        lock (Sync)
        {
            parameters = Ecdsa.ExportParameters(includePrivateParameters: true);
        }

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
