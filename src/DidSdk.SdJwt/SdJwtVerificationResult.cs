using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;

namespace DidSdk.SdJwt;

/// <summary>The outcome of <see cref="SdJwtVerifier"/>. Never thrown; problems carry stable codes.</summary>
public sealed class SdJwtVerificationResult
{
    private readonly KeyBindingClaims? _keyBindingClaims;
    private readonly JsonObject? _claims;
    private readonly IReadOnlyList<string>? _disclosedPointers;
    private readonly LazyProcessedPayload? _lazy;

    internal SdJwtVerificationResult(
        IReadOnlyList<Problem> problems,
        JsonObject? claims,
        JwsToken? issuerJwt,
        KeyBindingClaims? keyBindingClaims,
        IReadOnlyList<Disclosure> disclosures,
        IReadOnlyList<string>? disclosedPointers = null,
        string? verificationMethodId = null,
        DateTimeOffset? issuedAt = null)
    {
        IssuedAt = issuedAt;
        Problems = problems;
        _claims = claims;
        IssuerJwt = issuerJwt;
        _keyBindingClaims = keyBindingClaims;
        Disclosures = disclosures;
        _disclosedPointers = disclosedPointers ?? [];
        VerificationMethodId = verificationMethodId;
    }

    /// <summary>A result whose claims and pointers are built from a checked payload on first read.</summary>
    internal SdJwtVerificationResult(
        IReadOnlyList<Problem> problems,
        LazyProcessedPayload processed,
        JwsToken issuerJwt,
        KeyBindingClaims? keyBindingClaims,
        IReadOnlyList<Disclosure> disclosures,
        string? verificationMethodId,
        DateTimeOffset? issuedAt)
        : this(problems, null, issuerJwt, keyBindingClaims, disclosures, null, verificationMethodId, issuedAt)
    {
        _lazy = processed;
        _disclosedPointers = null;
    }

    /// <summary>Whether every check passed; then <see cref="Claims"/> and <see cref="IssuerJwt"/> are set.</summary>
    [MemberNotNullWhen(true, nameof(Claims), nameof(IssuerJwt))]
    public bool Succeeded => Problems.Count == 0 && HasClaims && IssuerJwt is not null;

    /// <summary>Whether <see cref="Claims"/> is set, without building claims that are built on first read.</summary>
    internal bool HasClaims => _claims is not null || _lazy is not null;

    /// <summary>What failed, with stable codes (<see cref="SdJwtProblemCodes"/>).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The processed claims (disclosed claims in place; no <c>_sd</c>, <c>_sd_alg</c> or digests), when the SD-JWT could be processed.</summary>
    public JsonObject? Claims => _claims ?? _lazy?.Claims;

    /// <summary>The Issuer-signed JWT (header, algorithm, kid).</summary>
    public JwsToken? IssuerJwt { get; }

    /// <summary>The Key Binding JWT's claims, when one was present and verified.</summary>
    public JsonObject? KeyBindingClaims => _keyBindingClaims?.Claims;

    /// <summary>Whether a Key Binding JWT was present and its signature verified (<see cref="KeyBindingClaims"/> is set), without building its claims.</summary>
    internal bool HasKeyBindingClaims => _keyBindingClaims is not null;

    /// <summary>The disclosures that were presented.</summary>
    public IReadOnlyList<Disclosure> Disclosures { get; }

    /// <summary>The JSON Pointers (into <see cref="Claims"/>) of the claims that arrived through disclosures.</summary>
    public IReadOnlyList<string> DisclosedPointers => _disclosedPointers ?? _lazy!.Paths;

    /// <summary>The DID URL of the verification method that signed the Issuer-signed JWT; <see langword="null"/> for a key known out of band.</summary>
    public string? VerificationMethodId { get; }

    /// <summary>The Issuer-signed JWT's <c>iat</c>, when present.</summary>
    public DateTimeOffset? IssuedAt { get; }

    internal static SdJwtVerificationResult Fail(Problem problem) => new([problem], null, null, null, []);
}
