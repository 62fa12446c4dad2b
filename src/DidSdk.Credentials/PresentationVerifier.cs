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

        var read = Jws.ReadCompact(presentation.Trim(), options.JwsReaderOptions);
        if (!read.IsValid)
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

        var results = new List<CredentialVerificationResult>();
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

        return new CredentialVerificationResult(format, holder, vp, problems, results);
    }
}
