using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.Wallet;

/// <summary>A key held by the wallet: its public part and the holder DIDs it controls. Never the private key.</summary>
public sealed class WalletKey
{
    internal WalletKey(string id, PublicKeyMaterial publicKey, bool exportable, DateTimeOffset createdAt)
    {
        Id = id;
        PublicKey = publicKey;
        Exportable = exportable;
        CreatedAt = createdAt;
        var dids = new List<string> { Core.Methods.DidKey.Create(publicKey), DidJwk.Create(publicKey) };
        if (publicKey.KeyType == KeyType.Secp256k1)
        {
            dids.Add("did:ethr:" + EthereumAddress.FromPublicKey(publicKey));
        }

        Dids = dids;
    }

    /// <summary>The wallet's id of the key.</summary>
    public string Id { get; }

    /// <summary>The key type (Ed25519, secp256k1, P-256).</summary>
    public KeyType KeyType => PublicKey.KeyType;

    /// <summary>The public key.</summary>
    public PublicKeyMaterial PublicKey { get; }

    /// <summary>Whether the private key may be exported (<see cref="Wallet.ExportPrivateKeyAsync"/>); chosen at generation.</summary>
    public bool Exportable { get; }

    /// <summary>When the key was generated.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The holder DIDs this key controls: <c>did:key</c>, <c>did:jwk</c> and, for secp256k1, <c>did:ethr</c> (its address, no chain id).</summary>
    public IReadOnlyList<string> Dids { get; }

    /// <summary>The <c>did:key</c> DID.</summary>
    public string DidKey => Dids[0];

    /// <summary>
    /// The verification method id (a JWS <c>kid</c>) of this key in <paramref name="did"/>: <c>did:key:z..#z...</c>,
    /// <c>did:jwk:...#0</c>, <c>did:ethr:0x...#controller</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="did"/> is not one of <see cref="Dids"/>.</exception>
    public string VerificationMethodId(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (did == Dids[0])
        {
            return Core.Methods.DidKey.GetVerificationMethodId(PublicKey);
        }

        if (did == Dids[1])
        {
            return did + "#0";
        }

        if (Dids.Count > 2 && did == Dids[2])
        {
            return did + "#controller";
        }

        throw new ArgumentException("The DID is not controlled by this key.", nameof(did));
    }
}
