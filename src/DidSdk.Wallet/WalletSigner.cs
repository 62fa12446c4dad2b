using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Wallet;

/// <summary>An <see cref="ISigner"/> over a wallet key: signs inside the wallet; the private key never leaves it.</summary>
internal sealed class WalletSigner(Wallet wallet, PrivateKeyHolder holder, string keyId) : ISigner
{
    public SigningAlgorithm Algorithm { get; } = SigningAlgorithm.ForKeyType(holder.Key.KeyType)
        ?? throw new ArgumentException("The key type cannot sign.", nameof(holder));

    public string? KeyId { get; } = keyId;

    public PublicKeyMaterial PublicKey => holder.Info.PublicKey;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        wallet.ThrowIfDisposed();
        return ValueTask.FromResult(Algorithm.Sign(holder.Key, data.Span));
    }
}
