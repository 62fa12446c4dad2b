using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>How the verifier establishes the issuer's key for the Issuer-signed JWT.</summary>
public sealed class SdJwtIssuerKey
{
    private readonly PublicKeyMaterial? key;
    private readonly DidSignatureVerifier? didVerifier;

    private SdJwtIssuerKey(PublicKeyMaterial? key, DidSignatureVerifier? didVerifier)
    {
        this.key = key;
        this.didVerifier = didVerifier;
    }

    /// <summary>A key the caller already trusts for this issuer (e.g. from its metadata or a trust list).</summary>
    public static SdJwtIssuerKey FromPublicKey(PublicKeyMaterial publicKey) => new(publicKey ?? throw new ArgumentNullException(nameof(publicKey)), null);

    /// <summary>
    /// The <c>iss</c> claim is a DID and the header's <c>kid</c> a DID URL of one of its verification methods, authorized
    /// for <c>assertionMethod</c>; resolved through <paramref name="verifier"/>'s resolver (did:key, did:jwk, did:web, did:ethr...).
    /// </summary>
    public static SdJwtIssuerKey FromIssuerDid(DidSignatureVerifier verifier) => new(null, verifier ?? throw new ArgumentNullException(nameof(verifier)));

    internal async Task<(PublicKeyMaterial? PrivateKey, Problem? Problem)> VerifyAsync(JwsToken jws, JsonObject payload, CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            return Jws.VerifySignature(jws, key)
                ? (key, null)
                : (null, new Problem(SdJwtProblemCodes.IssuerSignatureInvalid, "The Issuer-signed JWT's signature does not verify with the issuer key."));
        }

        if (payload["iss"] is not JsonValue iss || iss.GetValueKind() != JsonValueKind.String || !Did.TryParse(iss.GetValue<string>(), out _, out _))
        {
            return (null, new Problem(SdJwtProblemCodes.IssuerSignatureInvalid, "The iss claim is not a DID, so the issuer key cannot be resolved from it."));
        }

        var result = await didVerifier!.VerifyJwsAsync(jws, iss.GetValue<string>(), VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
        return result.IsValid
            ? (result.PublicKey, null)
            : (null, new Problem(SdJwtProblemCodes.IssuerSignatureInvalid, $"The Issuer-signed JWT is not signed by its issuer: {result.Problem!.Message}"));
    }
}

/// <summary>Verifier policy for <see cref="SdJwtVerifier"/>. Secure defaults; relaxations are named for what they give up.</summary>
public sealed class SdJwtVerifierOptions
{
    private readonly TimeSpan clockSkew = TimeSpan.FromSeconds(60);

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance for clocks that disagree (0 to 5 minutes, default 60 seconds).</summary>
    public TimeSpan ClockSkew
    {
        get => clockSkew;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, JwtValidationOptions.MaxClockSkew);
            clockSkew = value;
        }
    }

    /// <summary>Require a Key Binding JWT (§7.3). Default <see langword="true"/>: a presentation without one can be replayed by anyone who saw it.</summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>The <c>aud</c> the Key Binding JWT must carry (required when key binding is checked).</summary>
    public string? ExpectedAudience { get; init; }

    /// <summary>The <c>nonce</c> the Key Binding JWT must carry (required when key binding is checked).</summary>
    public string? ExpectedNonce { get; init; }

    /// <summary>How old a Key Binding JWT may be (<c>iat</c>). Default 5 minutes.</summary>
    public TimeSpan KeyBindingMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Accept an Issuer-signed JWT past its <c>exp</c> (e.g. to show an expired credential). Default <see langword="false"/>.</summary>
    public bool AllowExpiredCredentials { get; init; }

    /// <summary>The <c>_sd_alg</c> values accepted. Default sha-256, sha-384, sha-512.</summary>
    public IReadOnlyCollection<string> AllowedHashAlgorithms { get; init; } = ["sha-256", "sha-384", "sha-512"];

    /// <summary>The JWS algorithm allow-list and limits (both JWTs).</summary>
    public JwsReaderOptions JwsReaderOptions { get; init; } = JwsReaderOptions.Default;

    /// <summary>The SD-JWT size limits.</summary>
    public SdJwtReaderOptions ReaderOptions { get; init; } = SdJwtReaderOptions.Default;
}

