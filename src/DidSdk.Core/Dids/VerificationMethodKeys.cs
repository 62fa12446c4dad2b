using System.Diagnostics.CodeAnalysis;
using DidSdk.Crypto;

namespace DidSdk.Core.Dids;

/// <summary>Maps verification method types and key material properties to <see cref="PublicKeyMaterial"/> values.</summary>
internal static class VerificationMethodKeys
{
    private const int MaxEncodedKeyLength = 512;

    public static bool TryGetPublicKey(VerificationMethod method, [NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out Problem? problem)
    {
        publicKey = null;
        if (method.IsRecoveryMethod)
        {
            problem = new Problem(DidProblemCodes.RecoveryMethodHasNoKey, "An EcdsaSecp256k1RecoveryMethod2020 names an account, not a key.");
            return false;
        }

        var forms = (method.PublicKeyMultibase is null ? 0 : 1) + (method.PublicKeyJwk is null ? 0 : 1)
            + (method.PublicKeyBase58 is null ? 0 : 1) + (method.PublicKeyHex is null ? 0 : 1) + (PublicKeyBase64(method) is null ? 0 : 1);
        if (forms > 1)
        {
            // DID Core 1.0 §5.2.1: a verification method MUST NOT contain multiple verification material properties.
            problem = new Problem(DidProblemCodes.MissingKeyMaterial, "The verification method has more than one key material property.");
            return false;
        }

        // The 2018-2020 suites are also published with publicKeyJwk; the method type still fixes the key type.
        if (method.PublicKeyJwk is not null && LegacyKeyType(method.Type) is { } legacyType)
        {
            return FromJwk(method, legacyType, out publicKey, out problem);
        }

        switch (method.Type)
        {
            case VerificationMethodTypes.Multikey:
                return FromMultikey(method, null, out publicKey, out problem);
            case VerificationMethodTypes.Ed25519VerificationKey2020:
                return FromMultikey(method, KeyType.Ed25519, out publicKey, out problem);
            case VerificationMethodTypes.X25519KeyAgreementKey2020:
                return FromMultikey(method, KeyType.X25519, out publicKey, out problem);
            case VerificationMethodTypes.Ed25519VerificationKey2018:
                return FromRaw(method, KeyType.Ed25519, out publicKey, out problem);
            case VerificationMethodTypes.X25519KeyAgreementKey2019:
                return FromRaw(method, KeyType.X25519, out publicKey, out problem);
            case VerificationMethodTypes.Secp256k1VerificationKey2018:
                return FromRaw(method, KeyType.Secp256k1, out publicKey, out problem);
            case VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019:
                return method.PublicKeyMultibase is not null
                    ? FromMultikey(method, KeyType.Secp256k1, out publicKey, out problem)
                    : FromRaw(method, KeyType.Secp256k1, out publicKey, out problem);
            case VerificationMethodTypes.EcdsaSecp256r1VerificationKey2019:
                return method.PublicKeyMultibase is not null
                    ? FromMultikey(method, KeyType.P256, out publicKey, out problem)
                    : FromRaw(method, KeyType.P256, out publicKey, out problem);
            case VerificationMethodTypes.JsonWebKey:
            case VerificationMethodTypes.JsonWebKey2020:
                return FromJwk(method, null, out publicKey, out problem);
            default:
                problem = new Problem(DidProblemCodes.UnsupportedVerificationMethodType, "The verification method type is not supported.");
                return false;
        }
    }

    private static KeyType? LegacyKeyType(string type) => type switch
    {
        VerificationMethodTypes.Ed25519VerificationKey2018 or VerificationMethodTypes.Ed25519VerificationKey2020 => KeyType.Ed25519,
        VerificationMethodTypes.X25519KeyAgreementKey2019 or VerificationMethodTypes.X25519KeyAgreementKey2020 => KeyType.X25519,
        VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019 or VerificationMethodTypes.Secp256k1VerificationKey2018 => KeyType.Secp256k1,
        VerificationMethodTypes.EcdsaSecp256r1VerificationKey2019 => KeyType.P256,
        _ => null,
    };

    private static bool FromMultikey(VerificationMethod method, KeyType? expected, [NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out Problem? problem)
    {
        publicKey = null;
        if (method.PublicKeyMultibase is not { } value)
        {
            problem = new Problem(DidProblemCodes.MissingKeyMaterial, $"A {method.Type} verification method needs publicKeyMultibase.");
            return false;
        }

        if (value.Length > MaxEncodedKeyLength || !Multikey.TryDecode(value, out var key))
        {
            problem = new Problem(DidProblemCodes.InvalidKeyMaterial, "publicKeyMultibase is not a valid Multikey public key.");
            return false;
        }

        return Check(key, expected, out publicKey, out problem);
    }

    private static bool FromRaw(VerificationMethod method, KeyType keyType, [NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out Problem? problem)
    {
        publicKey = null;
        byte[]? bytes;
        if (method.PublicKeyBase58 is { } base58)
        {
            // Multibase validates the base58btc alphabet strictly; prefixing 'z' reuses that decoder for the bare form.
            if (base58.Length == 0 || base58.Length > MaxEncodedKeyLength || !Multibase.TryDecode("z" + base58, MultibaseEncoding.Base58Btc, out bytes))
            {
                problem = new Problem(DidProblemCodes.InvalidKeyMaterial, "publicKeyBase58 is not base58btc.");
                return false;
            }
        }
        else if (method.PublicKeyHex is { } hex)
        {
            var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.AsSpan(2) : hex.AsSpan();
            if (digits.Length == 0 || digits.Length > MaxEncodedKeyLength || digits.Length % 2 != 0 || digits.ContainsAnyExcept(HexChars))
            {
                problem = new Problem(DidProblemCodes.InvalidKeyMaterial, "publicKeyHex is not hexadecimal.");
                return false;
            }

            bytes = Convert.FromHexString(digits);
        }
        else if (PublicKeyBase64(method) is { } base64)
        {
            // did:ethr publishes attribute keys with the "base64" encoding as publicKeyBase64 (standard alphabet, padded).
            bytes = new byte[64];
            if (base64.Length == 0 || base64.Length > MaxEncodedKeyLength || !Convert.TryFromBase64String(base64, bytes, out var written))
            {
                problem = new Problem(DidProblemCodes.InvalidKeyMaterial, "publicKeyBase64 is not base64.");
                return false;
            }

            bytes = bytes[..written];
        }
        else
        {
            problem = new Problem(DidProblemCodes.MissingKeyMaterial, $"A {method.Type} verification method needs publicKeyBase58, publicKeyHex or publicKeyBase64.");
            return false;
        }

        if (!PublicKeyMaterial.TryImport(keyType, bytes, out var key))
        {
            problem = new Problem(DidProblemCodes.InvalidKeyMaterial, $"The key material is not a valid {keyType} public key.");
            return false;
        }

        publicKey = key;
        problem = null;
        return true;
    }

    private static bool FromJwk(VerificationMethod method, KeyType? expected, [NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out Problem? problem)
    {
        publicKey = null;
        if (method.PublicKeyJwk is not { } jwk)
        {
            problem = new Problem(DidProblemCodes.MissingKeyMaterial, $"A {method.Type} verification method needs publicKeyJwk.");
            return false;
        }

        if (jwk.HasPrivateKey || !jwk.TryGetPublicKey(out var key))
        {
            problem = new Problem(DidProblemCodes.InvalidKeyMaterial, "publicKeyJwk is not a valid public JWK of a supported key type.");
            return false;
        }

        return Check(key, expected, out publicKey, out problem);
    }

    private static bool Check(PublicKeyMaterial key, KeyType? expected, [NotNullWhen(true)] out PublicKeyMaterial? publicKey, [NotNullWhen(false)] out Problem? problem)
    {
        if (expected is { } type && key.KeyType != type)
        {
            publicKey = null;
            problem = new Problem(DidProblemCodes.KeyTypeMismatch, $"The key is a {key.KeyType} key, not {type}.");
            return false;
        }

        publicKey = key;
        problem = null;
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> HexChars = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static string? PublicKeyBase64(VerificationMethod method) =>
        method.AdditionalProperties.TryGetValue("publicKeyBase64", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
}
