using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>
/// Verifies SD-JWTs and SD-JWT+KB presentations (RFC 9901 §7): the issuer's signature with the algorithm allow-list,
/// every disclosure rule (§7.1), every registered claim present (an unreadable <c>exp</c>, <c>nbf</c> or <c>iat</c> is
/// an error, never "absent"), the <c>cnf</c> shape, and key binding (§7.3: <c>typ</c> <c>kb+jwt</c>, the <c>cnf</c>
/// key's signature, <c>iat</c> window, <c>aud</c>, <c>nonce</c> and <c>sd_hash</c> compared in constant time).
/// Never throws for invalid input.
/// </summary>
public sealed class SdJwtVerifier
{
    private readonly SdJwtVerifierOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">Settings, or <see langword="null"/> for the secure defaults.</param>
    /// <param name="timeProvider">The clock for <c>exp</c>, <c>nbf</c>, <c>iat</c>; default <see cref="TimeProvider.System"/>.</param>
    public SdJwtVerifier(SdJwtVerifierOptions? options = null, TimeProvider? timeProvider = null)
    {
        this._options = options ?? new SdJwtVerifierOptions();
        this._options.Validate(nameof(options));
        this._timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Verifies a compact or JSON-serialized SD-JWT that is not key bound (fails with <see cref="SdJwtProblemCodes.KeyBindingMissing"/> or a wrong audience/nonce when <see cref="SdJwtVerifierOptions.RequireKeyBinding"/> is on or a Key Binding JWT is present).</summary>
    public Task<SdJwtVerificationResult> VerifyAsync(string sdJwt, SdJwtIssuerKey issuerKey, CancellationToken cancellationToken = default) =>
        VerifyAsync(sdJwt, issuerKey, null, null, cancellationToken);

    /// <summary>Verifies a compact or JSON-serialized SD-JWT+KB bound to <paramref name="expectedAudience"/> and <paramref name="expectedNonce"/>.</summary>
    /// <param name="presentation">The presentation.</param>
    /// <param name="issuerKey">How the issuer's key is established.</param>
    /// <param name="expectedAudience">The Key Binding JWT's expected <c>aud</c> (this verifier).</param>
    /// <param name="expectedNonce">The Key Binding JWT's expected <c>nonce</c> (the one this verifier issued for the request).</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    public Task<SdJwtVerificationResult> VerifyAsync(string presentation, SdJwtIssuerKey issuerKey, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        return SdJwtToken.TryParse(presentation, _options.ReaderOptions, out var token, out var problem)
            ? VerifyAsync(token, issuerKey, expectedAudience, expectedNonce, cancellationToken)
            : Task.FromResult(SdJwtVerificationResult.Fail(problem));
    }

    /// <summary>Verifies a parsed SD-JWT (+KB).</summary>
    /// <param name="token">The parsed token.</param>
    /// <param name="issuerKey">How the issuer's key is established.</param>
    /// <param name="expectedAudience">The Key Binding JWT's expected <c>aud</c>.</param>
    /// <param name="expectedNonce">The Key Binding JWT's expected <c>nonce</c>.</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    public async Task<SdJwtVerificationResult> VerifyAsync(SdJwtToken token, SdJwtIssuerKey issuerKey, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(issuerKey);
        if (!TryReadIssuerJws(token, _options, out var jws, out var problem))
        {
            return SdJwtVerificationResult.Fail(problem);
        }

