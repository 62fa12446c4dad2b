using System.Diagnostics.CodeAnalysis;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Methods;

/// <summary>
/// The <see href="https://w3c-ccg.github.io/did-key-spec/">did:key</see> method: <c>did:key:</c> followed by the
/// Multikey (base58btc multibase of the multicodec-prefixed public key) of an Ed25519, X25519, secp256k1, P-256, P-384 or
/// P-521 key.
/// </summary>
public static class DidKey
{
    /// <summary>The method name, <c>key</c>.</summary>
    public const string MethodName = "key";

    /// <summary>The default <c>@context</c> of produced documents: DID Core 1.0 and the Multikey context.</summary>
    public static IReadOnlyList<string> DefaultContext { get; } = [DidContexts.DidV1, DidContexts.MultikeyV1];

    /// <summary>The did:key DID of <paramref name="publicKey"/>.</summary>
    public static string Create(PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return "did:key:" + Multikey.Encode(publicKey);
    }

    /// <summary>The DID URL of the key's verification method: <c>did:key:z…#z…</c>.</summary>
    public static string GetVerificationMethodId(PublicKeyMaterial publicKey)
    {
        var multikey = Multikey.Encode(publicKey);
        return string.Concat("did:key:", multikey, "#", multikey);
    }

    /// <summary>
    /// Decodes the public key of a did:key DID (did:key spec §3.1.2 "Decode Public Key Algorithm"). On failure
    /// <paramref name="error"/> is a DID resolution error: <c>invalidDid</c> (not a did:key, a <c>version</c> segment,
    /// not starting with <c>z</c>, not base58btc, not the canonical encoding), <c>invalidPublicKey</c> (a malformed
    /// multicodec varint or a key that is not a valid point), <c>unsupportedPublicKeyType</c> (a multicodec other than
    /// Ed25519, X25519, secp256k1, P-256, P-384 or P-521) or <c>invalidPublicKeyLength</c>. Never throws.
    /// </summary>
    public static bool TryGetPublicKey(string? did, [NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out string? error, out string? message)
    {
        publicKey = null;
        message = null;
        if (!Did.TryParse(did, out var parsed, out var problem) || parsed.Method != MethodName)
        {
            error = DidResolutionErrors.InvalidDid;
            message = problem?.Message ?? "Not a did:key DID.";
            return false;
        }

        return TryDecode(parsed.MethodSpecificId, out publicKey, out error, out message);
    }

    internal static bool TryDecode(string multibaseValue, [NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out string? error, out string? message)
    {
        publicKey = null;
        if (multibaseValue.Length < 2 || multibaseValue[0] != 'z' || multibaseValue.Contains(':', StringComparison.Ordinal))
        {
            error = DidResolutionErrors.InvalidDid;
            message = "The did:key method-specific id must be one base58btc multibase value ('z…').";
            return false;
        }

        if (!Multibase.TryDecode(multibaseValue, MultibaseEncoding.Base58Btc, out var bytes))
        {
            error = DidResolutionErrors.InvalidDid;
            message = "The did:key value is not base58btc.";
            return false;
        }

        if (!Multicodec.TryRemovePrefix(bytes, out var code, out var keyBytes))
        {
            error = DidResolutionErrors.InvalidPublicKey;
            message = "The did:key value does not start with a valid multicodec varint.";
            return false;
        }

        if (!Multicodec.TryGetPublicKeyType(code, out var keyType))
        {
            error = DidResolutionErrors.UnsupportedPublicKeyType;
            message = $"Multicodec 0x{code:x} is not a supported public key type.";
            return false;
        }

        var expectedLength = keyType switch
        {
            KeyType.Ed25519 or KeyType.X25519 => 32,
            KeyType.P384 => 49,
            KeyType.P521 => 67,
            _ => 33,
        };
        if (keyBytes.Length != expectedLength)
        {
            error = DidResolutionErrors.InvalidPublicKeyLength;
            message = $"A {keyType} did:key must hold {expectedLength} key bytes.";
            return false;
        }

        if (!PublicKeyMaterial.TryImport(keyType, keyBytes, out var key))
        {
            error = DidResolutionErrors.InvalidPublicKey;
            message = $"The did:key bytes are not a valid {keyType} public key.";
            return false;
        }

        // One key, one DID: a non-canonical encoding of the same key (e.g. an uncompressed point) is not its did:key.
        if (!string.Equals(Multikey.Encode(key), multibaseValue, StringComparison.Ordinal))
        {
            error = DidResolutionErrors.InvalidDid;
            message = "The did:key value is not the canonical encoding of its key.";
            return false;
        }

        publicKey = key;
        error = null;
        message = null;
        return true;
    }

    /// <summary>
    /// The DID document of a did:key (did:key spec §3.1.1 "Document Creation Algorithm"): one <c>Multikey</c>
    /// verification method <c>#&lt;multibase&gt;</c>; signing keys are referenced from <c>authentication</c>,
    /// <c>assertionMethod</c>, <c>capabilityInvocation</c> and <c>capabilityDelegation</c>; an X25519 key only from
    /// <c>keyAgreement</c>; an Ed25519 key also gets a derived X25519 key embedded in <c>keyAgreement</c> when
    /// <paramref name="options"/> enables encryption key derivation (the default).
    /// </summary>
    /// <exception cref="ArgumentException">The Ed25519 key has no X25519 equivalent (a low-order point).</exception>
    public static DidDocument CreateDocument(PublicKeyMaterial publicKey, DidKeyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return TryCreateDocument(publicKey, options ?? DidKeyOptions.Default, out var document)
            ? document
            : throw new ArgumentException("The Ed25519 key has no X25519 equivalent.", nameof(publicKey));
    }

    /// <summary>Builds the did:key document of <paramref name="publicKey"/>; <see langword="false"/> when its X25519 key cannot be derived now.</summary>
    /// <param name="publicKey">The key.</param>
    /// <param name="options">Document creation options.</param>
    /// <param name="document">The document.</param>
    /// <param name="multikey">The key's Multikey when the caller already has it.</param>
    /// <param name="deferKeyAgreement">
    /// Derive an Ed25519 key's X25519 <c>keyAgreement</c> key when the document's key agreement is first read, not now
    /// (resolution: verifying a signature never needs it). The derivation then cannot fail the call; a key without an
    /// X25519 equivalent gets an empty <c>keyAgreement</c>.
    /// </param>
    internal static bool TryCreateDocument(PublicKeyMaterial publicKey, DidKeyOptions options, [NotNullWhen(true)] out DidDocument? document, string? multikey = null, bool deferKeyAgreement = false)
    {
        document = null;
        multikey ??= Multikey.Encode(publicKey);
        var did = "did:key:" + multikey;
        var method = new VerificationMethod
        {
            Id = string.Concat(did, "#", multikey),
            Type = VerificationMethodTypes.Multikey,
            Controller = did,
            PublicKeyMultibase = multikey,
        };

        if (publicKey.KeyType == KeyType.X25519)
        {
            document = new DidDocument
            {
                Context = options.Context,
                Id = did,
                VerificationMethod = [method],
                KeyAgreement = [method.Id],
            };
            return true;
        }

        var derive = publicKey.KeyType == KeyType.Ed25519 && options.EnableEncryptionKeyDerivation;
        if (derive && deferKeyAgreement)
        {
            document = new DidDocument
            {
                Context = options.Context,
                Id = did,
                VerificationMethod = [method],
                Authentication = [method.Id],
                AssertionMethod = [method.Id],
                CapabilityDelegation = [method.Id],
                CapabilityInvocation = [method.Id],
                DeferredKeyAgreement = () => TryDeriveKeyAgreement(publicKey, did, out var derived) ? [derived] : [],
            };
            return true;
        }

        VerificationMethodReference[] keyAgreement = [];
        if (derive)
        {
            if (!TryDeriveKeyAgreement(publicKey, did, out var derived))
            {
                return false;
            }

            keyAgreement = [derived];
        }

        document = new DidDocument
        {
            Context = options.Context,
            Id = did,
            VerificationMethod = [method],
            Authentication = [method.Id],
            AssertionMethod = [method.Id],
            CapabilityDelegation = [method.Id],
            CapabilityInvocation = [method.Id],
            KeyAgreement = keyAgreement,
        };
        return true;
    }

    private static bool TryDeriveKeyAgreement(PublicKeyMaterial ed25519PublicKey, string did, [NotNullWhen(true)] out VerificationMethodReference? keyAgreement)
    {
        keyAgreement = null;
        if (!Ed25519ToX25519.TryConvertPublicKey(ed25519PublicKey, out var x25519))
        {
            return false;
        }

        var xMultikey = Multikey.Encode(x25519);
        keyAgreement = new VerificationMethod
        {
            Id = string.Concat(did, "#", xMultikey),
            Type = VerificationMethodTypes.Multikey,
            Controller = did,
            PublicKeyMultibase = xMultikey,
        };
        return true;
    }
}
