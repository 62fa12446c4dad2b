using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>
/// Verifies presentations: VP-JOSE (<c>vp+jwt</c>, enveloped or embedded credentials), VP-COSE (<c>vp+cose</c>), VP-JWT 1.1 (the <c>vp</c>
/// claim, as did-jwt-vc makes them) and Data Integrity presentations. The holder's signature must come from a
/// verification method in the holder's <c>authentication</c>; <c>aud</c> and <c>nonce</c> (<c>domain</c> and
/// <c>challenge</c>) must be the verifier's (no replay); <c>exp</c>/<c>nbf</c>/<c>iat</c> (the proof's
/// <c>created</c>/<c>expires</c>) must hold; every credential inside is verified by the <see cref="CredentialVerifier"/>
/// given. Never throws for invalid input.
/// </summary>
public sealed partial class PresentationVerifier
{
    private readonly CredentialVerifier _credentials;
    private readonly DidSignatureVerifier _signatures;
    private readonly IReadOnlyDictionary<string, PublicKeyMaterial>? _holderKeys;

    private const string VcJoseEnvelopePrefix = "data:application/vc+jwt,";
    private const string VcSdJwtEnvelopePrefix = "data:application/vc+sd-jwt,";
    private const string VcSdJwtFormat = "vc+sd-jwt";

    /// <summary>Creates a verifier with the services and settings of <paramref name="credentialVerifier"/> for the presentation and its credentials.</summary>
    public PresentationVerifier(CredentialVerifier credentialVerifier)
    {
        _credentials = credentialVerifier ?? throw new ArgumentNullException(nameof(credentialVerifier));
        _signatures = new DidSignatureVerifier(credentialVerifier.Resolver);
    }

    /// <summary>
    /// Creates a verifier that also knows the public keys of holders that are not DIDs, for VP-JOSE and VP-COSE.
    /// </summary>
    /// <param name="credentialVerifier">Services and settings for the presentation and its credentials.</param>
    /// <param name="holderKeys">
    /// Keys known out of band for holders that are <em>not</em> DIDs (e.g. an HTTPS URL holder, VC-JOSE-COSE §3.1.3),
    /// by holder. Never used for a DID holder: there, the DID's key in <c>authentication</c> decides. They verify only
    /// the holder's signature on the presentation, never a credential (whose issuer keys are
    /// <see cref="CredentialVerifier.IssuerKeys"/>).
    /// </param>
    public PresentationVerifier(CredentialVerifier credentialVerifier, IReadOnlyDictionary<string, PublicKeyMaterial> holderKeys)
        : this(credentialVerifier)
    {
        ArgumentNullException.ThrowIfNull(holderKeys);
        _holderKeys = new Dictionary<string, PublicKeyMaterial>(holderKeys, StringComparer.Ordinal);
    }

