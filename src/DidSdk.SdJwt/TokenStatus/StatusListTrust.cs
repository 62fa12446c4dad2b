using System.Security.Cryptography;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>
/// Whose signature a Status List Token must carry. The draft leaves key resolution to the application; the usual
/// rule, and this SDK's, is the Referenced Token's issuer: the same DID (any of its <c>assertionMethod</c> keys) or
/// the same key.
/// </summary>
public sealed class StatusListTrust
{
    private readonly PublicKeyMaterial? _key;
    private readonly string? _did;
    private readonly DidSignatureVerifier? _verifier;

    private StatusListTrust(PublicKeyMaterial? key, string? did, DidSignatureVerifier? verifier, string cacheKey)
    {
        this._key = key;
        this._did = did;
        this._verifier = verifier;
        CacheKey = cacheKey;
    }

    /// <summary>Distinguishes cached lists verified under different trust.</summary>
    internal string CacheKey { get; }

    /// <summary>The token must verify with <paramref name="publicKey"/>.</summary>
    public static StatusListTrust FromKey(PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return new StatusListTrust(publicKey, null, null, "key:" + Convert.ToHexString(SHA256.HashData(publicKey.Bytes)));
    }

    /// <summary>The token's <c>kid</c> must name a verification method of <paramref name="issuerDid"/> authorized for <c>assertionMethod</c>.</summary>
    public static StatusListTrust FromDid(string issuerDid, DidSignatureVerifier verifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuerDid);
        ArgumentNullException.ThrowIfNull(verifier);
        return new StatusListTrust(null, issuerDid, verifier, "did:" + issuerDid);
    }

    internal async Task<Problem?> VerifyAsync(JwsToken token, CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return Jws.VerifySignature(token, _key)
                ? null
                : new Problem(TokenStatusProblemCodes.StatusListSignatureInvalid, "The Status List Token's signature does not verify with the issuer's key.");
        }

        var result = await _verifier!.VerifyJwsAsync(token, _did!, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? null
            : new Problem(TokenStatusProblemCodes.StatusListSignatureInvalid, $"The Status List Token is not signed by the issuer {_did}: {result.Problem!.Message}");
    }
}