/// <summary>The outcome of <see cref="SdJwtVerifier.VerifyAsync(string, SdJwtIssuerKey, SdJwtVerifierOptions?, CancellationToken)"/>.</summary>
public sealed class SdJwtVerificationResult
{
    internal SdJwtVerificationResult(IReadOnlyList<Problem> problems, JsonObject? claims, JwsToken? issuerJwt, JsonObject? keyBindingClaims, IReadOnlyList<Disclosure> disclosures, IReadOnlyList<string>? disclosedPointers = null)
    {
        DisclosedPointers = disclosedPointers ?? [];
        Problems = problems;
        Claims = claims;
        IssuerJwt = issuerJwt;
        KeyBindingClaims = keyBindingClaims;
        Disclosures = disclosures;
    }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>What failed, with stable codes (<see cref="SdJwtProblemCodes"/>, JOSE codes for time claims).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The processed claims (disclosed claims in place; no <c>_sd</c>, <c>_sd_alg</c> or digests), when the SD-JWT could be processed.</summary>
    public JsonObject? Claims { get; }

    /// <summary>The Issuer-signed JWT (header, algorithm, kid).</summary>
    public JwsToken? IssuerJwt { get; }

    /// <summary>The Key Binding JWT's claims, when one was present and verified.</summary>
    public JsonObject? KeyBindingClaims { get; }

    /// <summary>The disclosures that were presented.</summary>
    public IReadOnlyList<Disclosure> Disclosures { get; }

    /// <summary>The JSON Pointers (into <see cref="Claims"/>) of the claims that arrived through disclosures.</summary>
    public IReadOnlyList<string> DisclosedPointers { get; }

    internal static SdJwtVerificationResult Fail(Problem problem) => new([problem], null, null, null, []);
}

/// <summary>
/// Verifies SD-JWTs and SD-JWT+KB presentations (RFC 9901 §7): the issuer's signature with the algorithm allow-list,
/// every disclosure rule (§7.1), time claims, and key binding (§7.3: <c>typ</c> <c>kb+jwt</c>, the <c>cnf</c> key's
/// signature, <c>iat</c> window, <c>aud</c>, <c>nonce</c>, <c>sd_hash</c> compared in constant time). Never throws
/// for invalid input.
/// </summary>
public static class SdJwtVerifier
{
    /// <summary>Verifies a compact or JSON-serialized SD-JWT.</summary>
    public static Task<SdJwtVerificationResult> VerifyAsync(string sdJwt, SdJwtIssuerKey issuerKey, SdJwtVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SdJwtVerifierOptions();
        return SdJwtToken.TryParse(sdJwt, options.ReaderOptions, out var token, out var problem)
            ? VerifyAsync(token, issuerKey, options, cancellationToken)
            : Task.FromResult(SdJwtVerificationResult.Fail(problem));
    }