        if (IssuerPayload.TryRead(jws, token.Disclosures, _options, out var read))
        {
            return await VerifyReadAsync(token, jws, read, issuerKey, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
        }

        if (!TryReadPayloadTree(jws, _options, out var payload, out var hashAlgorithm, out problem))
        {
            return SdJwtVerificationResult.Fail(problem);
        }

        return await VerifyReadAsync(token, jws, payload, hashAlgorithm, issuerKey, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
    }

    internal static bool TryReadIssuerJwt(SdJwtToken token, SdJwtVerifierOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JwsToken? jws, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonObject? payload, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdHashAlgorithm? hashAlgorithm, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Problem? problem)
    {
        payload = null;
        hashAlgorithm = null;
        return TryReadIssuerJws(token, options, out jws, out problem) && TryReadPayloadTree(jws, options, out payload, out hashAlgorithm, out problem);
    }

    /// <summary>Reads the Issuer-signed JWT as a JWS (header, algorithm allow-list, signature shape); its payload is read separately.</summary>
    internal static bool TryReadIssuerJws(SdJwtToken token, SdJwtVerifierOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JwsToken? jws, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Problem? problem)
    {
        jws = null;
        var read = Jws.ReadCompact(token.IssuerSignedJwtMemory, options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            problem = new Problem(SdJwtProblemCodes.IssuerJwtInvalid, "The Issuer-signed JWT is not a valid JWS.", read.Problem!);
            return false;
        }

        jws = read.Token!;
        problem = null;
        return true;
    }

    /// <summary>The general path: the payload as a tree, with its <c>_sd_alg</c> checked against the allow-list.</summary>
    internal static bool TryReadPayloadTree(JwsToken jws, SdJwtVerifierOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonObject? payload, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdHashAlgorithm? hashAlgorithm, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Problem? problem)
    {
        if (!SdJwtHolder.TryParsePayload(jws.Payload.Span, options.ReaderOptions.MaxDepth, out payload, out hashAlgorithm, out problem))
        {
            return false;
        }

        if (!options.AllowedHashAlgorithms.Contains(hashAlgorithm.Name))
        {
            problem = new Problem(SdJwtProblemCodes.UnsupportedHashAlgorithm, $"_sd_alg '{hashAlgorithm.Name}' is not allowed.");
            return false;
        }

        return true;
    }

    /// <summary>The checks after the Issuer-signed JWT has been read (shared with <see cref="SdJwtVcVerifier"/>, which reads it first).</summary>
    internal async ValueTask<SdJwtVerificationResult> VerifyReadAsync(SdJwtToken token, JwsToken jws, JsonObject payload, SdHashAlgorithm hashAlgorithm, SdJwtIssuerKey issuerKey, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken)
    {
        var issuer = payload["iss"] is JsonValue iss && iss.GetValueKind() == JsonValueKind.String ? iss.GetValue<string>() : null;
        var (verified, methodId, signatureProblem) = await issuerKey.VerifyAsync(jws, issuer, cancellationToken).ConfigureAwait(false);
        if (!verified)
        {
            return SdJwtVerificationResult.Fail(signatureProblem!);
        }

        // Every registered claim that is present must be readable: an unreadable exp is an error, never "no exp".
        if (!JwtClaims.TryParse(payload, out var claims, out var claimsProblem))
        {
            return SdJwtVerificationResult.Fail(new Problem(SdJwtProblemCodes.IssuerJwtClaimMalformed, "A registered claim of the Issuer-signed JWT is unreadable.", claimsProblem));
        }

        if (!SdJwtProcessor.TryProcess(payload, token.Disclosures, hashAlgorithm, _options.ReaderOptions.MaxDepth, out var processed, out var problem))
        {
            return SdJwtVerificationResult.Fail(problem);
        }

        var problems = new List<Problem>();
        var now = _timeProvider.GetUtcNow();
        CheckTime(claims.IssuedAt, claims.ExpirationTime, claims.NotBefore, now, problems);
        var holderKey = ReadHolderKey(payload, problems, out var holderKeyProblem);
        var keyBindingClaims = CheckKeyBinding(token, holderKey, holderKeyProblem, hashAlgorithm, expectedAudience, expectedNonce, now, problems);
        return new SdJwtVerificationResult(problems, processed.Claims, jws, keyBindingClaims, token.Disclosures, processed.Paths, methodId, claims.IssuedAt);
    }

    /// <summary>
    /// The checks after the Issuer-signed JWT's usual payload has been read from its bytes with every disclosure rule
    /// (<see cref="IssuerPayload"/>): the same checks as the general path, the processed claims built on first read.
    /// </summary>
    internal async ValueTask<SdJwtVerificationResult> VerifyReadAsync(SdJwtToken token, JwsToken jws, IssuerPayload payload, SdJwtIssuerKey issuerKey, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken)
    {
        var (verified, methodId, signatureProblem) = await issuerKey.VerifyAsync(jws, payload.Issuer, cancellationToken).ConfigureAwait(false);
        if (!verified)
        {
            return SdJwtVerificationResult.Fail(signatureProblem!);
        }

        var problems = new List<Problem>();
        var now = _timeProvider.GetUtcNow();
        CheckTime(payload.IssuedAt, payload.ExpirationTime, payload.NotBefore, now, problems);
        var holderKeyProblem = payload.HasConfirmation ? null : new Problem(SdJwtProblemCodes.HolderKeyMissing, "The SD-JWT has no cnf claim to check the Key Binding JWT against.");
        var keyBindingClaims = CheckKeyBinding(token, payload.HolderKey, holderKeyProblem, payload.HashAlgorithm, expectedAudience, expectedNonce, now, problems);
        var processed = new LazyProcessedPayload(jws, token.Disclosures, payload.DisclosedOrder, _options.ReaderOptions.MaxDepth);
        return new SdJwtVerificationResult(problems, processed, jws, keyBindingClaims, token.Disclosures, methodId, payload.IssuedAt);
    }

    private void CheckTime(DateTimeOffset? issuedAt, DateTimeOffset? expirationTime, DateTimeOffset? notBefore, DateTimeOffset now, List<Problem> problems)
    {
        if (expirationTime is { } exp && now >= exp + _options.ClockSkew && !_options.AllowExpiredCredentials)
        {
            problems.Add(new Problem(SdJwtProblemCodes.IssuerJwtExpired, "The Issuer-signed JWT has expired (exp)."));
        }

        if (notBefore is { } nbf && now < nbf - _options.ClockSkew)
        {
            problems.Add(new Problem(SdJwtProblemCodes.IssuerJwtNotYetValid, "The Issuer-signed JWT is not yet valid (nbf)."));
        }

        if (issuedAt is { } iat && iat > now + _options.ClockSkew)
        {
            problems.Add(new Problem(SdJwtProblemCodes.IssuerJwtIssuedInTheFuture, "The Issuer-signed JWT was issued in the future (iat)."));
        }
    }

    /// <summary>
    /// Reads <c>cnf.jwk</c> when <c>cnf</c> is present. A <c>cnf</c> of the wrong shape (not an object, <c>jwk</c> not an
    /// object, a private key) is a problem whether or not a Key Binding JWT follows; a well-formed confirmation this
    /// verifier cannot use (another method, an RSA key) is a problem only when a Key Binding JWT must be checked with it.
    /// </summary>
    private static PublicKeyMaterial? ReadHolderKey(JsonObject payload, List<Problem> problems, out Problem? unusable)
    {
        unusable = new Problem(SdJwtProblemCodes.HolderKeyMissing, "The SD-JWT has no cnf claim to check the Key Binding JWT against.");
        if (!payload.TryGetPropertyValue("cnf", out var cnfNode))
        {
            return null;
        }

        if (cnfNode is not JsonObject cnf || (cnf.TryGetPropertyValue("jwk", out var jwkNode) && jwkNode is not JsonObject))
        {
            problems.Add(new Problem(SdJwtProblemCodes.HolderKeyInvalid, "cnf must be a JSON object and cnf.jwk a JWK object (RFC 7800 §3)."));
            unusable = null;
            return null;
        }

        if (jwkNode is not JsonObject jwkObject)
        {
            unusable = new Problem(SdJwtProblemCodes.HolderKeyInvalid, "cnf has no jwk, the only confirmation method this verifier checks key binding with.");
            return null;
        }

        if (jwkObject.ContainsKey("d"))
        {
            problems.Add(new Problem(SdJwtProblemCodes.HolderKeyInvalid, "cnf.jwk holds a private key."));
            unusable = null;
            return null;
        }

        if (TryReadBareJwk(jwkObject, out var bareKey))
        {
            unusable = null;
            return bareKey;
        }

        if (!Jwk.TryParse(jwkObject.ToJsonString(), out var jwk, out _) || jwk.HasPrivateKey || !jwk.TryGetPublicKey(out var holderKey))
        {
            unusable = new Problem(SdJwtProblemCodes.HolderKeyInvalid, "cnf.jwk is not a public key this verifier supports.");
            return null;
        }

        unusable = null;
        return holderKey;
    }

    /// <summary>
    /// Reads the usual holder key, a bare public JWK (only <c>kty</c>, <c>crv</c>, <c>x</c> and for EC <c>y</c>; Ed25519,
    /// P-256 or secp256k1), without writing it out as JSON text and parsing it again. The checks are those of
    /// <see cref="Jwk.TryParse(string?, out Jwk?, out string?)"/> and <see cref="Jwk.TryGetPublicKey(out PublicKeyMaterial?)"/>
    /// for such a JWK (canonical base64url, 32-byte coordinates, a valid point); anything else, valid or not, is left to them.
    /// </summary>
    private static bool TryReadBareJwk(JsonObject jwk, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PublicKeyMaterial? key) =>
        // An absent or non-string member's text is empty.
        BareJwk.TryImport(StringMember(jwk, "kty"), StringMember(jwk, "crv"), StringMember(jwk, "x"), StringMember(jwk, "y"), jwk.Count, out key);

    private static string? StringMember(JsonObject jwk, string name) =>
        jwk.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private KeyBindingClaims? CheckKeyBinding(SdJwtToken token, PublicKeyMaterial? holderKey, Problem? holderKeyProblem, SdHashAlgorithm hashAlgorithm, string? expectedAudience, string? expectedNonce, DateTimeOffset now, List<Problem> problems)
    {
        if (token.KeyBindingJwtMemory is not { } keyBindingJwt)
        {
            if (_options.RequireKeyBinding)
            {
                problems.Add(new Problem(SdJwtProblemCodes.KeyBindingMissing, "Key binding is required but the presentation has no Key Binding JWT."));
            }

            return null;
        }

        if (holderKey is null)
        {
            if (holderKeyProblem is not null)
            {
                problems.Add(holderKeyProblem);
            }

            return null;
        }

        var read = Jws.ReadCompact(keyBindingJwt, _options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingInvalid, "The Key Binding JWT is not a valid JWS.", read.Problem!));
            return null;
        }

