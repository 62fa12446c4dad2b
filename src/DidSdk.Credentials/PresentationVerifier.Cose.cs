using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Json;

namespace DidSdk.Credentials;

/// <content>VP-COSE (<c>application/vp+cose</c>, VC-JOSE-COSE §3.3.2) presentations.</content>
public sealed partial class PresentationVerifier
{
    /// <summary>
    /// Verifies a presentation secured with COSE (<c>application/vp+cose</c>) that must be bound to
    /// <paramref name="expectedAudience"/> and <paramref name="expectedNonce"/> (the payload's <c>aud</c> and
    /// <c>nonce</c>, as <see cref="VcCose.PresentAsync"/> writes them). The <c>kid</c>'s verification method must be in
    /// the holder's <c>authentication</c>; every credential inside (enveloped <c>vc+cose</c> or <c>vc+jwt</c>, or
    /// embedded) is verified. <see cref="VerifyAsync"/> takes the same message as base64 text. Never throws for invalid input.
    /// </summary>
    public async Task<CredentialVerificationResult> VerifyCoseAsync(ReadOnlyMemory<byte> presentation, string expectedAudience, string expectedNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedAudience);
        ArgumentNullException.ThrowIfNull(expectedNonce);
        return await VerifyCoseCoreAsync(presentation, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies a VP-COSE like <see cref="VerifyCoseAsync"/> but without binding it to an exchange: <c>aud</c> and
    /// <c>nonce</c> are not checked, so a presentation made for another verifier, or replayed, verifies too. See
    /// <see cref="VerifyWithoutExchangeBindingAsync"/> for when that is acceptable. Never throws for invalid input.
    /// </summary>
    public Task<CredentialVerificationResult> VerifyCoseWithoutExchangeBindingAsync(ReadOnlyMemory<byte> presentation, CancellationToken cancellationToken = default) =>
        VerifyCoseCoreAsync(presentation, null, null, cancellationToken);

    private async Task<CredentialVerificationResult> VerifyCoseCoreAsync(ReadOnlyMemory<byte> message, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.VpCose;
        var options = _credentials.Options;
        if (!CoseSign1.TryRead(message, options.CoseReaderOptions, out var cose, out var readProblem))
        {
            return CredentialVerificationResult.Fail(readProblem, format);
        }

        if (cose.Type != VcCose.PresentationMediaType || (cose.ContentType is { } cty && cty != VcCose.PresentationContentType))
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.WrongType, "A COSE presentation needs typ application/vp+cose (and content type application/vp)."), format);
        }

        if (StrictJson.TryParseObject(cose.Payload.Span, options.MaxJsonDepth, out var payload) != StrictJsonStatus.Ok)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The COSE payload is not a JSON object within the limits."), format);
        }

        if (!CredentialVerifier.TryReadClaims(payload!, out var claims, out var claimsProblem))
        {
            return CredentialVerificationResult.Fail(claimsProblem, format);
        }

        if (!VerifiablePresentation.TryParse(payload, out var vp, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, payload, modelProblems);
        }

        if (vp.Holder is not { } holder)
        {
            return new CredentialVerificationResult(format, null, payload, [new Problem(CredentialProblemCodes.InvalidPresentation, "The presentation does not name its holder.")]);
        }

        var problems = new List<Problem>();
        var (_, presenterKey) = await _credentials.CheckSignerKeyAsync(cose.KeyId, cose.SigningAlgorithm, cose.ToBeSigned(), cose.Signature, holder, VerificationRelationship.Authentication, problems, cancellationToken, _holderKeys).ConfigureAwait(false);
        CheckExchangeClaims(claims, expectedAudience, expectedNonce, problems);
        var results = await VerifyEmbeddedAsync(payload!, presenterKey, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, holder, payload, problems, results);
    }
}
