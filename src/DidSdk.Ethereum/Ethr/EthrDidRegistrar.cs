using DidSdk.Crypto;
using DidSdk.Ethereum.Registry;

namespace DidSdk.Ethereum.Ethr;

/// <summary>
/// Creates and updates did:ethr DIDs: creating needs no transaction (every address is a DID); keys, services and
/// delegates are registry attributes and delegates; deactivation changes the owner to the zero address. Each write
/// returns its transaction hash and block.
/// </summary>
public sealed class EthrDidRegistrar
{
    private static readonly EthereumAddress Zero = EthereumAddress.FromBytes(new byte[20]);
    private readonly EthereumDidRegistry _registry;

    /// <summary>Creates a registrar writing to <paramref name="registry"/>.</summary>
    public EthrDidRegistrar(EthereumDidRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this._registry = registry;
    }

    /// <summary>The did:ethr of a secp256k1 key's account on <paramref name="chainId"/> (no transaction: every account is a DID).</summary>
    public static string Create(PublicKeyMaterial secp256k1Key, ulong chainId) => EthrDid.Create(EthereumAddress.FromPublicKey(secp256k1Key), chainId);

    /// <summary>The attribute name for a key: <c>did/pub/&lt;Secp256k1|Ed25519|X25519&gt;/&lt;veriKey|sigAuth|enc&gt;/&lt;hex|base64|base58&gt;</c>.</summary>
    public static string KeyAttributeName(KeyType keyType, EthrKeyPurpose purpose, EthrKeyEncoding encoding)
    {
        var algorithm = keyType switch
        {
            KeyType.Secp256k1 => "Secp256k1",
            KeyType.Ed25519 => "Ed25519",
            KeyType.X25519 => "X25519",
            _ => throw new ArgumentException($"did:ethr publishes Secp256k1, Ed25519 and X25519 keys, not {keyType}.", nameof(keyType)),
        };
        if ((keyType == KeyType.X25519) != (purpose == EthrKeyPurpose.Enc))
        {
            throw new ArgumentException("X25519 keys are for encryption (enc) only, and only they are.", nameof(purpose));
        }

        return $"did/pub/{algorithm}/{purpose switch { EthrKeyPurpose.VeriKey => "veriKey", EthrKeyPurpose.SigAuth => "sigAuth", _ => "enc" }}/{encoding.ToString().ToLowerInvariant()}";
    }

    /// <summary>Publishes <paramref name="key"/> in the DID document for <paramref name="validity"/>.</summary>
    public Task<RegistryWriteResult> AddKeyAsync(EthrDidWriter writer, string did, PublicKeyMaterial key, EthrKeyPurpose purpose, EthrKeyEncoding encoding, TimeSpan validity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SetAttributeAsync(writer, did, KeyAttributeName(key.KeyType, purpose, encoding), key.Bytes.ToArray(), validity, cancellationToken);
    }

    /// <summary>Removes a key published with <see cref="AddKeyAsync"/> (same purpose and encoding).</summary>
    public Task<RegistryWriteResult> RevokeKeyAsync(EthrDidWriter writer, string did, PublicKeyMaterial key, EthrKeyPurpose purpose, EthrKeyEncoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RevokeAttributeAsync(writer, did, KeyAttributeName(key.KeyType, purpose, encoding), key.Bytes.ToArray(), cancellationToken);
    }

    /// <summary>Adds a service (<c>did/svc/&lt;type&gt;</c>) whose endpoint is <paramref name="endpoint"/> (a URL, or JSON).</summary>
    public Task<RegistryWriteResult> AddServiceAsync(EthrDidWriter writer, string did, string type, string endpoint, TimeSpan validity, CancellationToken cancellationToken = default) =>
        SetAttributeAsync(writer, did, ServiceName(type), System.Text.Encoding.UTF8.GetBytes(endpoint ?? throw new ArgumentNullException(nameof(endpoint))), validity, cancellationToken);