        var kb = read.Token!;
        if (!string.Equals(kb.Type, SdJwtHolder.KeyBindingJwtType, StringComparison.Ordinal))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingWrongType, "The Key Binding JWT's typ must be kb+jwt."));
            return null;
        }

        if (!Jws.VerifySignature(kb, holderKey))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingSignatureInvalid, "The Key Binding JWT is not signed by the key in cnf."));
            return null;
        }

        // The usual payload is checked straight from its bytes and its tree built only if someone asks for it; anything
        // else (escapes, nesting, repeated names, a registered claim of the wrong type) goes through JwtClaims as before.
        var maxDepth = _options.ReaderOptions.MaxDepth;
        if (KeyBindingPayload.TryRead(kb.Payload.Span, maxDepth, out var payload))
        {
            CheckSdHash(token, hashAlgorithm, payload.HasSdHash, payload.SdHash, problems);
            CheckKeyBindingClaims(payload.AudienceCount == 1 && FixedTime.Equal(payload.Audience, expectedAudience), payload.HasNonce && FixedTime.Equal(payload.Nonce, expectedNonce), payload.IssuedAt, payload.ExpirationTime, payload.NotBefore, now, problems);
            return new KeyBindingClaims(kb.Payload, maxDepth);
        }

        if (!JwtClaims.TryParse(kb.Payload.Span, out var claims, out var claimsProblem, maxDepth))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingClaimMalformed, "A claim of the Key Binding JWT is unreadable.", claimsProblem));
            return null;
        }

        string? sdHash = null;
        if (claims.Claims.TryGetPropertyValue("sd_hash", out var sdHashNode))
        {
            if (sdHashNode is not JsonValue h || h.GetValueKind() != JsonValueKind.String)
            {
                problems.Add(new Problem(SdJwtProblemCodes.KeyBindingClaimMalformed, "The Key Binding JWT's sd_hash is not a string."));
                return null;
            }

            sdHash = h.GetValue<string>();
        }

        CheckSdHash(token, hashAlgorithm, sdHash is not null, sdHash is null ? default : System.Text.Encoding.UTF8.GetBytes(sdHash), problems);
        CheckKeyBindingClaims(claims.Audience.Count == 1 && FixedTime.Equal(claims.Audience[0], expectedAudience), FixedTime.Equal(claims.Nonce, expectedNonce), claims.IssuedAt, claims.ExpirationTime, claims.NotBefore, now, problems);
        return new KeyBindingClaims(claims.Claims);
    }

    /// <summary>Adds <c>SdHashMissing</c> or <c>SdHashMismatch</c>; <paramref name="receivedUtf8"/> is the claim's UTF-8 text.</summary>
    private static void CheckSdHash(SdJwtToken token, SdHashAlgorithm hashAlgorithm, bool present, ReadOnlySpan<byte> receivedUtf8, List<Problem> problems)
    {
        if (!present)
        {
            problems.Add(new Problem(SdJwtProblemCodes.SdHashMissing, "The Key Binding JWT has no sd_hash."));
            return;
        }

        Span<byte> expected = stackalloc byte[SdHashAlgorithm.MaxEncodedDigestLength];
        var length = hashAlgorithm.DigestCompactWithoutKeyBinding(token, expected);
        if (!FixedTime.Equal(receivedUtf8, expected[..length]))
        {
            problems.Add(new Problem(SdJwtProblemCodes.SdHashMismatch, "The Key Binding JWT's sd_hash does not match the presented SD-JWT."));
        }
    }

    private void CheckKeyBindingClaims(bool audienceMatches, bool nonceMatches, DateTimeOffset? issuedAt, DateTimeOffset? expirationTime, DateTimeOffset? notBefore, DateTimeOffset now, List<Problem> problems)
    {
        if (!audienceMatches)
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingWrongAudience, "The Key Binding JWT's aud is not this verifier."));
        }

        if (!nonceMatches)
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingWrongNonce, "The Key Binding JWT's nonce is not the one this verifier issued."));
        }

        if (issuedAt is not { } iat)
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingIatMissing, "The Key Binding JWT has no iat."));
        }
        else if (iat > now + _options.ClockSkew || iat < now - _options.KeyBindingMaxAge - _options.ClockSkew)
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingIatOutOfWindow, "The Key Binding JWT's iat is outside the accepted window."));
        }

        if ((expirationTime is { } exp && now >= exp + _options.ClockSkew) || (notBefore is { } nbf && now < nbf - _options.ClockSkew))
        {
            problems.Add(new Problem(SdJwtProblemCodes.KeyBindingTimeInvalid, "The Key Binding JWT has expired (exp) or is not yet valid (nbf)."));
        }
    }
}
