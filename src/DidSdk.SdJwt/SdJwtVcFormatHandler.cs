using DidSdk.Core;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt;

/// <summary>
/// The SD-JWT VC settings a <see cref="CredentialVerifierOptions"/> cannot express: the Key Binding expectations of
/// this verifier (RFC 9901 §7.3), issuer keys known out of band, accepted <c>vct</c> values and the Token Status List
/// checker.
/// </summary>
public sealed class SdJwtVcFormatHandlerOptions
{
    /// <summary>Require a Key Binding JWT (RFC 9901 §7.3). Default <see langword="true"/>: a presentation without one can be replayed by anyone who saw it.</summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>The <c>aud</c> the Key Binding JWT must carry (required when key binding is checked).</summary>
    public string? ExpectedAudience { get; init; }

    /// <summary>The <c>nonce</c> the Key Binding JWT must carry (required when key binding is checked).</summary>
    public string? ExpectedNonce { get; init; }

    /// <summary>How old a Key Binding JWT may be (<c>iat</c>). Default 5 minutes.</summary>
    public TimeSpan KeyBindingMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Issuer keys known out of band, by <c>iss</c> (for issuers not identified by a DID, e.g. an HTTPS URL).</summary>
    public IReadOnlyDictionary<string, PublicKeyMaterial> IssuerKeys { get; init; } = new Dictionary<string, PublicKeyMaterial>();

    /// <summary>When set, only these <c>vct</c> values are accepted.</summary>
    public IReadOnlyCollection<string>? AcceptedTypes { get; init; }

    /// <summary>Checks the <c>status</c> claim against its Token Status List. Without one, a credential with a <c>status</c> claim is rejected unless <see cref="CredentialVerifierOptions.AllowUncheckedStatus"/> is set.</summary>
    public TokenStatusChecker? StatusChecker { get; init; }

    /// <summary>The SD-JWT size limits.</summary>
    public SdJwtReaderOptions ReaderOptions { get; init; } = SdJwtReaderOptions.Default;
}

/// <summary>
/// Plugs SD-JWT VC (<c>dc+sd-jwt</c>, and the legacy <c>vc+sd-jwt</c>) into <see cref="CredentialVerifier"/>: add an
/// instance to <see cref="CredentialVerifierOptions.FormatHandlers"/> and one verifier handles VC-JOSE, VC-JWT, Data
/// Integrity and SD-JWT VC. The verifier's resolver, clock, clock skew, JWS algorithm allow-list,
/// <see cref="CredentialVerifierOptions.AllowExpiredCredentials"/>, <see cref="CredentialVerifierOptions.AllowUncheckedStatus"/>
/// and <see cref="CredentialVerifierOptions.TrustPolicy"/> apply; the checks are those of <see cref="SdJwtVcVerifier"/>.
/// The result's claims are the processed SD-JWT payload: the disclosed claims with the always-visible ones.
/// </summary>
public sealed class SdJwtVcFormatHandler : ICredentialFormatHandler
{
    private readonly SdJwtVcFormatHandlerOptions handlerOptions;

    /// <summary>Creates a handler.</summary>
    public SdJwtVcFormatHandler(SdJwtVcFormatHandlerOptions? options = null)
    {
        handlerOptions = options ?? new SdJwtVcFormatHandlerOptions();
        ArgumentNullException.ThrowIfNull(handlerOptions.IssuerKeys, nameof(options));
        ArgumentNullException.ThrowIfNull(handlerOptions.ReaderOptions, nameof(options));
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

        var tilde = span.IndexOf('~');
        return tilde > 0 && span[..tilde].Count('.') == 2;
    }

    /// <inheritdoc/>
    public async Task<CredentialVerificationResult> VerifyAsync(string input, CredentialVerifierOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);

        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            SdJwt = new SdJwtVerifierOptions
            {
                TimeProvider = options.TimeProvider,
                ClockSkew = options.ClockSkew,
                RequireKeyBinding = handlerOptions.RequireKeyBinding,
                ExpectedAudience = handlerOptions.ExpectedAudience,
                ExpectedNonce = handlerOptions.ExpectedNonce,
                KeyBindingMaxAge = handlerOptions.KeyBindingMaxAge,
                AllowExpiredCredentials = options.AllowExpiredCredentials,
                JwsReaderOptions = options.JwsReaderOptions,
                ReaderOptions = handlerOptions.ReaderOptions,
            },
            DidVerifier = new DidSignatureVerifier(options.Resolver),
            IssuerKeys = handlerOptions.IssuerKeys,
            AcceptedTypes = handlerOptions.AcceptedTypes,
            StatusChecker = handlerOptions.StatusChecker,
            AllowUncheckedStatus = options.AllowUncheckedStatus,
        });

        var result = await verifier.VerifyAsync(input, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>(result.Problems);

        // Trust is asked only of a credential that verified: a policy must never see claims from a forged token.
        if (problems.Count == 0 && options.TrustPolicy is { } trust && result.Issuer is { } issuer && result.Claims is { } claims)
        {
            if (await trust.CheckIssuerAsync(issuer, claims, cancellationToken).ConfigureAwait(false) is { } untrusted)
            {
                problems.Add(untrusted);
            }
        }

        return new CredentialVerificationResult(Format, result.Issuer, result.Claims, problems);
    }
}
