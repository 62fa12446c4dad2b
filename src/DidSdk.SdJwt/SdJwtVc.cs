using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt;

/// <summary>Names from SD-JWT-based Verifiable Credentials (draft-ietf-oauth-sd-jwt-vc).</summary>
public static class SdJwtVc
{
    /// <summary>The media type and <c>typ</c> of an SD-JWT VC: <c>dc+sd-jwt</c>.</summary>
    public const string Type = "dc+sd-jwt";

    /// <summary>The earlier <c>typ</c>, still accepted when verifying: <c>vc+sd-jwt</c>.</summary>
    public const string LegacyType = "vc+sd-jwt";

    /// <summary>Claims that must never be selectively disclosable (§3.2.2): the verifier needs them to process the credential.</summary>
    public static IReadOnlySet<string> NeverDisclosableClaims { get; } = new HashSet<string>(StringComparer.Ordinal) { "iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status" };
}

/// <summary>An SD-JWT VC to issue.</summary>
public sealed class SdJwtVcIssuanceRequest
{
    /// <summary>The <c>iss</c>: the issuer's identifier (a DID whose verification method signs, or an HTTPS URL).</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>vct</c>: the credential type, e.g. <c>https://kyc.example/credentials/kyc/v1</c>.</summary>
    public required string Vct { get; init; }

    /// <summary>The credential's claims about the subject (not the registered JWT claims, which come from the other properties).</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>JSON Pointers into <see cref="Claims"/> of what the holder may disclose selectively.</summary>
    public IReadOnlyCollection<string> Disclosable { get; init; } = [];

    /// <summary>The holder's key for key binding (<c>cnf.jwk</c>).</summary>
    public PublicKeyMaterial? HolderPublicKey { get; init; }

    /// <summary>The <c>sub</c>, if any.</summary>
    public string? Subject { get; init; }

    /// <summary>The <c>nbf</c>, if any.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>The <c>exp</c>, if any.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The credential's entry in a Token Status List (the <c>status</c> claim).</summary>
    public StatusListReference? Status { get; init; }
}

/// <summary>Options for <see cref="SdJwtVcIssuer"/>.</summary>
public sealed class SdJwtVcIssuerOptions
{
    /// <summary>The clock for <c>iat</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>SD-JWT options (salts, decoys, digest algorithm).</summary>
    public SdJwtIssuerOptions SdJwt { get; init; } = new();
}

/// <summary>
/// Issues SD-JWT VCs: <c>typ</c> <c>dc+sd-jwt</c>, the registered claims (<c>iss</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>,
/// <c>vct</c>, <c>cnf</c>, <c>status</c>, <c>sub</c>) always in the clear, the subject claims disclosable as asked.
/// </summary>
public sealed class SdJwtVcIssuer
{
    private readonly SdJwtIssuer issuer;
    private readonly SdJwtVcIssuerOptions options;

