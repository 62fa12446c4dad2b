using DidSdk.Credentials;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt;

/// <summary>
/// Plugs SD-JWT VC (<c>dc+sd-jwt</c>, and the legacy <c>vc+sd-jwt</c>) into <see cref="CredentialVerifier"/>: pass an
/// instance to its constructor and one verifier handles VC-JOSE, VC-JWT, Data Integrity and SD-JWT VC. The checks are
/// those of <see cref="SdJwtVcVerifier"/>; the credential verifier's resolver, clock, issuer keys, trust policy, and its
/// <see cref="CredentialVerifierOptions.ClockSkew"/>, JWS algorithm allow-list,
/// <see cref="CredentialVerifierOptions.AllowExpiredCredentials"/> and <see cref="CredentialVerifierOptions.AllowUncheckedStatus"/>
/// take the place of the same settings in <see cref="SdJwtVerifierOptions"/>, so one policy applies to every format.
/// <see cref="CredentialVerifier"/> has no per-call key binding inputs, so the expected <c>aud</c> and <c>nonce</c> are
/// given to the handler: create one per request (it is cheap). The result's claims are the processed SD-JWT payload.
/// </summary>
public sealed class SdJwtVcFormatHandler : ICredentialFormatHandler
{
    private readonly SdJwtVerifierOptions _handlerOptions;
    private readonly TokenStatusChecker? _statusChecker;
    private readonly string? _expectedAudience;
    private readonly string? _expectedNonce;

    /// <summary>Creates a handler.</summary>
    /// <param name="expectedAudience">The Key Binding JWT's expected <c>aud</c> (this verifier); <see langword="null"/> only when key binding is not required.</param>
    /// <param name="expectedNonce">The Key Binding JWT's expected <c>nonce</c> (issued for this request).</param>
    /// <param name="options">SD-JWT settings (key binding, limits, <c>_sd_alg</c> allow-list), or <see langword="null"/> for the defaults.</param>
    /// <param name="statusChecker">Checks the <c>status</c> claim. Without one, a credential with a <c>status</c> claim is rejected unless <see cref="CredentialVerifierOptions.AllowUncheckedStatus"/> is set.</param>
    public SdJwtVcFormatHandler(string? expectedAudience, string? expectedNonce, SdJwtVerifierOptions? options = null, TokenStatusChecker? statusChecker = null)
    {
        _handlerOptions = options ?? new SdJwtVerifierOptions();
        _handlerOptions.Validate(nameof(options));
        this._expectedAudience = expectedAudience;
        this._expectedNonce = expectedNonce;
        this._statusChecker = statusChecker;
    }

    /// <inheritdoc/>
    public string Format => SdJwtVc.Type;

    /// <summary>
    /// Recognises the SD-JWT compact serialization (a JWS followed by <c>~</c>, RFC 9901 §4) and the JWS JSON
    /// serialization of §8 (a JSON object with <c>disclosures</c> in an unprotected header). Syntactic only.
    /// </summary>
    public bool CanHandle(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var span = input.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        if (span[0] == '{')
        {
            return span.Contains("\"disclosures\"", StringComparison.Ordinal) && span.Contains("\"payload\"", StringComparison.Ordinal);
        }

        // A W3C vc+sd-jwt (VC Data Model payload) shares the legacy typ but is VcSdJwtFormatHandler's.
        var tilde = span.IndexOf('~');
        return tilde > 0 && span[..tilde].Count('.') == 2 && !VcSdJwt.IsVcSdJwt(input);
    }

    /// <inheritdoc/>
    public async Task<CredentialVerificationResult> VerifyAsync(string input, CredentialVerifier verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(verifier);
        var options = verifier.Options;
        var sdJwtVc = new SdJwtVcVerifier(
            _handlerOptions.With(options.ClockSkew, options.AllowExpiredCredentials, options.AllowUncheckedStatus, options.JwsReaderOptions),
            verifier.Resolver,
            verifier.IssuerKeys,
            _statusChecker,
            verifier.TrustPolicy,
            verifier.TimeProvider);
        var result = await sdJwtVc.VerifyAsync(input, _expectedAudience, _expectedNonce, cancellationToken).ConfigureAwait(false);
        // A cnf-bound SD-JWT VC reports its binding too, so a VP-JOSE/VP-COSE carrying it requires it bound to its presenter.
        return new CredentialVerificationResult(Format, result.Issuer, result.Claims, result.Problems)
        {
            Trust = result.Trust,
            HolderBinding = CnfBinding.Of(result.Claims, result.SdJwt?.HasKeyBindingClaims == true),
        };
    }
}
