using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;

namespace DidSdk.SdJwt;

/// <summary>
/// Verifies <c>vp+sd-jwt</c> presentations (<see cref="VpSdJwt"/>), as <see cref="PresentationVerifier"/> does VP-JOSE:
/// the SD-JWT rules for the presentation itself; its signature by a verification method in the holder's
/// <c>authentication</c> (the <c>holder</c>, a DID in the clear, or without one the JWT's <c>iss</c>; both present: the same); <c>aud</c> and
/// <c>nonce</c> the verifier's (no replay); <c>iat</c> present and not older than
/// <see cref="SdJwtVerifierOptions.KeyBindingMaxAge"/>, <c>exp</c>/<c>nbf</c> in force (not relaxed by
/// <see cref="CredentialVerifierOptions.AllowExpiredCredentials"/>); the VC Data Model 2.0 presentation; then every
/// <c>EnvelopedVerifiableCredential</c> (<c>data:application/vc+sd-jwt,</c>) verified in full as
/// <see cref="VcSdJwtFormatHandler"/> does (issuer key, disclosures, validity, status, trust policy of the
/// <see cref="CredentialVerifier"/> given), and bound to the presenter: a credential with <c>cnf</c> must carry a Key
/// Binding JWT for the same <c>aud</c> and <c>nonce</c> and either have the presentation's signing key as its <c>cnf</c>
/// key or name the holder as a <c>credentialSubject</c> <c>id</c>; one without <c>cnf</c> must name the holder so.
/// Never throws for invalid input.
/// </summary>
public sealed class VpSdJwtVerifier
{
    private static readonly HashSet<string> NeverDisclosable = new(StringComparer.Ordinal)
    {
        "@context", "type", "id", "holder", "verifiableCredential", "aud", "nonce", "iat", "exp", "nbf", "iss", "cnf",
    };

    private static readonly string[] RegisteredClaims = ["aud", "nonce", "iat", "exp", "nbf", "iss", "jti", "sub"];

    private readonly CredentialVerifier _credentials;
    private readonly SdJwtVerifierOptions _options;

    /// <summary>Creates a verifier with the services and settings of <paramref name="credentialVerifier"/> for the presentation and its credentials.</summary>
    /// <param name="credentialVerifier">The resolver, clock, limits, status list fetcher and trust policy.</param>
    /// <param name="options">
    /// SD-JWT settings (limits, <c>_sd_alg</c> allow-list, <see cref="SdJwtVerifierOptions.KeyBindingMaxAge"/> for the
    /// presentation's and the Key Binding JWTs' <c>iat</c>), or <see langword="null"/> for the defaults.
    /// <see cref="SdJwtVerifierOptions.RequireKeyBinding"/> is not used: whether a credential needs a Key Binding JWT
    /// follows from its <c>cnf</c>.
    /// </param>
    public VpSdJwtVerifier(CredentialVerifier credentialVerifier, SdJwtVerifierOptions? options = null)
    {
        _credentials = credentialVerifier ?? throw new ArgumentNullException(nameof(credentialVerifier));
        var given = options ?? new SdJwtVerifierOptions();
        given.Validate(nameof(options));
        _options = new SdJwtVerifierOptions
        {
            RequireKeyBinding = false,
            KeyBindingMaxAge = given.KeyBindingMaxAge,
            AllowedHashAlgorithms = given.AllowedHashAlgorithms,
            ReaderOptions = given.ReaderOptions,
        };
    }

    /// <summary>Verifies <paramref name="presentation"/>, which must be bound to <paramref name="expectedAudience"/> and <paramref name="expectedNonce"/>.</summary>
    /// <param name="presentation">The compact <c>vp+sd-jwt</c>.</param>
    /// <param name="expectedAudience">This verifier (the presentation's and the Key Binding JWTs' <c>aud</c>).</param>
    /// <param name="expectedNonce">The nonce this verifier issued for the request.</param>
    /// <param name="cancellationToken">Cancels DID resolution and status list fetching.</param>
    /// <returns>The result: <see cref="CredentialVerificationResult.Issuer"/> is the holder, <see cref="CredentialVerificationResult.Claims"/> the presentation, <see cref="CredentialVerificationResult.Credentials"/> each credential's result.</returns>
    public async Task<CredentialVerificationResult> VerifyAsync(string presentation, string expectedAudience, string expectedNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedAudience);
        ArgumentNullException.ThrowIfNull(expectedNonce);
        const string format = VpSdJwt.Type;
        var settings = _credentials.Options;
        if (string.IsNullOrWhiteSpace(presentation))
        {
            return Fail(new Problem(SdJwtProblemCodes.Malformed, "The presentation is empty."));
        }

