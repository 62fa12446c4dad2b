using DidSdk.Core;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt;

/// <summary>
/// Plugs SD-JWT VC into <see cref="CredentialVerifier"/>: register it in <see cref="CredentialVerifierOptions.FormatHandlers"/>
/// and one verifier handles VC-JOSE, VC-JWT, Data Integrity and SD-JWT VC. The pipeline's resolver, clock, skew and
/// trust policy apply; key binding, status lists and issuer keys not identified by DIDs come from this handler's options.
/// </summary>
public sealed class SdJwtVcFormatHandler : ICredentialFormatHandler
{
    private readonly SdJwtVcFormatHandlerOptions handlerOptions;

    /// <summary>Creates the handler.</summary>
    public SdJwtVcFormatHandler(SdJwtVcFormatHandlerOptions? options = null) => handlerOptions = options ?? new SdJwtVcFormatHandlerOptions();

    /// <inheritdoc/>
    public string Format => SdJwtVc.Type;

    /// <inheritdoc/>
    public bool CanHandle(string input) => input is not null && input.Contains('~', StringComparison.Ordinal) && !input.TrimStart().StartsWith('{');

    /// <inheritdoc/>
    public async Task<CredentialVerificationResult> VerifyAsync(string input, CredentialVerifierOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            SdJwt = new SdJwtVerifierOptions
            {
                TimeProvider = options.TimeProvider,
                ClockSkew = options.ClockSkew,
                AllowExpiredCredentials = options.AllowExpiredCredentials,
                JwsReaderOptions = options.JwsReaderOptions,
                RequireKeyBinding = handlerOptions.RequireKeyBinding,
                ExpectedAudience = handlerOptions.ExpectedAudience,
                ExpectedNonce = handlerOptions.ExpectedNonce,
            },
            DidVerifier = new DidSignatureVerifier(options.Resolver),
            IssuerKeys = handlerOptions.IssuerKeys,
            StatusChecker = handlerOptions.StatusChecker,
            AllowUncheckedStatus = options.AllowUncheckedStatus,
        });
        var result = await verifier.VerifyAsync(input, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>(result.Problems);
        if (result.Issuer is not null && result.Claims is not null && options.TrustPolicy is { } policy
            && await policy.CheckIssuerAsync(result.Issuer, result.Claims, cancellationToken).ConfigureAwait(false) is { } distrust)
        {
            problems.Add(distrust);
        }

        return new CredentialVerificationResult(Format, result.Issuer, result.Claims, problems);
    }
}

/// <summary>Options for <see cref="SdJwtVcFormatHandler"/>.</summary>
public sealed class SdJwtVcFormatHandlerOptions
{
    /// <summary>Require a Key Binding JWT. Default <see langword="true"/>.</summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>The audience the Key Binding JWT must name.</summary>
    public string? ExpectedAudience { get; init; }

    /// <summary>The nonce the Key Binding JWT must carry.</summary>
    public string? ExpectedNonce { get; init; }

    /// <summary>Keys of issuers not identified by a DID, by <c>iss</c>.</summary>
    public IReadOnlyDictionary<string, PublicKey> IssuerKeys { get; init; } = new Dictionary<string, PublicKey>();

    /// <summary>Checks Token Status Lists.</summary>
    public TokenStatusChecker? StatusChecker { get; init; }
}
