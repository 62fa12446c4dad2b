using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>A <c>vc+sd-jwt</c>'s verification with what a presentation needs for holder binding.</summary>
/// <remarks>Not a record: its text would otherwise be printed (with personal data) by <c>ToString</c>.</remarks>
internal sealed class VcSdJwtVerification(CredentialVerificationResult result, VerifiableCredential? credential, bool hasHolderKey, bool keyBound, PublicKeyMaterial? holderKey = null)
{
    public CredentialVerificationResult Result { get; } = result;

    /// <summary>The disclosed credential, when it could be read (set even when a later check failed).</summary>
    public VerifiableCredential? Credential { get; } = credential;

    /// <summary>Whether the Issuer-signed JWT names a holder key (<c>cnf</c>).</summary>
    public bool HasHolderKey { get; } = hasHolderKey;

    /// <summary>Whether a Key Binding JWT verified with that key (and the expected <c>aud</c>, <c>nonce</c>, <c>sd_hash</c>).</summary>
    public bool KeyBound { get; } = keyBound;

    /// <summary>The <c>cnf.jwk</c> key, when it is a public key this SDK reads.</summary>
    public PublicKeyMaterial? HolderKey { get; } = holderKey;

    public static VcSdJwtVerification Fail(CredentialVerificationResult result) => new(result, null, false, false);
}