    /// <summary>Verifies a parsed SD-JWT.</summary>
    public static async Task<SdJwtVerificationResult> VerifyAsync(SdJwtToken token, SdJwtIssuerKey issuerKey, SdJwtVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(issuerKey);
        options ??= new SdJwtVerifierOptions();
        var read = Jws.ReadCompact(token.IssuerSignedJwt, options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            return SdJwtVerificationResult.Fail(new Problem(SdJwtProblemCodes.IssuerJwtInvalid, $"The Issuer-signed JWT is invalid: {read.Problem!.Message}"));
        }

        var jws = read.Token!;
        if (!SdJwtHolder.TryParsePayload(jws.Payload.Span, options.ReaderOptions.MaxDepth, out var payload, out var hashAlgorithm, out var problem))
        {
            return SdJwtVerificationResult.Fail(problem);
        }

        return await VerifyReadAsync(token, jws, payload, hashAlgorithm, issuerKey, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The checks after the Issuer-signed JWT has been read (shared with <see cref="SdJwtVcVerifier"/>, which reads it first).</summary>
    internal static async Task<SdJwtVerificationResult> VerifyReadAsync(SdJwtToken token, JwsToken jws, JsonObject payload, SdHashAlgorithm hashAlgorithm, SdJwtIssuerKey issuerKey, SdJwtVerifierOptions options, CancellationToken cancellationToken)
    {
        Problem? problem;
        if (!options.AllowedHashAlgorithms.Contains(hashAlgorithm.Name))
        {
            return SdJwtVerificationResult.Fail(new Problem(SdJwtProblemCodes.UnsupportedHashAlgorithm, $"_sd_alg '{hashAlgorithm.Name}' is not allowed."));
        }

        var (_, signatureProblem) = await issuerKey.VerifyAsync(jws, payload, cancellationToken).ConfigureAwait(false);
        if (signatureProblem is not null)
        {
            return SdJwtVerificationResult.Fail(signatureProblem);
        }

        if (!SdJwtProcessor.TryProcess(payload, token.Disclosures, hashAlgorithm, out var processed, out problem))
        {
            return SdJwtVerificationResult.Fail(problem);
        }

        var problems = new List<Problem>();
        CheckTime(payload, options, problems);
        var keyBindingClaims = CheckKeyBinding(token, payload, hashAlgorithm, options, problems);
        return new SdJwtVerificationResult(problems, processed.Claims, jws, keyBindingClaims, token.Disclosures, [.. token.Disclosures.Select(d => processed.Paths[d])]);
    }

    private static void CheckTime(JsonObject payload, SdJwtVerifierOptions options, List<Problem> problems)
    {
        if (!JwtClaims.TryParse(payload, out var claims, out var claimsProblem))
        {
            problems.Add(new Problem(SdJwtProblemCodes.IssuerJwtInvalid, claimsProblem.Message));
            return;
        }

        foreach (var p in JwtValidator.Validate(claims, new JwtValidationOptions { TimeProvider = options.TimeProvider, ClockSkew = options.ClockSkew }))
        {
            if (!(options.AllowExpiredCredentials && p.Code == JoseProblemCodes.Expired))
            {
                problems.Add(new Problem(SdJwtProblemCodes.IssuerJwtTimeInvalid, p.Message));
            }
        }
    }

    private static JsonObject? CheckKeyBinding(SdJwtToken token, JsonObject payload, SdHashAlgorithm hashAlgorithm, SdJwtVerifierOptions options, List<Problem> problems)
    {
        if (token.KeyBindingJwt is null)
        {
            if (options.RequireKeyBinding)
            {
                problems.Add(new Problem(SdJwtProblemCodes.KeyBindingMissing, "Key binding is required but the presentation has no Key Binding JWT."));
            }

            return null;
        }

        if (payload["cnf"] is not JsonObject cnf || cnf["jwk"] is not JsonObject jwkNode)
        {
            problems.Add(new Problem(SdJwtProblemCodes.HolderKeyMissing, "The SD-JWT has no cnf.jwk to check the Key Binding JWT against."));
            return null;
        }

        if (!Jwk.TryParse(jwkNode.ToJsonString(), out var jwk, out _) || jwk.HasPrivateKey || !jwk.TryGetPublicKey(out var holderKey))
        {
            problems.Add(new Problem(SdJwtProblemCodes.HolderKeyMissing, "cnf.jwk is not a usable public key."));
            return null;
        }

        var read = Jws.ReadCompact(token.KeyBindingJwt, options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingInvalid, $"The Key Binding JWT is invalid: {read.Problem!.Message}"));
            return null;
        }

        var kb = read.Token!;
        if (!string.Equals(kb.Type, SdJwtHolder.KeyBindingJwtType, StringComparison.Ordinal))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingInvalid, "The Key Binding JWT's typ must be kb+jwt."));
            return null;
        }

        if (!Jws.VerifySignature(kb, holderKey))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingSignatureInvalid, "The Key Binding JWT is not signed by the key in cnf."));
            return null;
        }

        if (!JwtClaims.TryParse(kb.Payload.Span, out var claims, out var claimsProblem))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingInvalid, claimsProblem.Message));
            return null;
        }

        var expectedHash = hashAlgorithm.DigestCompactWithoutKeyBinding(token);
        var sdHash = claims.Claims["sd_hash"] is JsonValue h && h.GetValueKind() == JsonValueKind.String ? h.GetValue<string>() : string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sdHash), Encoding.ASCII.GetBytes(expectedHash)))
        {
            problems.Add(new Problem(SdJwtProblemCodes.SdHashMismatch, "The Key Binding JWT's sd_hash does not match the presented SD-JWT."));
        }

        if (options.ExpectedAudience is null || claims.Audience.Count != 1 || !string.Equals(claims.Audience[0], options.ExpectedAudience, StringComparison.Ordinal))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingWrongAudience, "The Key Binding JWT's aud is not this verifier."));
        }

        if (options.ExpectedNonce is null || !string.Equals(claims.Nonce, options.ExpectedNonce, StringComparison.Ordinal))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingWrongNonce, "The Key Binding JWT's nonce is not the one this verifier issued."));
        }

        var now = options.TimeProvider.GetUtcNow();
        if (claims.IssuedAt is not { } iat || iat > now + options.ClockSkew || iat < now - options.KeyBindingMaxAge - options.ClockSkew)
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingIatOutOfWindow, "The Key Binding JWT's iat is missing or outside the accepted window."));
        }

        return claims.Claims;
    }
}
