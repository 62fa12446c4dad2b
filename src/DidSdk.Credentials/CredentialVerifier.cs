using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>
/// Verifies credentials whatever their securing: detects the format (VC-JOSE <c>vc+jwt</c>, VC-COSE <c>vc+cose</c>, VC-JWT 1.1, Data Integrity
/// JSON, or a registered <see cref="ICredentialFormatHandler"/>), parses with limits, resolves the issuer's DID, requires
/// the signing method to be the issuer's and in <c>assertionMethod</c>, verifies the signature, checks the data model,
/// the claims against each other, the validity period (injected clock, bounded skew), status, and last the trust policy.
/// </summary>
public sealed partial class CredentialVerifier
{
    private readonly DidSignatureVerifier _signatures;
    private readonly IReadOnlyList<ICredentialFormatHandler> _formatHandlers;
    private readonly IReadOnlyDictionary<string, PublicKeyMaterial> _issuerKeys;
    private readonly IRelatedResourceProvider? _relatedResources;

    /// <summary>Creates a verifier.</summary>
    /// <param name="resolver">Resolves issuers' and holders' DIDs (use a <see cref="CachingDidResolver"/> over did:key, did:jwk, did:web, did:ethr...).</param>
    /// <param name="options">Settings; <see langword="null"/> for the secure defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="trustPolicy">Who may issue; <see langword="null"/> accepts any issuer whose signature verifies.</param>
    /// <param name="statusListFetcher">Fetches Bitstring Status List credentials; without it, a credential with a status entry fails unless <see cref="CredentialVerifierOptions.AllowUncheckedStatus"/>.</param>
    /// <param name="formatHandlers">Extra formats (e.g. SD-JWT VC), asked in order before the built-in ones.</param>
    /// <param name="issuerKeys">
    /// Keys known out of band for issuers that are <em>not</em> DIDs (e.g. an HTTPS URL issuer, VC-JOSE-COSE §3.1.3),
    /// by issuer. Never used for a DID issuer: there, the DID's key decides.
    /// </param>
    /// <param name="relatedResources">Supplies <c>relatedResource</c> bytes so their digests are checked; <see langword="null"/> checks only their syntax and fetches nothing.</param>
    public CredentialVerifier(
        IDidResolver resolver,
        CredentialVerifierOptions? options = null,
        TimeProvider? timeProvider = null,
        ITrustPolicy? trustPolicy = null,
        IStatusListCredentialFetcher? statusListFetcher = null,
        IEnumerable<ICredentialFormatHandler>? formatHandlers = null,
        IReadOnlyDictionary<string, PublicKeyMaterial>? issuerKeys = null,
        IRelatedResourceProvider? relatedResources = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Options = options ?? new CredentialVerifierOptions();
        Options.Validate();
        Resolver = resolver;
        TimeProvider = timeProvider ?? TimeProvider.System;
        TrustPolicy = trustPolicy;
        StatusListFetcher = statusListFetcher;
        this._formatHandlers = formatHandlers is null ? [] : [.. formatHandlers];
        this._issuerKeys = issuerKeys ?? new Dictionary<string, PublicKeyMaterial>(StringComparer.Ordinal);
        _relatedResources = relatedResources;
        _signatures = new DidSignatureVerifier(resolver);
    }

    /// <summary>The settings.</summary>
    public CredentialVerifierOptions Options { get; }

    /// <summary>The DID resolver.</summary>
    public IDidResolver Resolver { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The trust policy, if any.</summary>
    public ITrustPolicy? TrustPolicy { get; }

    /// <summary>The status list fetcher, if any.</summary>
    public IStatusListCredentialFetcher? StatusListFetcher { get; }

    /// <summary>Keys for issuers that are not DIDs.</summary>
    public IReadOnlyDictionary<string, PublicKeyMaterial> IssuerKeys => _issuerKeys;

    /// <summary>Verifies a credential in any supported format. Never throws for invalid input.</summary>
    public async Task<CredentialVerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default)
    {
        using var activity = CredentialsTelemetry.StartVerify();
        var result = await VerifyCoreAsync(input, cancellationToken).ConfigureAwait(false);
        CredentialsTelemetry.RecordVerification(activity, result);
        return result;
    }

