using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>How the verifier establishes the issuer's key for the Issuer-signed JWT.</summary>
public sealed class SdJwtIssuerKey
{
    private readonly PublicKeyMaterial? _key;
    private readonly DidSignatureVerifier? _didVerifier;

    private SdJwtIssuerKey(PublicKeyMaterial? key, DidSignatureVerifier? didVerifier)
    {
        this._key = key;
        this._didVerifier = didVerifier;
    }

    /// <summary>A key the caller already trusts for this issuer (e.g. from its metadata or a trust list).</summary>
    public static SdJwtIssuerKey FromPublicKey(PublicKeyMaterial publicKey) => new(publicKey ?? throw new ArgumentNullException(nameof(publicKey)), null);

    /// <summary>
    /// The <c>iss</c> claim is a DID and the header's <c>kid</c> a DID URL of one of its verification methods, authorized
    /// for <c>assertionMethod</c>; resolved through <paramref name="verifier"/>'s resolver (did:key, did:jwk, did:web, did:ethr...).
    /// </summary>
    public static SdJwtIssuerKey FromIssuerDid(DidSignatureVerifier verifier) => new(null, verifier ?? throw new ArgumentNullException(nameof(verifier)));

    /// <summary>Verifies the signature; returns the id of the verification method that signed (null for a key known out of band) or the problem.</summary>
    /// <param name="jws">The Issuer-signed JWT.</param>
    /// <param name="issuer">Its <c>iss</c> when that is a string; <see langword="null"/> when absent or of another type.</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    internal async ValueTask<(bool Verified, string? VerificationMethodId, Problem? Problem)> VerifyAsync(JwsToken jws, string? issuer, CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return Jws.VerifySignature(jws, _key)
                ? (true, null, null)
                : (false, null, new Problem(SdJwtProblemCodes.IssuerSignatureInvalid, "The Issuer-signed JWT's signature does not verify with the issuer key."));
        }

        if (issuer is null || !Did.TryParse(issuer, out _, out _))
        {
            return (false, null, new Problem(SdJwtProblemCodes.IssuerKeyUnknown, "The iss claim is not a DID, so the issuer key cannot be resolved from it."));
        }

        var result = await _didVerifier!.VerifyJwsAsync(jws, issuer, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return (true, result.VerificationMethod?.Id, null);
        }

        var cause = result.Problem!;
        return cause.Code is JoseProblemCodes.InvalidSignature or JoseProblemCodes.AlgorithmKeyMismatch
            ? (false, null, new Problem(SdJwtProblemCodes.IssuerSignatureInvalid, "The Issuer-signed JWT's signature does not verify with the issuer's key.", cause))
            : (false, null, new Problem(SdJwtProblemCodes.IssuerKeyNotEstablished, "The issuer's key could not be established from its DID.", cause));
    }
}