    /// <summary>Verifies <paramref name="presentation"/>, which must be bound to <paramref name="expectedAudience"/> and <paramref name="expectedNonce"/>.</summary>
    public Task<CredentialVerificationResult> VerifyAsync(string presentation, string expectedAudience, string expectedNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedAudience);
        ArgumentNullException.ThrowIfNull(expectedNonce);
        return VerifyCoreAsync(presentation, expectedAudience, expectedNonce, cancellationToken);
    }

    /// <summary>
    /// Verifies <paramref name="presentation"/> like <see cref="VerifyAsync"/> but without binding it to an exchange: its
    /// <c>aud</c> and <c>nonce</c> (a Data Integrity proof's <c>domain</c> and <c>challenge</c>) are not checked, so a
    /// presentation made for another verifier, or captured and replayed, verifies too. The holder's signature, the
    /// presentation's lifetime (<c>exp</c>, <c>nbf</c>, <c>iat</c>) and every credential inside are checked as usual.
    /// Use it only where no exchange exists (conformance test vectors, presentations archived after an exchange
    /// checked them), never to accept a presentation from a holder. Never throws for invalid input.
    /// </summary>
    public Task<CredentialVerificationResult> VerifyWithoutExchangeBindingAsync(string presentation, CancellationToken cancellationToken = default) =>
        VerifyCoreAsync(presentation, null, null, cancellationToken);

    /// <summary>The audience and nonce are both given (bound to an exchange) or both <see langword="null"/> (not bound).</summary>
    private async Task<CredentialVerificationResult> VerifyCoreAsync(string presentation, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken)
    {
        var options = _credentials.Options;
        if (string.IsNullOrWhiteSpace(presentation) || presentation.Length > options.MaxInputLength)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The presentation is empty or larger than the limit."));
        }

        if (CredentialVerifier.TryDecodeCoseText(presentation.Trim(), VcCose.EnvelopedPresentationPrefix, out var cose))
        {
            return await VerifyCoseCoreAsync(cose, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
        }

        if (presentation.TrimStart().StartsWith('{'))
        {
            return await VerifyDataIntegrityAsync(presentation, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
        }

        var read = Jws.ReadCompact(presentation.Trim(), options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.InvalidJws, "The JWS is malformed or its algorithm is not allowed.", read.Problem));
        }

        var jws = read.Token!;
        if (StrictJson.TryParseObject(jws.Payload.Span, options.MaxJsonDepth, out var payload) != StrictJsonStatus.Ok)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The presentation's payload is not a JSON object within the limits."));
        }

        if (!CredentialVerifier.TryReadClaims(payload!, out var claims, out var claimsProblem))
        {
            return CredentialVerificationResult.Fail(claimsProblem);
        }

        var jose = jws.Type == CredentialFormats.VpJose;
        if (!jose && payload!["vp"] is not JsonObject)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.WrongType, "A presentation needs typ vp+jwt or a vp claim."));
        }

        var format = jose ? CredentialFormats.VpJose : CredentialFormats.VpJwt11;
        var vp = jose ? payload! : payload!["vp"]!.AsObject();
        var named = vp["holder"] switch
        {
            JsonObject o => CredentialVerifier.StringValue(o["id"]),
            var node => CredentialVerifier.StringValue(node),
        };
        var problems = new List<Problem>();
        if (named is not null && claims.Issuer is not null && named != claims.Issuer)
        {
            problems.Add(new Problem(CredentialProblemCodes.IssuerMismatch, "The JWT iss differs from the presentation's holder."));
            return new CredentialVerificationResult(format, null, vp, problems);
        }

        var holder = named ?? claims.Issuer;
        if (holder is null)
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "The presentation does not name its holder."));
            return new CredentialVerificationResult(format, null, vp, problems);
        }

        var (_, presenterKey) = await _credentials.CheckSignerKeyAsync(jws.KeyId, jws.SigningAlgorithm, default, jws.Signature, holder, VerificationRelationship.Authentication, problems, cancellationToken, _holderKeys, jws).ConfigureAwait(false);
        CheckExchangeClaims(claims, expectedAudience, expectedNonce, problems);
        var results = await VerifyEmbeddedAsync(vp, presenterKey, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, holder, vp, problems, results);
    }

    /// <summary>
    /// The checks that bind a presentation to this exchange, for every securing format: audience, nonce, and the
    /// presentation's own lifetime (<c>exp</c>, <c>nbf</c>, <c>iat</c>). <see cref="CredentialVerifierOptions.AllowExpiredCredentials"/>
    /// does not relax them: they are the holder's statement about this exchange. Without an exchange (both
    /// <see langword="null"/>) only the lifetime is checked.
    /// </summary>
    private void CheckExchangeClaims(JwtClaims claims, string? expectedAudience, string? expectedNonce, List<Problem> problems)
    {
        if (expectedAudience is not null && !claims.Audience.Contains(expectedAudience, StringComparer.Ordinal))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongAudience, "The presentation is not addressed to this verifier."));
        }

        if (expectedNonce is not null && !string.Equals(claims.Nonce, expectedNonce, StringComparison.Ordinal))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongNonce, "The presentation's nonce is not the one this verifier issued."));
        }

        var now = _credentials.Now;
        var skew = _credentials.Options.ClockSkew;
        if (claims.ExpirationTime is { } exp && exp < now - skew)
        {
            problems.Add(new Problem(CredentialProblemCodes.PresentationExpired, "The presentation has expired."));
        }

        if (claims.NotBefore is { } nbf && nbf > now + skew)
        {
            problems.Add(new Problem(CredentialProblemCodes.PresentationNotYetValid, "The presentation is not valid yet."));
        }

        _credentials.CheckIssuedAt(claims.IssuedAt, problems);
    }

    /// <summary>
    /// A Data Integrity presentation: the proof (purpose authentication) with <c>challenge</c> = nonce and
    /// <c>domain</c> = audience. Without <c>holder</c> (optional in VC 2.0 §4.13) the DID of the proof's
    /// verification method is the presenter, and the proof binds its key.
    /// </summary>
    private async Task<CredentialVerificationResult> VerifyDataIntegrityAsync(string json, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.DataIntegrity;
        if (!_credentials.TryParseJson(json, out var document))
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The presentation is not a JSON object within the limits."), format);
        }

        if (!VerifiablePresentation.TryParse(document, out var vp, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, document, modelProblems);
        }

        var proofs = VcDataModel.Objects(document!["proof"]);
        var holder = vp.Holder ?? PresenterOf(proofs);
        if (holder is null)
        {
            return new CredentialVerificationResult(format, null, document, [new Problem(CredentialProblemCodes.InvalidPresentation, "The presentation names no holder and its proof no DID verification method.")]);
        }

        var problems = new List<Problem>();
        _credentials.CheckProofDates(proofs, presentation: true, problems, out _);
        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, holder, document, problems);
        }

        foreach (var result in await DataIntegrity.VerifyProofsAsync(document!, _signatures, holder, VerificationRelationship.Authentication, cancellationToken).ConfigureAwait(false))
        {
            if (!result.Succeeded)
            {
                problems.Add(result.Problem);
            }
        }

        if (expectedNonce is not null && !proofs.Any(p => CredentialVerifier.StringValue(p["challenge"]) == expectedNonce))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongNonce, "The presentation's proof challenge is not the nonce this verifier issued."));
        }

        if (expectedAudience is not null && !proofs.Any(p => CredentialVerifier.StringValue(p["domain"]) == expectedAudience))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongAudience, "The presentation's proof domain is not this verifier."));
        }

        // A Data Integrity proof yields no single presenter key here: a cnf-bound credential needs its Key Binding JWT.
        var results = await VerifyEmbeddedAsync(document!, null, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, holder, document, problems, results);
    }

    /// <summary>The DID of the verification method every proof names, when they all name the same DID.</summary>
    private static string? PresenterOf(IReadOnlyList<JsonObject> proofs)
    {
        string? presenter = null;
        foreach (var proof in proofs)
        {
            if (CredentialVerifier.StringValue(proof["verificationMethod"]) is not { } vm || !DidUrl.TryParse(vm, out var url, out _))
            {
                return null;
            }

            var did = url.Did.ToString();
            if (presenter is not null && presenter != did)
            {
                return null;
            }

            presenter = did;
        }

        return presenter;
    }

    /// <summary>
    /// Verifies every credential in <paramref name="vp"/>. A credential bound to a holder key (<c>cnf</c>, reported by its
    /// format handler as <see cref="CredentialVerificationResult.HolderBinding"/>) must also be bound to this presentation:
    /// a Key Binding JWT verified, or <paramref name="presenterKey"/> (the key the presentation's signature verified
    /// with) is its <c>cnf</c> key; otherwise anyone could present another holder's credential in their own presentation.
    /// </summary>
    private async Task<List<CredentialVerificationResult>> VerifyEmbeddedAsync(JsonObject vp, PublicKeyMaterial? presenterKey, List<Problem> problems, CancellationToken cancellationToken)
    {
        var results = new List<CredentialVerificationResult>();
        foreach (var entry in VcDataModel.Nodes(vp["verifiableCredential"]))
        {
            var result = await VerifyEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            foreach (var cause in result.Problems)
            {
                problems.Add(new Problem(CredentialProblemCodes.EmbeddedCredentialInvalid, "A credential in the presentation does not verify.", cause));
            }

            if (result.HolderBinding is { } binding && !binding.IsBoundTo(presenterKey))
            {
                problems.Add(new Problem(CredentialProblemCodes.CredentialNotBoundToHolder, "A credential in the presentation is bound to a holder key (cnf) but carries no verified Key Binding JWT, and the presentation is not signed with that key."));
            }
        }

        return results;
    }

    /// <summary>
    /// One entry of <c>verifiableCredential</c>: a compact credential, an <c>EnvelopedVerifiableCredential</c>
    /// (VC Data Model 2.0 §4.13.1; VC-JOSE-COSE §3.3: <c>vc+jwt</c>, <c>vc+cose</c>, <c>vc+sd-jwt</c>) unwrapped and verified
    /// as the credential it carries, or an embedded credential object.
    /// </summary>
    private async Task<CredentialVerificationResult> VerifyEntryAsync(JsonNode? entry, CancellationToken cancellationToken)
    {
        if (entry is JsonObject envelope && CredentialVerifier.StringValue(envelope["id"]) is { } id && id.StartsWith("data:", StringComparison.Ordinal))
        {
            if (id.StartsWith(VcJoseEnvelopePrefix, StringComparison.Ordinal))
            {
                return await _credentials.VerifyAsync(id[VcJoseEnvelopePrefix.Length..], cancellationToken).ConfigureAwait(false);
            }

            if (id.StartsWith(VcCose.EnvelopedCredentialPrefix, StringComparison.Ordinal))
            {
                return await _credentials.VerifyAsync(id, cancellationToken).ConfigureAwait(false);
            }

            if (id.StartsWith(VcSdJwtEnvelopePrefix, StringComparison.Ordinal))
            {
                return await VerifyEnvelopedSdJwtAsync(id[VcSdJwtEnvelopePrefix.Length..], cancellationToken).ConfigureAwait(false);
            }

            if (VcDataModel.TypesOf(envelope).Contains("EnvelopedVerifiableCredential"))
            {
                // Read as an embedded credential, the envelope itself would fail with data-model problems that hide the cause.
                return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.EnvelopedFormatUnsupported, "The enveloped credential's media type is not one this verifier unwraps (vc+jwt, vc+cose, vc+sd-jwt)."));
            }
        }

        var input = entry switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonObject o => o.ToJsonString(),
            _ => string.Empty,
        };
        return await _credentials.VerifyAsync(input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A <c>vc+sd-jwt</c> from a <c>data:application/vc+sd-jwt,</c> envelope, verified only by a registered
    /// <see cref="ICredentialFormatHandler"/> for <c>vc+sd-jwt</c> (DidSdk.SdJwt's <c>VcSdJwtFormatHandler</c>): the SD-JWT
    /// rules live in that package, and no other format may answer for content the envelope labels <c>vc+sd-jwt</c>.
    /// </summary>
    private async Task<CredentialVerificationResult> VerifyEnvelopedSdJwtAsync(string sdJwt, CancellationToken cancellationToken)
    {
        if (!_credentials.HasHandlerFor(VcSdJwtFormat))
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.EnvelopedFormatUnsupported, "The presentation envelopes a vc+sd-jwt credential and no vc+sd-jwt format handler is registered with the credential verifier."), VcSdJwtFormat);
        }

        return await _credentials.VerifyWithHandlerAsync(VcSdJwtFormat, sdJwt, cancellationToken).ConfigureAwait(false)
            ?? CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.WrongType, "The data:application/vc+sd-jwt envelope does not hold a vc+sd-jwt (an SD-JWT with typ vc+sd-jwt)."), VcSdJwtFormat);
    }
}
