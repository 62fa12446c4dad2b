using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>Decides whether an issuer is trusted (e.g. a consortium allow-list; later a chain-backed registry).</summary>
public interface ITrustPolicy
{
    /// <summary>Returns a problem when <paramref name="issuer"/> is not trusted for <paramref name="credential"/>.</summary>
    ValueTask<Problem?> CheckIssuerAsync(string issuer, JsonObject credential, CancellationToken cancellationToken = default);
}

/// <summary>Trusts exactly the listed issuers.</summary>
public sealed class TrustedIssuersPolicy(IEnumerable<string> issuers) : ITrustPolicy
{
    private readonly HashSet<string> trusted = new(issuers ?? throw new ArgumentNullException(nameof(issuers)), StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<Problem?> CheckIssuerAsync(string issuer, JsonObject credential, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(trusted.Contains(issuer) ? null : new Problem(CredentialProblemCodes.UntrustedIssuer, "The issuer is not on the verifier's list of trusted issuers."));
}

/// <summary>
/// A credential format the verifier does not know itself (e.g. SD-JWT VC from DidSdk.SdJwt), registered in
/// <see cref="CredentialVerifierOptions.FormatHandlers"/>. Handlers are asked in order; the first that can handle the input verifies it.
/// </summary>
public interface ICredentialFormatHandler
{
    /// <summary>The format name reported in results.</summary>
    string Format { get; }

    /// <summary>Whether this handler recognises <paramref name="input"/> (cheap, syntactic).</summary>
    bool CanHandle(string input);

    /// <summary>Verifies <paramref name="input"/> under <paramref name="options"/>; never throws for invalid input.</summary>
    Task<CredentialVerificationResult> VerifyAsync(string input, CredentialVerifierOptions options, CancellationToken cancellationToken = default);
}

/// <summary>Verifier policy. Secure defaults; relaxations are named for what they give up.</summary>
public sealed class CredentialVerifierOptions
{
    private readonly TimeSpan clockSkew = TimeSpan.FromSeconds(60);

    /// <summary>Resolves issuers' and holders' DIDs (use a <see cref="CachingDidResolver"/> over did:key, did:jwk, did:web, did:ethr...).</summary>
    public required IDidResolver Resolver { get; init; }

    /// <summary>The clock.</summary>
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

    /// <summary>Who may issue. <see langword="null"/> accepts any issuer whose signature verifies.</summary>
    public ITrustPolicy? TrustPolicy { get; init; }

    /// <summary>Extra formats (e.g. SD-JWT VC).</summary>
    public IReadOnlyList<ICredentialFormatHandler> FormatHandlers { get; init; } = [];

    /// <summary>Accept credentials past their validUntil/exp. Default <see langword="false"/>.</summary>
    public bool AllowExpiredCredentials { get; init; }

    /// <summary>Fetches Bitstring Status List credentials; without it, a credential with a status entry is not accepted unless <see cref="AllowUncheckedStatus"/>.</summary>
    public IStatusListCredentialFetcher? StatusListFetcher { get; init; }

    /// <summary>Accept credentials whose <c>credentialStatus</c> cannot be checked by this verifier. Default <see langword="false"/>.</summary>
    public bool AllowUncheckedStatus { get; init; }

    /// <summary>JWS limits and the algorithm allow-list.</summary>
    public JwsReaderOptions JwsReaderOptions { get; init; } = JwsReaderOptions.Default;

    /// <summary>The largest input accepted, in characters. Default 1 MiB.</summary>
    public int MaxInputLength { get; init; } = 1024 * 1024;
}

/// <summary>A credential that passed every check. Only the verifiers create these.</summary>
public sealed class VerifiedCredential
{
    internal VerifiedCredential(string format, string issuer, JsonObject credential)
    {
        Format = format;
        Issuer = issuer;
        Credential = credential;
    }

    /// <summary>The format it arrived in.</summary>
    public string Format { get; }

    /// <summary>The issuer.</summary>
    public string Issuer { get; }

    /// <summary>The credential (VC data model JSON; for VC-JWT 1.1, rebuilt from the JWT claims).</summary>
    public JsonObject Credential { get; }
}

/// <summary>The outcome of a credential or presentation verification. Never thrown; problems carry stable codes.</summary>
public sealed class CredentialVerificationResult
{
    /// <summary>Creates a result (for format handlers).</summary>
    public CredentialVerificationResult(string? format, string? issuer, JsonObject? claims, IReadOnlyList<Problem> problems, IReadOnlyList<CredentialVerificationResult>? credentials = null)
    {
        Format = format;
        Issuer = issuer;
        Claims = claims;
        Problems = problems ?? throw new ArgumentNullException(nameof(problems));
        Credentials = credentials ?? [];
        if (problems.Count == 0 && format is not null && issuer is not null && claims is not null)
        {
            Credential = new VerifiedCredential(format, issuer, claims);
        }
    }

    /// <summary>Whether every check passed.</summary>
    public bool Verified => Problems.Count == 0;

    /// <summary>The detected format.</summary>
    public string? Format { get; }

    /// <summary>The issuer (for a presentation, the holder).</summary>
    public string? Issuer { get; }

    /// <summary>The verified credential, when <see cref="Verified"/>.</summary>
    public VerifiedCredential? Credential { get; }

    /// <summary>The credential (or presentation) JSON, when it could be read.</summary>
    public JsonObject? Claims { get; }

    /// <summary>What failed.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>For a presentation, the results of the credentials in it.</summary>
    public IReadOnlyList<CredentialVerificationResult> Credentials { get; }

    internal static CredentialVerificationResult Fail(Problem problem, string? format = null) => new(format, null, null, [problem]);
}

/// <summary>
/// Verifies credentials whatever their securing: detects the format (VC-JOSE <c>vc+jwt</c>, VC-JWT 1.1, Data Integrity
/// JSON, or a registered <see cref="ICredentialFormatHandler"/>), parses with limits, resolves the issuer's DID, requires
/// the signing method to be the issuer's and in <c>assertionMethod</c>, verifies the signature, checks the data model,
/// the validity period (injected clock, bounded skew), status, and the trust policy.
/// </summary>
public sealed class CredentialVerifier
{
    private readonly CredentialVerifierOptions options;
    private readonly DidSignatureVerifier signatures;

    /// <summary>Creates a verifier.</summary>
    public CredentialVerifier(CredentialVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Resolver);
        this.options = options;
        signatures = new DidSignatureVerifier(options.Resolver);
    }

    /// <summary>Verifies a credential in any supported format.</summary>
    public async Task<CredentialVerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > options.MaxInputLength)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The credential is empty or larger than the limit."));
        }

        input = input.Trim();
        foreach (var handler in options.FormatHandlers)
        {
            if (handler.CanHandle(input))
            {
                return await handler.VerifyAsync(input, options, cancellationToken).ConfigureAwait(false);
            }
        }

        if (input[0] == '{')
        {
            return await DataIntegrity.VerifyCredentialAsync(input, options, signatures, this, cancellationToken).ConfigureAwait(false);
        }

        if (input.AsSpan().Count('.') == 2 && !input.Contains('~', StringComparison.Ordinal))
        {
            return await VerifyJwtAsync(input, cancellationToken).ConfigureAwait(false);
        }

        return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.UnsupportedFormat, "Not a VC-JOSE, VC-JWT or Data Integrity credential, and no registered handler recognises it."));
    }

    private async Task<CredentialVerificationResult> VerifyJwtAsync(string token, CancellationToken cancellationToken)
    {
        var read = Jws.ReadCompact(token, options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.InvalidJws, read.Problem!.Message));
        }

        var jws = read.Token!;
        if (StrictJson.TryParseObject(jws.Payload.Span, 32, out var payload) != StrictJsonStatus.Ok)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The JWT payload is not a JSON object."));
        }

        if (jws.Type == CredentialFormats.VcJose)
        {
            return await VerifyJoseAsync(jws, payload!, cancellationToken).ConfigureAwait(false);
        }

        if (payload!["vc"] is JsonObject)
        {
            return await VerifyJwt11Async(jws, payload, cancellationToken).ConfigureAwait(false);
        }

        return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.WrongType, "A JWT credential needs typ vc+jwt (VC-JOSE) or a vc claim (VC-JWT 1.1)."));
    }

    private async Task<CredentialVerificationResult> VerifyJoseAsync(JwsToken jws, JsonObject credential, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.VcJose;
        // The payload was parsed for this call only, so the model can wrap it without a copy.
        if (!VerifiableCredential.TryParse(credential, copy: false, out var vc, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, credential, modelProblems);
        }

        var problems = new List<Problem>();
        await CheckSignatureAsync(jws, vc!.Issuer, VerificationRelationship.AssertionMethod, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, vc.Issuer, credential, problems);
        }

        CheckValidity(vc.ValidFrom, vc.ValidUntil, problems);
        if ((credential.ContainsKey("exp") || credential.ContainsKey("nbf")) && JwtClaims.TryParse(credential, out var claims, out _))
        {
            CheckValidity(claims.NotBefore, claims.ExpirationTime, problems);
        }

        await CheckStatusAndTrustAsync(vc, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, vc.Issuer, credential, problems);
    }

    private async Task<CredentialVerificationResult> VerifyJwt11Async(JwsToken jws, JsonObject payload, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.VcJwt11;
        if (!JwtClaims.TryParse(payload, out var claims, out var claimsProblem) || claims.Issuer is null)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, claimsProblem?.Message ?? "A VC-JWT needs an iss claim."), format);
        }

        // VC Data Model 1.1 §6.3.1: rebuild the credential from the JWT claims; claims present in both must agree.
        // The payload was parsed for this call only, so the vc object is detached from it rather than copied.
        var credential = payload["vc"]!.AsObject();
        payload.Remove("vc");
        var problems = new List<Problem>();
        Merge(credential, "issuer", claims.Issuer, problems);
        if (claims.JwtId is { } jti)
        {
            Merge(credential, "id", jti, problems);
        }

        if (claims.Subject is { } sub && credential["credentialSubject"] is JsonObject subject)
        {
            if (subject["id"] is null)
            {
                subject["id"] = sub;
            }
            else if (subject["id"]!.GetValueKind() != JsonValueKind.String || subject["id"]!.GetValue<string>() != sub)
            {
                problems.Add(new Problem(CredentialProblemCodes.ClaimMismatch, "sub differs from credentialSubject.id."));
            }
        }

        var v1 = VcDataModel.Nodes(credential["@context"]) is [JsonValue c, ..] && c.GetValueKind() == JsonValueKind.String && c.GetValue<string>() == VcDataModel.V1Context;
        if (claims.NotBefore is { } nbf)
        {
            credential[v1 ? "issuanceDate" : "validFrom"] ??= nbf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (claims.ExpirationTime is { } exp)
        {
            credential[v1 ? "expirationDate" : "validUntil"] ??= exp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        // The credential was rebuilt for this call only, so the model can wrap it without another copy.
        if (!VerifiableCredential.TryParse(credential, copy: false, out var vc, out var modelProblems))
        {
            problems.AddRange(modelProblems);
            return new CredentialVerificationResult(format, claims.Issuer, credential, problems);
        }

        await CheckSignatureAsync(jws, claims.Issuer, VerificationRelationship.AssertionMethod, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, claims.Issuer, credential, problems);
        }

        CheckValidity(claims.NotBefore, claims.ExpirationTime, problems);
        await CheckStatusAndTrustAsync(vc!, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, claims.Issuer, credential, problems);
    }

    internal async Task CheckSignatureAsync(JwsToken jws, string did, VerificationRelationship purpose, List<Problem> problems, CancellationToken cancellationToken)
    {
        if (!Did.TryParse(did, out _, out _))
        {
            problems.Add(new Problem(CredentialProblemCodes.SignatureInvalid, "The issuer is not a DID, so its key cannot be resolved."));
            return;
        }

        DidSignatureVerification result;
        if (jws.KeyId is { } kid)
        {
            // A kid that is the issuer's DID followed by a fragment needs no parse here (the authorizer checks it fully).
            var sameDid = kid.Length > did.Length && kid[did.Length] == '#' && kid.StartsWith(did, StringComparison.Ordinal);
            if (!sameDid && DidUrl.TryParse(kid, out var url, out _) && url.Did.ToString() != did)
            {
                problems.Add(new Problem(CredentialProblemCodes.KeyIdNotIssuer, "The kid names a verification method of another DID."));
                return;
            }

            result = await signatures.VerifyJwsAsync(jws, did, purpose, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await signatures.VerifyWithAnyMethodAsync(did, purpose, jws.SigningAlgorithm, jws.SigningInput, jws.Signature, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            problems.Add(new Problem(CredentialProblemCodes.SignatureInvalid, result.Problem!.Message));
            problems.Add(result.Problem);
        }
    }

    internal void CheckValidity(DateTimeOffset? from, DateTimeOffset? until, List<Problem> problems)
    {
        var now = options.TimeProvider.GetUtcNow();
        if (from is { } f && f > now + options.ClockSkew)
        {
            problems.Add(new Problem(CredentialProblemCodes.NotYetValid, "The credential is not valid yet."));
        }

        if (until is { } u && u < now - options.ClockSkew && !options.AllowExpiredCredentials)
        {
            problems.Add(new Problem(CredentialProblemCodes.Expired, "The credential has expired."));
        }
    }

    internal async Task CheckStatusAndTrustAsync(VerifiableCredential vc, List<Problem> problems, CancellationToken cancellationToken)
    {
        if (vc.CredentialStatus.Count > 0)
        {
            if (options.StatusListFetcher is { } fetcher)
            {
                await BitstringStatusChecker.CheckAsync(vc, options, fetcher, problems, cancellationToken).ConfigureAwait(false);
            }
            else if (!options.AllowUncheckedStatus)
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusUnchecked, "The credential has a credentialStatus this verifier is not configured to check."));
            }
        }

        if (options.TrustPolicy is { } policy && await policy.CheckIssuerAsync(vc.Issuer, vc.Json, cancellationToken).ConfigureAwait(false) is { } distrust)
        {
            problems.Add(distrust);
        }
    }

    private static void Merge(JsonObject credential, string name, string value, List<Problem> problems)
    {
        var existing = credential[name] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonObject o when o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String => id.GetValue<string>(),
            _ => null,
        };
        if (existing is null)
        {
            credential[name] = value;
        }
        else if (existing != value)
        {
            problems.Add(new Problem(CredentialProblemCodes.ClaimMismatch, $"The JWT claim for {name} differs from the credential's {name}."));
        }
    }
}
