using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel;

/// <summary>
/// A <see cref="CryptoProviderFactory"/> that signs and verifies with <see cref="DidSdkSecurityKey"/> keys (EdDSA,
/// ES256K, ES256 in DidSdk.Crypto) and hands every other key to the Microsoft.IdentityModel implementation.
/// </summary>
/// <remarks>
/// A <see cref="DidSdkSecurityKey"/> carries <see cref="Default"/> already, so <c>JsonWebTokenHandler</c> and
/// JwtBearer use it without configuration. Set it as <see cref="TokenValidationParameters.CryptoProviderFactory"/>
/// only when other code replaced a key's factory.
/// </remarks>
public class DidSdkCryptoProviderFactory : CryptoProviderFactory
{
    /// <summary>The shared instance.</summary>
    public static new DidSdkCryptoProviderFactory Default { get; } = new();

    /// <inheritdoc />
    public override bool IsSupportedAlgorithm(string algorithm, SecurityKey key) =>
        key is DidSdkSecurityKey didKey ? didKey.IsAlgorithmOfKey(algorithm) : base.IsSupportedAlgorithm(algorithm, key);

    /// <inheritdoc />
    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm) => CreateForSigning(key, algorithm, cacheProvider: false);

    /// <inheritdoc />
    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm, bool cacheProvider)
    {
        if (key is not DidSdkSecurityKey didKey)
        {
            return base.CreateForSigning(key, algorithm, cacheProvider);
        }

        if (!didKey.CanSign)
        {
            throw new InvalidOperationException("The key has no private key or signer, so it cannot sign.");
        }

        return CreateProvider(didKey, algorithm, willCreateSignatures: true);
    }

    /// <inheritdoc />
    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm) => CreateForVerifying(key, algorithm, cacheProvider: false);

    /// <inheritdoc />
    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm, bool cacheProvider) =>
        key is DidSdkSecurityKey didKey
            ? CreateProvider(didKey, algorithm, willCreateSignatures: false)
            : base.CreateForVerifying(key, algorithm, cacheProvider);

    /// <inheritdoc />
    public override void ReleaseSignatureProvider(SignatureProvider signatureProvider)
    {
        if (signatureProvider is DidSdkSignatureProvider)
        {
            // Nothing to pool: the provider holds references only.
            return;
        }

        base.ReleaseSignatureProvider(signatureProvider);
    }

    private static DidSdkSignatureProvider CreateProvider(DidSdkSecurityKey key, string algorithm, bool willCreateSignatures)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!key.IsAlgorithmOfKey(algorithm))
        {
            throw new NotSupportedException($"A {key.PublicKey.KeyType} key does not support the algorithm '{algorithm}'.");
        }

        return new DidSdkSignatureProvider(key, algorithm, willCreateSignatures);
    }
}
