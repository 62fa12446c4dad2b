using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Ethr;

/// <summary>
/// A parsed did:ethr DID (did:ethr method specification, "Method Specific Identifier"):
/// <c>did:ethr:[network:]&lt;address | compressed secp256k1 public key&gt;</c>. The network is a name configured in
/// the resolver or a hex chain id such as <c>0x7a69</c>; absent means mainnet.
/// </summary>
public sealed class EthrDid
{
    /// <summary>The method name.</summary>
    public const string MethodName = "ethr";

    private EthrDid(string did, string? network, EthereumAddress address, PublicKeyMaterial? publicKey)
    {
        Did = did;
        Network = network;
        Address = address;
        PublicKey = publicKey;
    }

    /// <summary>The DID string.</summary>
    public string Did { get; }

    /// <summary>The network part (a name or <c>0x</c> chain id), or <see langword="null"/> for mainnet.</summary>
    public string? Network { get; }

    /// <summary>The identity's address (derived from the public key for key-based DIDs).</summary>
    public EthereumAddress Address { get; }

    /// <summary>The public key, for DIDs made from one (which get a <c>#controllerKey</c>).</summary>
    public PublicKeyMaterial? PublicKey { get; }

    /// <summary>The DID for an account on a chain, as <c>did:ethr:0x&lt;chainId hex&gt;:&lt;address&gt;</c> (EIP-55 checksummed).</summary>
    public static string Create(EthereumAddress address, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"did:ethr:0x{chainId.ToString("x", CultureInfo.InvariantCulture)}:{address}";
    }

    /// <summary>The DID for a public key on a chain: <c>did:ethr:0x&lt;chainId&gt;:0x&lt;compressed key&gt;</c>.</summary>
    public static string Create(PublicKeyMaterial publicKey, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.KeyType != KeyType.Secp256k1)
        {
            throw new ArgumentException("did:ethr keys are secp256k1.", nameof(publicKey));
        }

        return $"did:ethr:0x{chainId.ToString("x", CultureInfo.InvariantCulture)}:0x{Convert.ToHexStringLower(publicKey.Bytes)}";
    }

    /// <summary>
    /// The document of a DID with no registry history (what every new did:ethr resolves to): the <c>#controller</c>
    /// recovery method, plus <c>#controllerKey</c> for a public-key DID. Creating a did:ethr needs no transaction.
    /// </summary>
    /// <exception cref="ArgumentException">The DID is not a did:ethr DID.</exception>
    public static Core.Dids.DidDocument CreateDocument(string did, ulong chainId)
    {
        if (!TryParse(did, out var parsed))
        {
            throw new ArgumentException("Not a did:ethr DID.", nameof(did));
        }

        return EthrDidDocumentBuilder.Build(did, parsed, chainId, [], 0, null, jsonLd: true).Document;
    }

    /// <summary>Parses a did:ethr DID (no path, query or fragment). Never throws for bad input.</summary>
    public static bool TryParse(string? did, [NotNullWhen(true)] out EthrDid? parsed)
    {
        parsed = null;
        if (did is null || did.Length > 256 || !did.StartsWith("did:ethr:", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = did["did:ethr:".Length..];
        var colon = rest.LastIndexOf(':');
        var network = colon < 0 ? null : rest[..colon];
        var id = colon < 0 ? rest : rest[(colon + 1)..];
        if (network is { Length: 0 } || (network is not null && !network.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.')))
        {
            return false;
        }

        if (id.Length == 42 && EthereumAddress.TryParse(id, out var address))
        {
            if (id[2..].Any(char.IsAsciiLetterUpper) && id[2..].Any(char.IsAsciiLetterLower) && !string.Equals(address.ToString(), id, StringComparison.Ordinal))
            {
                return false; // mixed case must be a valid EIP-55 checksum
            }

            parsed = new EthrDid(did, network, address, null);
            return true;
        }

        if (id.Length == 68 && id.StartsWith("0x", StringComparison.Ordinal) && id[2..].All(char.IsAsciiHexDigit)
            && PublicKeyMaterial.TryImport(KeyType.Secp256k1, Convert.FromHexString(id.AsSpan(2)), out var key))
        {
            parsed = new EthrDid(did, network, EthereumAddress.FromPublicKey(key), key);
            return true;
        }

        return false;
    }
}
