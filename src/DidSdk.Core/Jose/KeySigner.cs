using DidSdk.Crypto;

namespace DidSdk.Core.Jose;

/// <summary>An <see cref="ISigner"/> over an in-memory <see cref="PrivateKey"/>. It does not own the key.</summary>
public sealed class KeySigner : ISigner
{
    private readonly PrivateKey _key;

    /// <summary>Creates a signer for <paramref name="key"/>.</summary>
    /// <param name="key">The private key; must be a signing key type (not X25519).</param>
    /// <param name="keyId">The key id (for example <c>did:key:z6Mk...#z6Mk...</c>).</param>
    public KeySigner(PrivateKey key, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Algorithm = SigningAlgorithm.ForKeyType(key.KeyType)
            ?? throw new ArgumentException($"A {key.KeyType} key cannot sign.", nameof(key));
        _key = key;
        KeyId = keyId;
    }

    /// <inheritdoc/>
    public SigningAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public string? KeyId { get; }

    /// <summary>The public key matching the signing key.</summary>
    public PublicKeyMaterial PublicKey => _key.PublicKey;

    /// <inheritdoc/>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Algorithm.Sign(_key, data.Span));
    }

    /// <summary>Signs synchronously (the key is in memory).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => Algorithm.Sign(_key, data);

    /// <summary>Signs synchronously into <paramref name="signature"/>; <see langword="false"/> when it is too small.</summary>
    public bool TrySign(ReadOnlySpan<byte> data, Span<byte> signature, out int bytesWritten) =>
        Algorithm.TrySign(_key, data, signature, out bytesWritten);
}