        if (presentation.Length > settings.MaxInputLength)
        {
            return Fail(new Problem(SdJwtProblemCodes.TooLarge, "The presentation is larger than the limit."));
        }

        var vpOptions = _options.With(settings.ClockSkew, allowExpiredCredentials: false, settings.AllowUncheckedStatus, settings.JwsReaderOptions);
        if (!SdJwtToken.TryParse(presentation.Trim(), vpOptions.ReaderOptions, out var token, out var problem)
            || !SdJwtVerifier.TryReadIssuerJwt(token, vpOptions, out var jws, out var payload, out var hashAlgorithm, out problem))
        {
            return Fail(problem);
        }

        if (jws.Type != VpSdJwt.Type)
        {
            return Fail(new Problem(SdJwtProblemCodes.VpSdJwtWrongType, $"The typ must be {VpSdJwt.Type}."));
        }

        // The holder is the presentation's holder or, without one (optional in VC 2.0 §4.13), the JWT's iss, as for vp+jwt.
        var named = payload["holder"] switch
        {
            JsonObject o => StringOf(o["id"]),
            var node => StringOf(node),
        };
        var iss = payload.TryGetPropertyValue("iss", out var issNode) ? StringOf(issNode) ?? string.Empty : null;
        if (named is not null && iss is not null && iss != named)
        {
            return Fail(new Problem(SdJwtProblemCodes.VpSdJwtInvalid, "iss contradicts the presentation's holder."));
        }

        var holder = named ?? iss;
        if (holder is null || !Did.TryParse(holder, out _, out _))
        {
            return Fail(new Problem(SdJwtProblemCodes.VpSdJwtInvalid, "The presentation does not name its holder (holder or iss) as a DID in the clear."));
        }

        var signature = await new DidSignatureVerifier(_credentials.Resolver).VerifyJwsAsync(jws, holder, VerificationRelationship.Authentication, cancellationToken).ConfigureAwait(false);
        if (!signature.Succeeded || signature.PublicKey is null)
        {
            return new CredentialVerificationResult(format, holder, null, [new Problem(SdJwtProblemCodes.VpSdJwtSignatureInvalid, "The presentation does not verify with a key the holder's DID authorizes for authentication.", signature.Problem)]);
        }

