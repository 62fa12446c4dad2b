using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;

namespace DidSdk.Credentials;

/// <summary>
/// Verifies presentations: VP-JOSE (<c>vp+jwt</c>, enveloped or embedded credentials) and VP-JWT 1.1 (the <c>vp</c>
/// claim, as did-jwt-vc makes them). The holder's signature must come from a verification method in the holder's
/// <c>authentication</c>; <c>aud</c> and <c>nonce</c> must be the verifier's (no replay); every credential inside is
/// verified by <see cref="CredentialVerifier"/>. Never throws for invalid input.
/// </summary>
public sealed class PresentationVerifier
{
    private readonly CredentialVerifierOptions options;
    private readonly CredentialVerifier credentials;

    /// <summary>Creates a verifier with the same policy for the presentation and its credentials.</summary>
    public PresentationVerifier(CredentialVerifierOptions options)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        credentials = new CredentialVerifier(options);
    }

    /// <summary>Verifies <paramref name="presentation"/>, which must be bound to <paramref name="expectedAudience"/> and <paramref name="expectedNonce"/>.</summary>
    public async Task<CredentialVerificationResult> VerifyAsync(string presentation, string expectedAudience, string expectedNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedAudience);
        ArgumentNullException.ThrowIfNull(expectedNonce);
        if (string.IsNullOrWhiteSpace(presentation) || presentation.Length > options.MaxInputLength)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The presentation is empty or larger than the limit."));
        }

        if (presentation.TrimStart().StartsWith('{'))
        {
            return await VerifyDataIntegrityAsync(presentation, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
        }

        var read = Jws.ReadCompact(presentation.Trim(), options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.InvalidJws, read.Problem!.Message));
        }

        var jws = read.Token!;
        if (StrictJson.TryParseObject(jws.Payload.Span, 32, out var payload) != StrictJsonStatus.Ok || !JwtClaims.TryParse(payload!, out var claims, out _))
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The presentation's payload is not a valid claims object."));
        }

        var jose = jws.Type == CredentialFormats.VpJose;
        if (!jose && payload!["vp"] is not JsonObject)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.WrongType, "A presentation needs typ vp+jwt or a vp claim."));
        }

        var format = jose ? CredentialFormats.VpJose : CredentialFormats.VpJwt11;
        var vp = jose ? payload! : payload!["vp"]!.AsObject();
        var holder = jose
            ? vp["holder"] switch { JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(), JsonObject o => o["id"]?.GetValue<string>(), _ => null }
            : claims.Issuer;
        var problems = new List<Problem>();
        if (holder is null)
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "The presentation does not name its holder."));
            return new CredentialVerificationResult(format, null, vp, problems);
        }

        await credentials.CheckSignatureAsync(jws, holder, VerificationRelationship.Authentication, problems, cancellationToken).ConfigureAwait(false);
        if (!claims.Audience.Contains(expectedAudience, StringComparer.Ordinal))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongAudience, "The presentation is not addressed to this verifier."));
        }

        if (!string.Equals(claims.Nonce, expectedNonce, StringComparison.Ordinal))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongNonce, "The presentation's nonce is not the one this verifier issued."));
        }

        await VerifyEmbeddedAsync(vp, problems, out var results, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, holder, vp, problems, results);
    }

    /// <summary>A Data Integrity presentation: the holder's proof (purpose authentication) with <c>challenge</c> = nonce and <c>domain</c> = audience.</summary>
    private async Task<CredentialVerificationResult> VerifyDataIntegrityAsync(string json, string expectedAudience, string expectedNonce, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.DataIntegrity;
        if (StrictJson.TryParseObject(System.Text.Encoding.UTF8.GetBytes(json), 32, out var document) != StrictJsonStatus.Ok)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The presentation is not a JSON object."), format);
        }

        if (!VerifiablePresentation.TryParse(document, out var vp, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, document, modelProblems);
        }

        if (vp!.Holder is not { } holder)
        {
            return new CredentialVerificationResult(format, null, document, [new Problem(CredentialProblemCodes.InvalidPresentation, "A Data Integrity presentation must name its holder.")]);
        }

        var problems = new List<Problem>();
        var signatures = new DidSdk.Core.Resolution.DidSignatureVerifier(options.Resolver);
        foreach (var result in await DataIntegrity.VerifyProofsAsync(document!, signatures, holder, VerificationRelationship.Authentication, cancellationToken).ConfigureAwait(false))
        {
            if (!result.IsValid)
            {
                problems.Add(result.Problem!);
            }
        }

        var proofs = VcDataModel.Objects(document!["proof"]);
        if (!proofs.Any(p => p["challenge"] is JsonValue c && c.GetValueKind() == JsonValueKind.String && c.GetValue<string>() == expectedNonce))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongNonce, "The presentation's proof challenge is not the nonce this verifier issued."));
        }

        if (!proofs.Any(p => p["domain"] is JsonValue d && d.GetValueKind() == JsonValueKind.String && d.GetValue<string>() == expectedAudience))
        {
            problems.Add(new Problem(CredentialProblemCodes.WrongAudience, "The presentation's proof domain is not this verifier."));
        }

        await VerifyEmbeddedAsync(document!, problems, out var results, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, holder, document, problems, results);
    }

    private Task VerifyEmbeddedAsync(JsonObject vp, List<Problem> problems, out List<CredentialVerificationResult> results, CancellationToken cancellationToken)
    {
        results = [];
        return VerifyEmbeddedCoreAsync(vp, problems, results, cancellationToken);
    }

    private async Task VerifyEmbeddedCoreAsync(JsonObject vp, List<Problem> problems, List<CredentialVerificationResult> results, CancellationToken cancellationToken)
    {
        foreach (var entry in VcDataModel.Nodes(vp["verifiableCredential"]))
        {
            var input = entry switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonObject o when o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>().StartsWith("data:application/vc+jwt,", StringComparison.Ordinal)
                    => id.GetValue<string>()["data:application/vc+jwt,".Length..],
                JsonObject o => o.ToJsonString(),
                _ => string.Empty,
            };
            var result = await credentials.VerifyAsync(input, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!result.Verified)
            {
                problems.Add(new Problem(CredentialProblemCodes.EmbeddedCredentialInvalid, "A credential in the presentation does not verify."));
                problems.AddRange(result.Problems);
            }
        }
    }
}
