using System.Text.Json.Nodes;
using DidSdk.Core.Jose;

namespace DidSdk.SdJwt;

/// <summary>
/// Issues SD-JWT VCs: <c>typ</c> <c>dc+sd-jwt</c>, the registered claims (<c>iss</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>,
/// <c>vct</c>, <c>cnf</c>, <c>status</c>, <c>sub</c>) always in the clear, the subject claims disclosable as asked.
/// </summary>
public sealed class SdJwtVcIssuer
{
    private readonly SdJwtIssuer _issuer;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an issuer. The signer's key id goes into <c>kid</c>: for a DID issuer, a DID URL of <c>iss</c>.</summary>
    /// <param name="signer">The issuer's signer.</param>
    /// <param name="options">SD-JWT settings (digest algorithm, decoys, disclosure style), or <see langword="null"/> for the defaults.</param>
    /// <param name="saltGenerator">Where salts come from; default 128 random bits each (<see cref="RandomSaltGenerator"/>).</param>
    /// <param name="timeProvider">The clock for <c>iat</c>; default <see cref="TimeProvider.System"/>.</param>
    public SdJwtVcIssuer(ISigner signer, SdJwtIssuerOptions? options = null, ISaltGenerator? saltGenerator = null, TimeProvider? timeProvider = null)
    {
        _issuer = new SdJwtIssuer(signer, options, saltGenerator);
        this._timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Issues the credential.</summary>
    /// <exception cref="ArgumentException">A never-disclosable claim was marked disclosable, or the claims redefine a registered claim.</exception>
    public Task<SdJwtToken> IssueAsync(SdJwtVcIssuanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(request.Vct);
        foreach (var pointer in request.Disclosable)
        {
            if (JsonPointer.TryParse(pointer, out var tokens) && tokens.Count > 0 && (SdJwtVc.NeverDisclosableClaims.Contains(tokens[0]) || tokens[0] is "iat" or "sub"))
            {
                throw new ArgumentException($"'{pointer}' names a registered claim, which an SD-JWT VC keeps in the clear.", nameof(request));
            }
        }

        var claims = new JsonObject { ["iss"] = request.Issuer, ["iat"] = _timeProvider.GetUtcNow().ToUnixTimeSeconds() };
        if (request.ValidFrom is { } nbf)
        {
            claims["nbf"] = nbf.ToUnixTimeSeconds();
        }

        if (request.ExpiresAt is { } exp)
        {
            claims["exp"] = exp.ToUnixTimeSeconds();
        }

        claims["vct"] = request.Vct;
        if (request.Subject is { } sub)
        {
            claims["sub"] = sub;
        }

        if (request.Status is { } status)
        {
            claims["status"] = status.ToStatusClaim();
        }

        foreach (var (name, value) in request.Claims)
        {
            if (claims.ContainsKey(name) || name is "cnf" or "_sd" or "_sd_alg")
            {
                throw new ArgumentException($"The claims must not redefine the registered claim '{name}'.", nameof(request));
            }

            claims[name] = value?.DeepClone();
        }

        return _issuer.IssueAsync(
            new SdJwtIssuanceRequest
            {
                Claims = claims,
                Disclosable = request.Disclosable,
                Header = new JsonObject { ["typ"] = SdJwtVc.Type },
                HolderPublicKey = request.HolderPublicKey,
            },
            cancellationToken);
    }
}
