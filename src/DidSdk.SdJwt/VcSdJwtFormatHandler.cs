using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;

namespace DidSdk.SdJwt;

/// <summary>
/// Plugs W3C <c>vc+sd-jwt</c> (<see cref="VcSdJwt"/>) into <see cref="CredentialVerifier"/>. Register it before an
/// <see cref="SdJwtVcFormatHandler"/>: it claims only SD-JWTs with <c>typ</c> <c>vc+sd-jwt</c> and a VC Data Model payload.
/// Checks: the SD-JWT rules and key binding (as <see cref="SdJwtVerifier"/>), the issuer's key (a DID issuer: the
/// <c>kid</c> must be its verification method for <c>assertionMethod</c>; another issuer: the key supplied in
/// <see cref="CredentialVerifier.IssuerKeys"/>), <c>iss</c> agreeing with <c>issuer</c>, no member that must stay in the
/// clear came through a disclosure, the disclosed credential's data model, registered JWT claims (<c>sub</c>, <c>jti</c>,
/// <c>nbf</c>, <c>exp</c>) agreeing with it, its validity period, <c>credentialStatus</c> and <c>relatedResource</c> as for
/// <c>vc+jwt</c> (<see cref="CredentialVerifier.CheckStatusAsync"/>), and last the trust policy. Create one per request
/// with the expected <c>aud</c> and <c>nonce</c>.
/// </summary>
public sealed class VcSdJwtFormatHandler : ICredentialFormatHandler
{
    private readonly SdJwtVerifierOptions _handlerOptions;
    private readonly string? _expectedAudience;
    private readonly string? _expectedNonce;

    /// <summary>Creates a handler.</summary>
    /// <param name="expectedAudience">The Key Binding JWT's expected <c>aud</c>; <see langword="null"/> only when key binding is not required.</param>
    /// <param name="expectedNonce">The Key Binding JWT's expected <c>nonce</c>.</param>
    /// <param name="options">SD-JWT settings (key binding, limits, <c>_sd_alg</c> allow-list), or <see langword="null"/> for the defaults (key binding required).</param>
    public VcSdJwtFormatHandler(string? expectedAudience, string? expectedNonce, SdJwtVerifierOptions? options = null)
    {
        _handlerOptions = options ?? new SdJwtVerifierOptions();
        _handlerOptions.Validate(nameof(options));
        _expectedAudience = expectedAudience;
        _expectedNonce = expectedNonce;
    }

    /// <inheritdoc/>
    public string Format => VcSdJwt.Type;

    /// <inheritdoc/>
    public bool CanHandle(string input) => VcSdJwt.IsVcSdJwt(input);

    /// <inheritdoc/>
    public async Task<CredentialVerificationResult> VerifyAsync(string input, CredentialVerifier verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(verifier);
        var settings = verifier.Options;
        var options = _handlerOptions.With(settings.ClockSkew, settings.AllowExpiredCredentials, settings.AllowUncheckedStatus, settings.JwsReaderOptions);
        return (await VerifyCoreAsync(input, verifier, options, _expectedAudience, _expectedNonce, cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>
    /// Every check of a <c>vc+sd-jwt</c>, with what a presentation needs to decide holder binding: whether the credential
    /// names a holder key (<c>cnf</c>) and whether a Key Binding JWT verified with it.
    /// </summary>
    internal static async Task<VcSdJwtVerification> VerifyCoreAsync(string input, CredentialVerifier verifier, SdJwtVerifierOptions options, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken)
    {
        const string format = VcSdJwt.Type;
        var settings = verifier.Options;
        if (!SdJwtToken.TryParse(input, options.ReaderOptions, out var token, out var problem)
            || !SdJwtVerifier.TryReadIssuerJwt(token, options, out var jws, out var payload, out var hashAlgorithm, out problem))
        {
            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, null, null, [problem]));
        }

        if (jws.Type != VcSdJwt.Type)
        {
            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, null, null, [new Problem(SdJwtProblemCodes.VcSdJwtWrongType, $"The typ must be {VcSdJwt.Type}.")]));
        }