    /// <summary>Removes a service added with <see cref="AddServiceAsync"/>.</summary>
    public Task<RegistryWriteResult> RevokeServiceAsync(EthrDidWriter writer, string did, string type, string endpoint, CancellationToken cancellationToken = default) =>
        RevokeAttributeAsync(writer, did, ServiceName(type), System.Text.Encoding.UTF8.GetBytes(endpoint ?? throw new ArgumentNullException(nameof(endpoint))), cancellationToken);

    /// <summary>Adds a delegate account (<c>veriKey</c> for assertionMethod, <c>sigAuth</c> also for authentication).</summary>
    public async Task<RegistryWriteResult> AddDelegateAsync(EthrDidWriter writer, string did, string delegateType, EthereumAddress @delegate, TimeSpan validity, CancellationToken cancellationToken = default)
    {
        var (w, identity) = Prepare(writer, did);
        return w.OwnerKey is { } key
            ? await _registry.AddDelegateSignedAsync(w.Sender, key, identity, delegateType, @delegate, validity, cancellationToken).ConfigureAwait(false)
            : await _registry.AddDelegateAsync(w.Sender, identity, delegateType, @delegate, validity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a delegate.</summary>
    public async Task<RegistryWriteResult> RevokeDelegateAsync(EthrDidWriter writer, string did, string delegateType, EthereumAddress @delegate, CancellationToken cancellationToken = default)
    {
        var (w, identity) = Prepare(writer, did);
        return w.OwnerKey is { } key
            ? await _registry.RevokeDelegateSignedAsync(w.Sender, key, identity, delegateType, @delegate, cancellationToken).ConfigureAwait(false)
            : await _registry.RevokeDelegateAsync(w.Sender, identity, delegateType, @delegate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands control of the DID to <paramref name="newOwner"/>.</summary>
    public async Task<RegistryWriteResult> ChangeOwnerAsync(EthrDidWriter writer, string did, EthereumAddress newOwner, CancellationToken cancellationToken = default)
    {
        var (w, identity) = Prepare(writer, did);
        return w.OwnerKey is { } key
            ? await _registry.ChangeOwnerSignedAsync(w.Sender, key, identity, newOwner, cancellationToken).ConfigureAwait(false)
            : await _registry.ChangeOwnerAsync(w.Sender, identity, newOwner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deactivates the DID for good: the owner becomes the zero address, which nobody controls.</summary>
    public Task<RegistryWriteResult> DeactivateAsync(EthrDidWriter writer, string did, CancellationToken cancellationToken = default) =>
        ChangeOwnerAsync(writer, did, Zero, cancellationToken);

    /// <summary>Sets any attribute (e.g. a custom <c>did/svc/…</c> or <c>did/pub/…</c> name).</summary>
    public async Task<RegistryWriteResult> SetAttributeAsync(EthrDidWriter writer, string did, string name, byte[] value, TimeSpan validity, CancellationToken cancellationToken = default)
    {
        var (w, identity) = Prepare(writer, did);
        return w.OwnerKey is { } key
            ? await _registry.SetAttributeSignedAsync(w.Sender, key, identity, name, value, validity, cancellationToken).ConfigureAwait(false)
            : await _registry.SetAttributeAsync(w.Sender, identity, name, value, validity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes an attribute (same name and value).</summary>
    public async Task<RegistryWriteResult> RevokeAttributeAsync(EthrDidWriter writer, string did, string name, byte[] value, CancellationToken cancellationToken = default)
    {
        var (w, identity) = Prepare(writer, did);
        return w.OwnerKey is { } key
            ? await _registry.RevokeAttributeSignedAsync(w.Sender, key, identity, name, value, cancellationToken).ConfigureAwait(false)
            : await _registry.RevokeAttributeAsync(w.Sender, identity, name, value, cancellationToken).ConfigureAwait(false);
    }

    private static string ServiceName(string type)
    {
        if (string.IsNullOrEmpty(type) || !type.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("A service type is letters, digits and '_' (it goes into a bytes32 attribute name).", nameof(type));
        }

        return "did/svc/" + type;
    }

    private static (EthrDidWriter Writer, EthereumAddress Identity) Prepare(EthrDidWriter writer, string did)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return EthrDid.TryParse(did, out var parsed)
            ? (writer, parsed.Address)
            : throw new ArgumentException("Not a did:ethr DID.", nameof(did));
    }
}