        var core = await new SdJwtVerifier(vpOptions, _credentials.TimeProvider).VerifyReadAsync(token, jws, payload, hashAlgorithm, SdJwtIssuerKey.FromPublicKey(signature.PublicKey), null, null, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>(core.Problems);
        foreach (var pointer in core.DisclosedPointers)
        {
            if (JsonPointer.TryParse(pointer, out var tokens) && tokens.Count >= 1 && NeverDisclosable.Contains(tokens[0]))
            {
                problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtClaimDisclosed, $"The member '{tokens[0]}' must stay in the clear."));
            }
        }

        if (problems.Count > 0 || core.Claims is null)
        {
            return new CredentialVerificationResult(format, holder, null, problems);
        }

        var claims = core.Claims;
        if (!JwtClaims.TryParse(claims, out var registered, out var registeredProblem))
        {
            return new CredentialVerificationResult(format, holder, null, [new Problem(SdJwtProblemCodes.IssuerJwtClaimMalformed, "A registered claim of the presentation is unreadable.", registeredProblem)]);
        }

        if (!registered.Audience.Contains(expectedAudience, StringComparer.Ordinal))
        {
            problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtWrongAudience, "The presentation is not addressed to this verifier."));
        }

        if (!string.Equals(registered.Nonce, expectedNonce, StringComparison.Ordinal))
        {
            problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtWrongNonce, "The presentation's nonce is not the one this verifier issued."));
        }

        var now = _credentials.TimeProvider.GetUtcNow();
        if (registered.IssuedAt is not { } iat || iat < now - _options.KeyBindingMaxAge - settings.ClockSkew)
        {
            problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtIssuedAtInvalid, "The presentation has no iat or is older than the accepted age."));
        }

        // The data model is checked on the presentation without the JWT claims that secure it.
        var model = claims.DeepClone().AsObject();
        foreach (var name in RegisteredClaims)
        {
            model.Remove(name);
        }

        if (!VerifiablePresentation.TryParse(model, out _, out var modelProblems) || FirstContext(model) != "https://www.w3.org/ns/credentials/v2")
        {
            problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtInvalid, "The payload is not a VC Data Model 2.0 verifiable presentation."));
            problems.AddRange(modelProblems);
            return new CredentialVerificationResult(format, holder, null, problems);
        }

        var entries = claims["verifiableCredential"] switch
        {
            null => [],
            JsonArray array => [.. array],
            var single => new List<JsonNode?> { single },
        };
        if (entries.Count > VpSdJwt.MaxCredentials)
        {
            problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtTooManyCredentials, $"The presentation carries more than {VpSdJwt.MaxCredentials} credentials."));
            return new CredentialVerificationResult(format, holder, null, problems);
        }

        var results = new List<CredentialVerificationResult>();
        var credentialOptions = _options.With(settings.ClockSkew, settings.AllowExpiredCredentials, settings.AllowUncheckedStatus, settings.JwsReaderOptions);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry || StringOf(entry["id"]) is not { } id || !id.StartsWith(VpSdJwt.EnvelopedCredentialPrefix, StringComparison.Ordinal) || !IsEnveloped(entry))
            {
                problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtCredentialUnsupported, $"verifiableCredential[{i}] is not an EnvelopedVerifiableCredential with a data:application/vc+sd-jwt id."));
                continue;
            }

            var check = await VcSdJwtFormatHandler.VerifyCoreAsync(id[VpSdJwt.EnvelopedCredentialPrefix.Length..], _credentials, credentialOptions, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
            results.Add(check.Result);
            foreach (var cause in check.Result.Problems)
            {
                problems.Add(new Problem(CredentialProblemCodes.EmbeddedCredentialInvalid, $"verifiableCredential[{i}] does not verify.", cause));
            }

            if (check.Credential is null)
            {
                continue;
            }

            // The presenter is the holder: a cnf-bound credential needs its Key Binding JWT and, so that one holder cannot
            // wrap another's key-bound credential, the cnf key must be the key that signed the presentation or a subject
            // must be the holder; a credential without cnf needs a subject that is the holder.
            var subjectIsHolder = check.Credential.CredentialSubjects.Any(s => StringOf(s["id"]) == holder);
            if (check.HasHolderKey && !check.KeyBound)
            {
                problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtHolderBindingFailed, $"verifiableCredential[{i}] is bound to a holder key (cnf) but carries no Key Binding JWT."));
            }
            else if (!subjectIsHolder && !(check.HasHolderKey && signature.PublicKey.Equals(check.HolderKey)))
            {
                problems.Add(new Problem(SdJwtProblemCodes.VpSdJwtHolderBindingFailed, $"verifiableCredential[{i}] names neither the holder as a credentialSubject id nor the presentation's signing key as cnf."));
            }
        }

        return new CredentialVerificationResult(format, holder, claims, problems, results);

        CredentialVerificationResult Fail(Problem failure) => new(format, null, null, [failure]);
    }

    private static bool IsEnveloped(JsonObject entry) => entry["type"] switch
    {
        JsonValue v => StringOf(v) == "EnvelopedVerifiableCredential",
        JsonArray a => a.Any(t => StringOf(t) == "EnvelopedVerifiableCredential"),
        _ => false,
    };

    private static string? FirstContext(JsonObject model) => model["@context"] switch
    {
        JsonArray { Count: > 0 } a => StringOf(a[0]),
        var node => StringOf(node),
    };

    private static string? StringOf(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