    private async ValueTask<CredentialVerificationResult> VerifyCoreAsync(string input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > Options.MaxInputLength)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The credential is empty or larger than the limit."));
        }

        input = input.Trim();
        foreach (var handler in _formatHandlers)
        {
            if (handler.CanHandle(input))
            {
                return await handler.VerifyAsync(input, this, cancellationToken).ConfigureAwait(false);
            }
        }

        if (TryDecodeCoseText(input, VcCose.EnvelopedCredentialPrefix, out var cose))
        {
            return await VerifyCoseCoreAsync(cose, cancellationToken).ConfigureAwait(false);
        }

        if (input.StartsWith(VcCose.EnvelopedCredentialPrefix, StringComparison.Ordinal))
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.InvalidCose, "The data: URL does not hold base64 (VC-JOSE-COSE §3.3.1)."), CredentialFormats.VcCose);
        }

        if (input[0] == '{')
        {
            return await VerifyDataIntegrityAsync(input, cancellationToken).ConfigureAwait(false);
        }

        if (input.AsSpan().Count('.') == 2 && !input.Contains('~', StringComparison.Ordinal))
        {
            return await VerifyJwtAsync(input, cancellationToken).ConfigureAwait(false);
        }

        return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.UnsupportedFormat, "Not a VC-JOSE, VC-COSE, VC-JWT or Data Integrity credential, and no registered handler recognises it."));
    }

    /// <summary>Whether a registered <see cref="ICredentialFormatHandler"/> reports <paramref name="format"/>.</summary>
    internal bool HasHandlerFor(string format) => _formatHandlers.Any(h => h.Format == format);

    /// <summary>
    /// Verifies <paramref name="input"/> with the first registered handler for <paramref name="format"/> that recognises it,
    /// so content labelled with a format (an enveloped credential's media type) is never verified as another; <see langword="null"/> when none does.
    /// </summary>
    internal async Task<CredentialVerificationResult?> VerifyWithHandlerAsync(string format, string input, CancellationToken cancellationToken)
    {
        input = input.Trim();
        if (input.Length == 0 || _formatHandlers.FirstOrDefault(h => h.Format == format && h.CanHandle(input)) is not { } handler)
        {
            return null;
        }

        using var activity = CredentialsTelemetry.StartVerify();
        var result = await handler.VerifyAsync(input, this, cancellationToken).ConfigureAwait(false);
        CredentialsTelemetry.RecordVerification(activity, result);
        return result;
    }

    /// <summary>
    /// Asks the trust policy about a credential that passed every other check (for format handlers, so every format
    /// applies the policy with the same meaning). Without a policy, every issuer is trusted and the result is <see langword="null"/>.
    /// </summary>
    public async ValueTask<TrustPolicyResult?> EvaluateTrustAsync(TrustPolicyContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TrustPolicy is null ? null : await TrustPolicy.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies a JWS signed by <paramref name="signer"/>; returns the absolute id of the verification method that verified it (<see langword="null"/> for a supplied key or on failure).</summary>
    internal async ValueTask<string?> CheckSignatureAsync(JwsToken jws, string signer, VerificationRelationship purpose, List<Problem> problems, CancellationToken cancellationToken, IReadOnlyDictionary<string, PublicKeyMaterial>? holderKeys = null) =>
        (await CheckSignerKeyAsync(jws.KeyId, jws.SigningAlgorithm, default, jws.Signature, signer, purpose, problems, cancellationToken, holderKeys, jws).ConfigureAwait(false)).Method;

    /// <summary>
    /// Verifies a signature (JWS or COSE) by <paramref name="signer"/> made with the method <paramref name="keyId"/> names
    /// (any of the signer's methods for the purpose when <see langword="null"/>); returns the absolute id of the
    /// verification method that verified it (<see langword="null"/> for a supplied key or on failure).
    /// <paramref name="holderKeys"/> are the keys a <see cref="PresentationVerifier"/> was given for holders that are not DIDs.
    /// </summary>
    internal async ValueTask<string?> CheckSignatureAsync(string? keyId, SigningAlgorithm algorithm, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, string signer, VerificationRelationship purpose, List<Problem> problems, CancellationToken cancellationToken, IReadOnlyDictionary<string, PublicKeyMaterial>? holderKeys = null) =>
        (await CheckSignerKeyAsync(keyId, algorithm, data, signature, signer, purpose, problems, cancellationToken, holderKeys).ConfigureAwait(false)).Method;

    /// <summary>
    /// <see cref="CheckSignatureAsync(string?, SigningAlgorithm, ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, string, VerificationRelationship, List{Problem}, CancellationToken, IReadOnlyDictionary{string, PublicKeyMaterial}?)"/>,
    /// also returning the key the signature verified with (the verification method's, or the supplied one; <see langword="null"/> on failure),
    /// so a presentation can bind its credentials' holder keys (<c>cnf</c>) to its signer.
    /// </summary>
    /// <remarks>With <paramref name="jws"/>, <paramref name="data"/> is its signing input, read from the token only where needed (a DID method verifies it in place).</remarks>
    internal async ValueTask<(string? Method, PublicKeyMaterial? Key)> CheckSignerKeyAsync(string? keyId, SigningAlgorithm algorithm, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, string signer, VerificationRelationship purpose, List<Problem> problems, CancellationToken cancellationToken, IReadOnlyDictionary<string, PublicKeyMaterial>? holderKeys = null, JwsToken? jws = null)
    {
        if (!signer.StartsWith("did:", StringComparison.Ordinal))
        {
            // A supplied key stands in for a signer that has no DID document (VC-JOSE-COSE §3.1.3): an issuer's key only
            // for assertionMethod, a holder's only for authentication, so neither role's key can sign for the other.
            var suppliedKeys = purpose == VerificationRelationship.AssertionMethod ? _issuerKeys : holderKeys;
            if (suppliedKeys is not null && suppliedKeys.TryGetValue(signer, out var key))
            {
                if (key.KeyType != algorithm.KeyType)
                {
                    problems.Add(new Problem(CredentialProblemCodes.AlgorithmKeyMismatch, $"The supplied {key.KeyType} key cannot verify alg {algorithm.JoseAlgorithm}."));
                    return (null, null);
                }

                if (!algorithm.Verify(key, (jws?.SigningInput ?? data).Span, signature.Span))
                {
                    problems.Add(new Problem(CredentialProblemCodes.SignatureInvalid, "The signature does not verify with the key supplied for the signer."));
                    return (null, null);
                }

                return (null, key);
            }

            problems.Add(new Problem(CredentialProblemCodes.IssuerKeyUnavailable, "The signer is not a DID and no key was supplied for it."));
            return (null, null);
        }

        if (!Did.TryParse(signer, out _, out var didProblem))
        {
            problems.Add(new Problem(CredentialProblemCodes.IssuerNotResolved, "The signer's DID is not a valid DID.", didProblem));
            return (null, null);
        }

        DidSignatureVerification result;
        if (keyId is not null)
        {
            // A kid that is the signer's DID followed by a fragment needs no parse here (the authorizer checks it fully).
            var sameDid = keyId.Length > signer.Length && keyId[signer.Length] == '#' && keyId.StartsWith(signer, StringComparison.Ordinal);
            if (!sameDid && DidUrl.TryParse(keyId, out var url, out _) && url.Did.ToString() != signer)
            {
                problems.Add(new Problem(CredentialProblemCodes.KeyIdNotIssuer, "The kid names a verification method of another DID."));
                return (null, null);
            }

            // VerifyJwsAsync verifies the same kid, algorithm and signature as VerifyAsync, reading the signing input in place.
            result = jws is not null && keyId.Length > 0
                ? await _signatures.VerifyJwsAsync(jws, signer, purpose, cancellationToken).ConfigureAwait(false)
                : await _signatures.VerifyAsync(signer, keyId, purpose, algorithm, jws?.SigningInput ?? data, signature, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await _signatures.VerifyWithAnyMethodAsync(signer, purpose, algorithm, jws?.SigningInput ?? data, signature, cancellationToken).ConfigureAwait(false);
        }

        if (result.Problem is { } cause)
        {
            problems.Add(SignatureProblem(cause));
            return (null, null);
        }

        return (result.VerificationMethod?.Id, result.PublicKey);
    }

    /// <summary>One credentials problem for a DID signature failure, with the DID or JOSE problem as its cause.</summary>
    internal static Problem SignatureProblem(Problem cause) => cause.Code switch
    {
        JoseProblemCodes.InvalidSignature => new Problem(CredentialProblemCodes.SignatureInvalid, "The signature does not verify with the signer's key.", cause),
        JoseProblemCodes.AlgorithmKeyMismatch => new Problem(CredentialProblemCodes.AlgorithmKeyMismatch, "The signature's algorithm does not fit the verification method's key.", cause),
        DidProblemCodes.ResolutionFailed or DidProblemCodes.DidDeactivated => new Problem(CredentialProblemCodes.IssuerNotResolved, "The signer's DID could not be resolved.", cause),
        _ => new Problem(CredentialProblemCodes.VerificationMethodRejected, "The verification method is not one the signer authorized for this purpose.", cause),
    };

    internal DateTimeOffset Now => TimeProvider.GetUtcNow();

    /// <summary>Checks a credential's validity period: the data model's and the JWT's (already checked to agree).</summary>
    internal void CheckValidity(VerifiableCredential vc, DateTimeOffset? notBefore, DateTimeOffset? expires, List<Problem> problems)
    {
        var now = Now;
        var skew = Options.ClockSkew;

        // VC 1.1 issuanceDate is when the credential was issued (and became valid): a future one is a claim of issuance in the future.
        if (vc.Version == VcDataModelVersion.V1 && vc.ValidFrom is { } issued && issued > now + skew)
        {
            problems.Add(new Problem(CredentialProblemCodes.IssuedInFuture, "The credential's issuanceDate is in the future."));
        }
        else if ((vc.ValidFrom is { } from && from > now + skew) || (notBefore is { } nbf && nbf > now + skew))
        {
            problems.Add(new Problem(CredentialProblemCodes.NotYetValid, "The credential is not valid yet."));
        }

        if (((vc.ValidUntil is { } until && until < now - skew) || (expires is { } exp && exp < now - skew)) && !Options.AllowExpiredCredentials)
        {
            problems.Add(new Problem(CredentialProblemCodes.Expired, "The credential has expired."));
        }
    }

    internal void CheckIssuedAt(DateTimeOffset? issuedAt, List<Problem> problems)
    {
        if (issuedAt is { } iat && iat > Now + Options.ClockSkew)
        {
            problems.Add(new Problem(CredentialProblemCodes.IssuedInFuture, "The token says it was issued in the future (iat)."));
        }
    }

    internal async ValueTask<TrustPolicyResult?> CheckStatusAndTrustAsync(VerifiableCredential vc, string format, DateTimeOffset? issuedAt, string? verificationMethod, List<Problem> problems, CancellationToken cancellationToken)
    {
        await CheckRelatedResourcesAsync(vc, problems, cancellationToken).ConfigureAwait(false);
        if (vc.HasCredentialStatus)
        {
            if (StatusListFetcher is { } fetcher)
            {
                await BitstringStatusChecker.CheckAsync(vc, this, fetcher, problems, cancellationToken).ConfigureAwait(false);
            }
            else if (!Options.AllowUncheckedStatus)
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusUnchecked, "The credential has a credentialStatus this verifier is not configured to check."));
            }
        }

        // Trust is asked only of a credential that passed everything else: a policy never sees claims of a forged token.
        if (problems.Count > 0 || TrustPolicy is null)
        {
            return null;
        }

        var trust = await TrustPolicy.EvaluateAsync(
            new TrustPolicyContext
            {
                Issuer = vc.Issuer,
                CredentialTypes = vc.Types,
                IssuedAt = issuedAt,
                VerificationMethod = verificationMethod,
                Format = format,
                VerificationTime = Now,
                Claims = vc.Json,
            },
            cancellationToken).ConfigureAwait(false);
        if (!trust.Succeeded)
        {
            problems.Add(trust.Problem);
        }

        return trust;
    }

    /// <summary>A verifier for status list credentials: same resolver, clock and limits; no trust policy, no status of its own.</summary>
    internal CredentialVerifier ForStatusLists() => new(
        Resolver,
        new CredentialVerifierOptions
        {
            ClockSkew = Options.ClockSkew,
            JwsReaderOptions = Options.JwsReaderOptions,
            CoseReaderOptions = Options.CoseReaderOptions,
            MaxInputLength = Options.MaxInputLength,
            MaxJsonDepth = Options.MaxJsonDepth,
            AllowUncheckedStatus = true,
        },
        TimeProvider);

    internal static string? StringValue(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal bool TryParseJson(string json, out JsonObject? document) =>
        StrictJson.TryParseObject(System.Text.Encoding.UTF8.GetBytes(json), Options.MaxJsonDepth, out document) == StrictJsonStatus.Ok;
}