    /// <summary>Creates an issuer. The signer's key id goes into <c>kid</c>: for a DID issuer, a DID URL of <c>iss</c>.</summary>
    public SdJwtVcIssuer(ISigner signer, SdJwtVcIssuerOptions? options = null)
    {
        this.options = options ?? new SdJwtVcIssuerOptions();
        issuer = new SdJwtIssuer(signer, this.options.SdJwt);
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

        var claims = new JsonObject { ["iss"] = request.Issuer, ["iat"] = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() };
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

        return issuer.IssueAsync(
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

/// <summary>Verifier policy for <see cref="SdJwtVcVerifier"/>.</summary>
public sealed class SdJwtVcVerifierOptions
{
    /// <summary>The SD-JWT checks: clock, key binding (required by default), audience, nonce, limits.</summary>
    public SdJwtVerifierOptions SdJwt { get; init; } = new();

    /// <summary>Resolves DID issuers: <c>kid</c> must be a DID URL of <c>iss</c> authorized for <c>assertionMethod</c>.</summary>
    public DidSignatureVerifier? DidVerifier { get; init; }

    /// <summary>Issuer keys known out of band, by <c>iss</c> (for issuers not identified by a DID, e.g. an HTTPS URL).</summary>
    public IReadOnlyDictionary<string, PublicKeyMaterial> IssuerKeys { get; init; } = new Dictionary<string, PublicKeyMaterial>();

    /// <summary>When set, only these issuers are accepted (<see cref="SdJwtProblemCodes.UntrustedIssuer"/> otherwise).</summary>
    public IReadOnlyCollection<string>? TrustedIssuers { get; init; }

    /// <summary>When set, only these <c>vct</c> values are accepted.</summary>
    public IReadOnlyCollection<string>? AcceptedTypes { get; init; }

    /// <summary>Checks the <c>status</c> claim against its Token Status List.</summary>
    public TokenStatusChecker? StatusChecker { get; init; }

    /// <summary>Accept a credential whose <c>status</c> claim cannot be checked because no <see cref="StatusChecker"/> is configured. Default <see langword="false"/>.</summary>
    public bool AllowUncheckedStatus { get; init; }
}

/// <summary>The outcome of verifying an SD-JWT VC presentation.</summary>
public sealed class SdJwtVcVerificationResult
{
    internal SdJwtVcVerificationResult(IReadOnlyList<Problem> problems, string? issuer, string? vct, JsonObject? claims, TokenStatusResult? status, SdJwtVerificationResult? sdJwt)
    {
        Problems = problems;
        Issuer = issuer;
        Vct = vct;
        Claims = claims;
        Status = status;
        SdJwt = sdJwt;
    }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>What failed, with stable codes.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The <c>iss</c>.</summary>
    public string? Issuer { get; }

    /// <summary>The <c>vct</c>.</summary>
    public string? Vct { get; }

    /// <summary>The disclosed claims together with the always-visible ones.</summary>
    public JsonObject? Claims { get; }

    /// <summary>The status check, when the credential has a <c>status</c> claim and a checker was configured.</summary>
    public TokenStatusResult? Status { get; }

    /// <summary>The underlying SD-JWT verification.</summary>
    public SdJwtVerificationResult? SdJwt { get; }
}

/// <summary>
/// Verifies SD-JWT VC presentations: <c>typ</c>, the SD-JWT rules and key binding (<see cref="SdJwtVerifier"/>), the
/// issuer key (by DID or known key), <c>vct</c>, that no never-disclosable claim came through a disclosure, issuer
/// trust, and the Token Status List. Never throws for invalid input.
/// </summary>
public sealed class SdJwtVcVerifier
{
    private readonly SdJwtVcVerifierOptions options;

    /// <summary>Creates a verifier.</summary>
    public SdJwtVcVerifier(SdJwtVcVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <summary>Verifies a compact or JSON-serialized SD-JWT VC (with its Key Binding JWT when required).</summary>
    public async Task<SdJwtVcVerificationResult> VerifyAsync(string presentation, CancellationToken cancellationToken = default)
    {
        if (!SdJwtToken.TryParse(presentation, options.SdJwt.ReaderOptions, out var token, out var problem))
        {
            return Fail(problem);
        }

        var header = Jws.ReadCompact(token.IssuerSignedJwt, options.SdJwt.JwsReaderOptions);
        if (!header.Succeeded)
        {
            return Fail(new Problem(SdJwtProblemCodes.IssuerJwtInvalid, $"The Issuer-signed JWT is invalid: {header.Problem!.Message}"));
        }

        if (header.Token!.Type is not (SdJwtVc.Type or SdJwtVc.LegacyType))
        {
            return Fail(new Problem(SdJwtProblemCodes.VcWrongType, $"The typ must be {SdJwtVc.Type}."));
        }

        if (!SdJwtHolder.TryParsePayload(header.Token!.Payload.Span, options.SdJwt.ReaderOptions.MaxDepth, out var payload, out var hashAlgorithm, out problem))
        {
            return Fail(problem);
        }

        var issuer = payload["iss"] is JsonValue i && i.GetValueKind() == JsonValueKind.String ? i.GetValue<string>() : null;
        var vct = payload["vct"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (issuer is null || vct is null)
        {
            return Fail(new Problem(SdJwtProblemCodes.VcClaimInvalid, "An SD-JWT VC needs string iss and vct claims in the clear."));
        }

        SdJwtIssuerKey issuerKey;
        StatusListTrust statusTrust;
        if (options.IssuerKeys.TryGetValue(issuer, out var known))
        {
            issuerKey = SdJwtIssuerKey.FromPublicKey(known);
            statusTrust = StatusListTrust.FromKey(known);
        }
        else if (options.DidVerifier is not null && issuer.StartsWith("did:", StringComparison.Ordinal))
        {
            issuerKey = SdJwtIssuerKey.FromIssuerDid(options.DidVerifier);
            statusTrust = StatusListTrust.FromDid(issuer, options.DidVerifier);
        }
        else
        {
            return Fail(new Problem(SdJwtProblemCodes.IssuerSignatureInvalid, "No key is known for this issuer and it is not a resolvable DID."), issuer, vct);
        }

        var core = await SdJwtVerifier.VerifyReadAsync(token, header.Token, payload, hashAlgorithm, issuerKey, options.SdJwt, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>(core.Problems);
        foreach (var pointer in core.DisclosedPointers)
        {
            if (JsonPointer.TryParse(pointer, out var tokens) && tokens.Count == 1 && SdJwtVc.NeverDisclosableClaims.Contains(tokens[0]))
            {
                problems.Add(new Problem(SdJwtProblemCodes.VcClaimDisclosed, $"The claim '{tokens[0]}' must never be selectively disclosable."));
            }
        }

        if (options.TrustedIssuers is { } trusted && !trusted.Contains(issuer))
        {
            problems.Add(new Problem(SdJwtProblemCodes.UntrustedIssuer, "The issuer is not on the verifier's list of trusted issuers."));
        }

        if (options.AcceptedTypes is { } types && !types.Contains(vct))
        {
            problems.Add(new Problem(SdJwtProblemCodes.VcClaimInvalid, "The credential type (vct) is not one this verifier accepts."));
        }

        TokenStatusResult? status = null;
        if (core.Problems.Count == 0 && payload["status"] is { } statusClaim)
        {
            if (options.StatusChecker is { } checker)
            {
                status = await checker.CheckAsync(statusClaim, statusTrust, issuer, cancellationToken).ConfigureAwait(false);
                if (!status.IsValid)
                {
                    problems.Add(new Problem(SdJwtProblemCodes.StatusNotValid, $"The credential's status is not valid: {status.Problem!.Message}"));
                    problems.Add(status.Problem);
                }
            }
            else if (!options.AllowUncheckedStatus)
            {
                problems.Add(new Problem(SdJwtProblemCodes.StatusNotValid, "The credential has a status claim but no status checker is configured."));
            }
        }

        return new SdJwtVcVerificationResult(problems, issuer, vct, core.Claims, status, core);
    }

    private static SdJwtVcVerificationResult Fail(Problem problem, string? issuer = null, string? vct = null) => new([problem], issuer, vct, null, null, null);
}
