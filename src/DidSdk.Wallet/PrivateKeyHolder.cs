using DidSdk.Crypto;

namespace DidSdk.Wallet;

/// <summary>A decrypted private key kept inside the wallet object until the wallet is disposed (which zeroes it).</summary>
internal sealed class PrivateKeyHolder(PrivateKey key, WalletKey info) : IDisposable
{
    public PrivateKey Key { get; } = key;

    public WalletKey Info { get; } = info;

    public void Dispose() => Key.Dispose();
}
