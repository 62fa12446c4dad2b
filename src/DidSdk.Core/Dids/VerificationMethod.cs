using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DidSdk.Crypto;

namespace DidSdk.Core.Dids;

/// <summary>
/// A verification method, per <see href="https://www.w3.org/TR/did-core/#verification-methods">DID Core 1.0 §5.2</see>.
/// Immutable once built; safe to share between threads and cached resolution results.
/// </summary>
/// <remarks>
/// <see cref="TryGetPublicKey"/> maps these types to a <see cref="PublicKeyMaterial"/>: <c>Multikey</c> (Controlled Identifiers 1.0
/// §2.2.2), <c>JsonWebKey</c> / <c>JsonWebKey2020</c>, <c>Ed25519VerificationKey2020</c> / <c>2018</c>,
/// <c>X25519KeyAgreementKey2020</c> / <c>2019</c>, <c>EcdsaSecp256k1VerificationKey2019</c>,
/// <c>EcdsaSecp256r1VerificationKey2019</c> and the legacy <c>Secp256k1VerificationKey2018</c> (the legacy types also
/// with <c>publicKeyJwk</c>). An <c>EcdsaSecp256k1RecoveryMethod2020</c> names an account instead of a key;
/// check it with <see cref="MatchesBlockchainAccount(EthereumAddress, ulong?)"/>.
/// </remarks>
public sealed class VerificationMethod
{
    private readonly IReadOnlyDictionary<string, JsonElement> _additional = DidJson.NoProperties;

    /// <summary>The method <c>id</c>: an absolute DID URL (relative ids are resolved against the DID document <c>id</c> on consumption).</summary>
    public required string Id { get; init; }

    /// <summary>The verification method <c>type</c> (e.g. <c>Multikey</c>).</summary>
    public required string Type { get; init; }

    /// <summary>The <c>controller</c>: the DID authorized to make changes to this method.</summary>
    public required string Controller { get; init; }

    /// <summary><c>publicKeyMultibase</c>, or <see langword="null"/>.</summary>
    public string? PublicKeyMultibase { get; init; }

    /// <summary><c>publicKeyBase58</c> (legacy 2018/2019 suites), or <see langword="null"/>.</summary>
    public string? PublicKeyBase58 { get; init; }

    /// <summary><c>publicKeyHex</c> (legacy, used by did:ethr), or <see langword="null"/>.</summary>
    public string? PublicKeyHex { get; init; }

    /// <summary><c>blockchainAccountId</c>: a CAIP-10 account id such as <c>eip155:1:0xb9c5…</c>, or <see langword="null"/>.</summary>
    public string? BlockchainAccountId { get; init; }

    /// <summary><c>publicKeyJwk</c> (a public JWK; unknown JWK members round-trip), or <see langword="null"/>.</summary>
    public Jwk? PublicKeyJwk { get; init; }

    /// <summary>Properties not named above, preserved for round trips.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get => _additional; init => _additional = DidJson.Freeze(value); }

    /// <summary>Whether this is an <c>EcdsaSecp256k1RecoveryMethod2020</c>, which names an account rather than a key.</summary>
    public bool IsRecoveryMethod => Type == VerificationMethodTypes.EcdsaSecp256k1RecoveryMethod2020;

    /// <summary>
    /// Decodes the public key this method expresses, checking that the key material form and the key type fit the
    /// method <see cref="Type"/>. Never throws for bad input.
    /// </summary>
    /// <param name="publicKey">The key.</param>
    /// <param name="problem">Why there is no usable key (codes in <see cref="DidProblemCodes"/>).</param>
    public bool TryGetPublicKey([NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out Problem? problem)
    {
        // The method is immutable, so the decoded key (multibase/JWK parsing, curve checks) is worth keeping.
        if (_cachedKey is { } cached)
        {
            publicKey = cached;
            problem = null;
            return true;
        }

        if (!VerificationMethodKeys.TryGetPublicKey(this, out publicKey, out problem))
        {
            return false;
        }

        _cachedKey = publicKey;
        return true;
    }

    private PublicKeyMaterial? _cachedKey;

    /// <summary>
    /// For a recovery method (or any method with a <c>blockchainAccountId</c>): whether its CAIP-10 account is
    /// <paramref name="address"/> on an <c>eip155</c> chain (and on <paramref name="chainId"/> when given).
    /// Addresses are compared case-insensitively, as EIP-55 casing is only a checksum.
    /// </summary>
    /// <param name="address">The Ethereum address, <c>0x</c> + 40 hex digits.</param>
    /// <param name="chainId">The required chain id, or <see langword="null"/> to accept any.</param>
    public bool MatchesBlockchainAccount(string address, ulong? chainId = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Caip10.TryParseEip155(BlockchainAccountId, out var accountChain, out var accountAddress))
        {
            return false;
        }

        return (chainId is null || chainId == accountChain)
            && accountAddress.Length == address.Length
            && string.Equals(accountAddress, address, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// For a recovery method (or any method with a <c>blockchainAccountId</c>): whether its CAIP-10 account is
    /// <paramref name="address"/> on an <c>eip155</c> chain (and on <paramref name="chainId"/> when given).
    /// </summary>
    public bool MatchesBlockchainAccount(EthereumAddress address, ulong? chainId = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return MatchesBlockchainAccount(address.ToString(), chainId);
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("type", Type);
        writer.WriteString("controller", Controller);
        if (PublicKeyMultibase is not null)
        {
            writer.WriteString("publicKeyMultibase", PublicKeyMultibase);
        }

        if (PublicKeyJwk is { } jwk)
        {
            writer.WritePropertyName("publicKeyJwk");
            jwk.WriteTo(writer);
        }

        if (PublicKeyBase58 is not null)
        {
            writer.WriteString("publicKeyBase58", PublicKeyBase58);
        }

        if (PublicKeyHex is not null)
        {
            writer.WriteString("publicKeyHex", PublicKeyHex);
        }

        if (BlockchainAccountId is not null)
        {
            writer.WriteString("blockchainAccountId", BlockchainAccountId);
        }

        DidJson.WriteAdditional(writer, _additional);
        writer.WriteEndObject();
    }
}