        var issuer = payload["issuer"] switch
        {
            JsonObject o => StringOf(o["id"]),
            var node => StringOf(node),
        };
        if (issuer is null)
        {
            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, null, null, [new Problem(SdJwtProblemCodes.VcSdJwtClaimInvalid, "The credential's issuer is not in the clear as a URL or an object with an id.")]));
        }

        if (payload.TryGetPropertyValue("iss", out var iss) && StringOf(iss) != issuer)
        {
            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, issuer, null, [new Problem(SdJwtProblemCodes.VcSdJwtClaimInvalid, "iss contradicts the credential's issuer.")]));
        }

        // The issuer's key: a DID issuer's own method for assertionMethod (a supplied key never stands in for a DID), else the supplied key.
        SdJwtIssuerKey issuerKey;
        if (issuer.StartsWith("did:", StringComparison.Ordinal))
        {
            if (!Did.TryParse(issuer, out _, out _))
            {
                return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, issuer, null, [new Problem(SdJwtProblemCodes.IssuerKeyUnknown, "The issuer is not a valid DID.")]));
            }

            var signature = await new DidSignatureVerifier(verifier.Resolver).VerifyJwsAsync(jws, issuer, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
            if (!signature.Succeeded || signature.PublicKey is null)
            {
                return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, issuer, null, [new Problem(SdJwtProblemCodes.IssuerSignatureInvalid, "The Issuer-signed JWT does not verify with a key the issuer's DID authorizes for assertionMethod.", signature.Problem)]));
            }

            issuerKey = SdJwtIssuerKey.FromPublicKey(signature.PublicKey);
        }
        else if (verifier.IssuerKeys.TryGetValue(issuer, out var supplied))
        {
            issuerKey = SdJwtIssuerKey.FromPublicKey(supplied);
        }
        else
        {
            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, issuer, null, [new Problem(SdJwtProblemCodes.IssuerKeyUnknown, "The issuer is not a DID and no key was supplied for it.")]));
        }

        var hasHolderKey = payload.ContainsKey("cnf");
        var core = await new SdJwtVerifier(options, verifier.TimeProvider).VerifyReadAsync(token, jws, payload, hashAlgorithm, issuerKey, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>(core.Problems);
        foreach (var pointer in core.DisclosedPointers)
        {
            if (JsonPointer.TryParse(pointer, out var tokens) && tokens.Count == 1 && VcSdJwt.NeverDisclosableClaims.Contains(tokens[0]))
            {
                problems.Add(new Problem(SdJwtProblemCodes.VcSdJwtClaimDisclosed, $"The member '{tokens[0]}' must stay in the clear."));
            }
        }

        if (problems.Count > 0 || core.Claims is null)
        {
            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, issuer, null, problems));
        }

        var claims = core.Claims;
        claims.Remove("cnf");
        if (!VerifiableCredential.TryParse(claims, out var vc, out var modelProblems) || vc.Version != VcDataModelVersion.V2)
        {
            problems.AddRange(modelProblems);
            if (vc is not null && vc.Version != VcDataModelVersion.V2)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidContext, "A vc+sd-jwt secures a VC Data Model 2.0 credential."));
            }

            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, issuer, null, problems));
        }

        // VC-JOSE-COSE §3.1.2 (as for vc+jwt): registered claims that are present must not contradict the credential,
        // read after disclosure so a sub or jti that came through a disclosure is compared too.
        if (!JwtClaims.TryParse(claims, out var registered, out var registeredProblem))
        {
            return VcSdJwtVerification.Fail(new CredentialVerificationResult(format, issuer, null, [new Problem(SdJwtProblemCodes.IssuerJwtClaimMalformed, "A registered claim of the credential is unreadable.", registeredProblem)]));
        }

        CheckRegisteredClaims(registered, vc, problems);
        var now = verifier.TimeProvider.GetUtcNow();
        if (vc.ValidFrom is { } from && from > now + settings.ClockSkew)
        {
            problems.Add(new Problem(CredentialProblemCodes.NotYetValid, "The credential is not valid yet."));
        }

        if (vc.ValidUntil is { } until && until < now - settings.ClockSkew && !settings.AllowExpiredCredentials)
        {
            problems.Add(new Problem(CredentialProblemCodes.Expired, "The credential has expired."));
        }

        // Bitstring Status List and relatedResource digests, with the rules and codes of vc+jwt.
        problems.AddRange(await verifier.CheckStatusAsync(vc, cancellationToken).ConfigureAwait(false));
        TrustPolicyResult? trust = null;
        if (problems.Count == 0)
        {
            trust = await verifier.EvaluateTrustAsync(
                new TrustPolicyContext
                {
                    Issuer = issuer,
                    CredentialTypes = vc.Types,
                    IssuedAt = core.IssuedAt ?? vc.ValidFrom,
                    VerificationMethod = core.VerificationMethodId ?? jws.KeyId,
                    Format = format,
                    VerificationTime = now,
                    Claims = claims,
                },
                cancellationToken).ConfigureAwait(false);
            if (trust is { Succeeded: false })
            {
                problems.Add(trust.Problem);
            }
        }

        var holderKey = CnfBinding.Key(payload);

        // A cnf-bound credential reports its binding, so a presentation carrying it can require it to be bound to its presenter.
        var keyBound = core.HasKeyBindingClaims;
        var result = new CredentialVerificationResult(format, issuer, claims, problems)
        {
            Trust = trust,
            HolderBinding = hasHolderKey ? new HolderKeyBinding(holderKey, keyBound) : null,
        };
        return new VcSdJwtVerification(result, vc, hasHolderKey, keyBound, holderKey);
    }

    private static void CheckRegisteredClaims(JwtClaims registered, VerifiableCredential vc, List<Problem> problems)
    {
        if (registered.Subject is { } sub && !vc.CredentialSubjects.Any(s => StringOf(s["id"]) == sub))
        {
            problems.Add(new Problem(CredentialProblemCodes.SubjectMismatch, "The JWT sub is not the id of a credentialSubject."));
        }

        if (registered.JwtId is { } jti && vc.Id is { } id && jti != id)
        {
            problems.Add(new Problem(CredentialProblemCodes.IdMismatch, "The JWT jti differs from the credential's id."));
        }

        if (registered.NotBefore is { } nbf && vc.ValidFrom is { } validFrom && nbf.ToUnixTimeSeconds() != validFrom.ToUnixTimeSeconds())
        {
            problems.Add(new Problem(CredentialProblemCodes.ValidFromMismatch, "The JWT nbf differs from the credential's validFrom."));
        }

        if (registered.ExpirationTime is { } exp && vc.ValidUntil is { } validUntil && exp.ToUnixTimeSeconds() != validUntil.ToUnixTimeSeconds())
        {
            problems.Add(new Problem(CredentialProblemCodes.ValidUntilMismatch, "The JWT exp differs from the credential's validUntil."));
        }
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
