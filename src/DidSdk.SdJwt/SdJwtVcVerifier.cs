using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Internal;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt;

/// <summary>
/// Verifies SD-JWT VC presentations: <c>typ</c>, the SD-JWT rules and key binding (<see cref="SdJwtVerifier"/>), the
/// issuer key (by DID or a key known out of band), <c>iss</c> and <c>vct</c>, that no never-disclosable claim came
/// through a disclosure, the Token Status List, and issuer trust through an <see cref="ITrustPolicy"/>. Never throws
/// for invalid input.
/// </summary>
public sealed partial class SdJwtVcVerifier
{
    private readonly SdJwtVerifierOptions _options;
    private readonly SdJwtVerifier _sdJwtVerifier;
    private readonly DidSignatureVerifier? _didVerifier;
    private readonly IReadOnlyDictionary<string, PublicKeyMaterial> _issuerKeys;
    private readonly TokenStatusChecker? _statusChecker;
    private readonly ITrustPolicy? _trustPolicy;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">Settings, or <see langword="null"/> for the secure defaults (key binding required, status required).</param>
    /// <param name="resolver">Resolves DID issuers: <c>kid</c> must be a DID URL of <c>iss</c> authorized for <c>assertionMethod</c>. Use a <see cref="CachingDidResolver"/>.</param>
    /// <param name="issuerKeys">Issuer keys known out of band, by <c>iss</c> (for issuers not identified by a DID, e.g. an HTTPS URL). A DID issuer's key always comes from its DID.</param>
    /// <param name="statusChecker">Checks the <c>status</c> claim against its Token Status List.</param>
    /// <param name="trustPolicy">
    /// Decides whether the issuer is trusted for the credential's <c>vct</c>, asked last with a <see cref="TrustPolicyContext"/>
    /// (issuer, <c>[vct]</c>, <c>iat</c>, the signing verification method, <c>dc+sd-jwt</c>, now); <see langword="null"/>
    /// accepts any issuer whose signature verifies.
    /// </param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    public SdJwtVcVerifier(
        SdJwtVerifierOptions? options = null,
        IDidResolver? resolver = null,
        IReadOnlyDictionary<string, PublicKeyMaterial>? issuerKeys = null,
        TokenStatusChecker? statusChecker = null,
        ITrustPolicy? trustPolicy = null,
        TimeProvider? timeProvider = null)
    {
        this._options = options ?? new SdJwtVerifierOptions();
        _sdJwtVerifier = new SdJwtVerifier(this._options, timeProvider);
        _didVerifier = resolver is null ? null : new DidSignatureVerifier(resolver);
        this._issuerKeys = issuerKeys ?? new Dictionary<string, PublicKeyMaterial>();
        this._statusChecker = statusChecker;
        this._trustPolicy = trustPolicy;
        this._timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Verifies a compact or JSON-serialized SD-JWT VC without key binding expectations (only when <see cref="SdJwtVerifierOptions.RequireKeyBinding"/> is off).</summary>
    public Task<SdJwtVcVerificationResult> VerifyAsync(string credential, CancellationToken cancellationToken = default) =>
        VerifyAsync(credential, null, null, cancellationToken);

    /// <summary>Verifies a compact or JSON-serialized SD-JWT VC presentation bound to <paramref name="expectedAudience"/> and <paramref name="expectedNonce"/>.</summary>
    /// <param name="presentation">The presentation (SD-JWT+KB).</param>
    /// <param name="expectedAudience">The Key Binding JWT's expected <c>aud</c> (this verifier).</param>
    /// <param name="expectedNonce">The Key Binding JWT's expected <c>nonce</c> (the one this verifier issued for the request).</param>
    /// <param name="cancellationToken">Cancels resolution, status fetching and the trust check.</param>
    public async Task<SdJwtVcVerificationResult> VerifyAsync(string presentation, string? expectedAudience, string? expectedNonce, CancellationToken cancellationToken = default)
    {
        if (!SdJwtToken.TryParse(presentation, _options.ReaderOptions, out var token, out var problem))
        {
            return SdJwtVcVerificationResult.Fail(problem);
        }

        if (!SdJwtVerifier.TryReadIssuerJws(token, _options, out var jws, out problem))
        {
            return SdJwtVcVerificationResult.Fail(problem);
        }

        // The usual SD-JWT VC is read and checked from its payload bytes; anything else as a tree (the same outcome).
        JsonObject? payload = null;
        SdHashAlgorithm? hashAlgorithm = null;
        string? issuer, vct;
        var fast = IssuerPayload.TryRead(jws, token.Disclosures, _options, out var read);
        if (fast)
        {
            issuer = read.Issuer;
            vct = read.Vct;
        }
        else
        {
            if (!SdJwtVerifier.TryReadPayloadTree(jws, _options, out payload, out hashAlgorithm, out problem))
            {
                return SdJwtVcVerificationResult.Fail(problem);
            }

            issuer = payload["iss"] is JsonValue i && i.GetValueKind() == JsonValueKind.String ? i.GetValue<string>() : null;
            vct = payload["vct"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        }

        if (jws.Type is not (SdJwtVc.Type or SdJwtVc.LegacyType))
        {
            return SdJwtVcVerificationResult.Fail(new Problem(SdJwtProblemCodes.VcWrongType, $"The typ must be {SdJwtVc.Type}."));
        }

        if (issuer is null || vct is null)
        {
            return SdJwtVcVerificationResult.Fail(new Problem(SdJwtProblemCodes.VcClaimInvalid, "An SD-JWT VC needs string iss and vct claims in the clear."));
        }

        SdJwtIssuerKey issuerKey;
        PublicKeyMaterial? knownKey = null;
        if (issuer.StartsWith("did:", StringComparison.Ordinal))
        {
            if (_didVerifier is null)
            {
                return SdJwtVcVerificationResult.Fail(new Problem(SdJwtProblemCodes.IssuerKeyUnknown, "The issuer is a DID but the verifier has no DID resolver."), issuer, vct);
            }

            issuerKey = SdJwtIssuerKey.FromIssuerDid(_didVerifier);
        }
        else if (_issuerKeys.TryGetValue(issuer, out knownKey))
        {
            issuerKey = SdJwtIssuerKey.FromPublicKey(knownKey);
        }
        else
        {
            return SdJwtVcVerificationResult.Fail(new Problem(SdJwtProblemCodes.IssuerKeyUnknown, "No key is known for this issuer and it is not a DID."), issuer, vct);
        }

        var core = fast
            ? await _sdJwtVerifier.VerifyReadAsync(token, jws, read, issuerKey, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false)
            : await _sdJwtVerifier.VerifyReadAsync(token, jws, payload!, hashAlgorithm!, issuerKey, expectedAudience, expectedNonce, cancellationToken).ConfigureAwait(false);
        var problems = new List<Problem>(core.Problems);
        if (fast)
        {
            // Every disclosure here is of a top-level claim, in the order of the disclosures, as the pointers below would be.
            foreach (var disclosure in token.Disclosures)
            {
                if (SdJwtVc.IsNeverDisclosable(disclosure.ClaimName))
                {
                    problems.Add(new Problem(SdJwtProblemCodes.VcClaimDisclosed, $"The claim '{disclosure.ClaimName}' must never be selectively disclosable."));
                }
            }
        }
        else
        {
            foreach (var pointer in core.DisclosedPointers)
            {
                // A top-level pointer without escapes names its claim as it stands; any other goes through the pointer parser.
                if (pointer.Length > 0 && pointer[0] == '/' && pointer.AsSpan(1).IndexOfAny('/', '~') < 0)
                {
                    if (SdJwtVc.IsNeverDisclosable(pointer.AsSpan(1)))
                    {
                        problems.Add(new Problem(SdJwtProblemCodes.VcClaimDisclosed, $"The claim '{pointer[1..]}' must never be selectively disclosable."));
                    }
                }
                else if (JsonPointer.TryParse(pointer, out var tokens) && tokens.Count == 1 && SdJwtVc.NeverDisclosableClaims.Contains(tokens[0]))
                {
                    problems.Add(new Problem(SdJwtProblemCodes.VcClaimDisclosed, $"The claim '{tokens[0]}' must never be selectively disclosable."));
                }
            }
        }

        TokenStatusResult? status = null;
        if (problems.Count == 0 && (fast ? ReadStatus(jws, read) : payload!["status"]) is { } statusClaim)
        {
            if (_statusChecker is not null)
            {
                // Whose signature the Status List Token needs: built here, only for a credential that has a status to check.
                var statusTrust = knownKey is not null ? StatusListTrust.FromKey(knownKey) : StatusListTrust.FromDid(issuer, _didVerifier!);
                status = await _statusChecker.CheckAsync(statusClaim, statusTrust, issuer, cancellationToken).ConfigureAwait(false);
                if (!status.Succeeded)
                {
                    problems.Add(status.Problem);
                }
            }
            else if (!_options.AllowUncheckedStatus)
            {
                problems.Add(new Problem(SdJwtProblemCodes.StatusUnchecked, "The credential has a status claim but no status checker is configured."));
            }
        }

        // Trust is asked last, only of a credential that passed everything else: a policy never sees a forged token's claims.
        TrustPolicyResult? trust = null;
        if (problems.Count == 0 && _trustPolicy is not null)
        {
            trust = await _trustPolicy.EvaluateAsync(
                new TrustPolicyContext
                {
                    Issuer = issuer,
                    CredentialTypes = [vct],
                    IssuedAt = core.IssuedAt,
                    VerificationMethod = core.VerificationMethodId,
                    Format = SdJwtVc.Type,
                    VerificationTime = _timeProvider.GetUtcNow(),
                    Claims = core.Claims,
                },
                cancellationToken).ConfigureAwait(false);
            if (!trust.Succeeded)
            {
                problems.Add(trust.Problem);
            }
        }

        // The claims come from core, built on first read when the payload was read from its bytes.
        return new SdJwtVcVerificationResult(problems, issuer, vct, null, status, core, trust);
    }

    /// <summary>The <c>status</c> claim of a payload read from its bytes, parsed from its place in the payload (already checked to be strict JSON).</summary>
    private JsonNode? ReadStatus(JwsToken jws, IssuerPayload read) =>
        read.HasStatus
            ? PayloadScan.ReadPayload(
                jws,
                (read.Status, _options.ReaderOptions.MaxDepth),
                static (state, json) => StrictJson.TryParseNode(json[state.Status], state.MaxDepth, out var node) == StrictJsonStatus.Ok ? node : null)
            : null;
}
