using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Methods;

/// <summary>
/// The <see href="https://github.com/quartzjer/did-jwk/blob/main/spec.md">did:jwk</see> method: <c>did:jwk:</c>
/// followed by the base64url (no padding) of the UTF-8 JSON of a public JWK. The single verification method is <c>#0</c>.
/// </summary>
public static class DidJwk
{
    /// <summary>The method name, <c>jwk</c>.</summary>
    public const string MethodName = "jwk";

    /// <summary>The <c>@context</c> of produced documents (did:jwk spec §2.4).</summary>
    public static IReadOnlyList<string> DefaultContext { get; } = [DidContexts.DidV1, DidContexts.Jws2020V1];

    /// <summary>The did:jwk DID of a public JWK (private members are never encoded: the public form is used).</summary>
    public static string Create(Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var json = jwk.ToPublicJwk().ToJson();
        return "did:jwk:" + Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The did:jwk DID of <paramref name="publicKey"/>.</summary>
    public static string Create(PublicKeyMaterial publicKey) => Create(Jwk.FromPublicKey(publicKey));

    /// <summary>
    /// Decodes the JWK of a did:jwk DID; on failure <paramref name="error"/> is <c>invalidDid</c> (not base64url JSON of
    /// a JWK, or a private JWK) or <c>invalidPublicKey</c> (an OKP/EC key that is not a valid point). Never throws.
    /// </summary>
    public static bool TryGetJwk(string? did, [NotNullWhen(true)] out Jwk? jwk, [NotNullWhen(false)] out string? error, out string? message)
    {
        jwk = null;
        if (!Did.TryParse(did, out var parsed, out var problem) || parsed.Method != MethodName)
        {
            error = DidResolutionErrors.InvalidDid;
            message = problem?.Message ?? "Not a did:jwk DID.";
            return false;
        }

        return TryDecode(parsed.MethodSpecificId, out jwk, out error, out message);
    }

    internal static bool TryDecode(string value, [NotNullWhen(true)] out Jwk? jwk, [NotNullWhen(false)] out string? error, out string? message)
    {
        jwk = null;
        error = DidResolutionErrors.InvalidDid;
        var bytes = new byte[Base64Url.GetMaxDecodedLength(value.Length)];
        if (value.Contains('=', StringComparison.Ordinal)
            || Base64Url.DecodeFromChars(value, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != value.Length)
        {
            message = "The did:jwk value is not unpadded base64url.";
            return false;
        }

        string json;
        try
        {
            json = new System.Text.UTF8Encoding(false, true).GetString(bytes, 0, written);
        }
        catch (System.Text.DecoderFallbackException)
        {
            message = "The did:jwk value is not UTF-8.";
            return false;
        }

        if (!Jwk.TryParse(json, out var parsed, out _))
        {
            message = "The did:jwk value is not a JWK.";
            return false;
        }

        if (parsed.HasPrivateKey)
        {
            // did:jwk spec §2.3: the JWK MUST NOT contain private key material.
            message = "A did:jwk must not contain a private key.";
            return false;
        }

        if (parsed.Kty is "OKP" or "EC" && !parsed.TryGetPublicKey(out _))
        {
            error = DidResolutionErrors.InvalidPublicKey;
            message = "The did:jwk key is not a valid public key of a supported curve.";
            return false;
        }

        jwk = parsed;
        error = null;
        message = null;
        return true;
    }

    /// <summary>
    /// The DID document of a did:jwk (did:jwk spec §2.4 "Read"): one <c>JsonWebKey2020</c> method <c>#0</c>,
    /// referenced from <c>assertionMethod</c>, <c>authentication</c>, <c>capabilityInvocation</c>,
    /// <c>capabilityDelegation</c> unless <c>use</c> is <c>enc</c>, and from <c>keyAgreement</c> unless <c>use</c>
    /// is <c>sig</c>. An X25519 key is a key agreement key only.
    /// </summary>
    public static DidDocument CreateDocument(string did, Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(jwk);
        var id = did + "#0";
        var method = new VerificationMethod
        {
            Id = id,
            Type = VerificationMethodTypes.JsonWebKey2020,
            Controller = did,
            PublicKeyJwk = jwk,
        };
        var keyAgreementOnly = jwk.Use == "enc" || jwk.Crv == "X25519";
        var signing = !keyAgreementOnly;
        var agreement = jwk.Use != "sig";
        VerificationMethodReference[] reference = [id];
        return new DidDocument
        {
            Context = DefaultContext,
            Id = did,
            VerificationMethod = [method],
            AssertionMethod = signing ? reference : [],
            Authentication = signing ? reference : [],
            CapabilityInvocation = signing ? reference : [],
            CapabilityDelegation = signing ? reference : [],
            KeyAgreement = agreement ? reference : [],
        };
    }
}
