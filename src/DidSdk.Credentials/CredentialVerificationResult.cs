using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>The outcome of a credential or presentation verification. Never thrown; problems carry stable codes.</summary>
public sealed class CredentialVerificationResult
{
    /// <summary>Creates a result (for format handlers).</summary>
    /// <param name="format">The detected format, if known.</param>
    /// <param name="issuer">The issuer (holder of a presentation), if known.</param>
    /// <param name="claims">The credential or presentation JSON, if it could be read.</param>
    /// <param name="problems">What failed; empty for a verified credential.</param>
    /// <param name="credentials">For a presentation, the results of the credentials in it.</param>
    /// <exception cref="ArgumentException">No problems, but no format, issuer or claims either.</exception>
    public CredentialVerificationResult(string? format, string? issuer, JsonObject? claims, IReadOnlyList<Problem> problems, IReadOnlyList<CredentialVerificationResult>? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Format = format;
        Issuer = issuer;
        _claims = claims;
        Problems = problems;
        Credentials = credentials ?? [];
        if (problems.Count == 0)
        {
            if (format is null || issuer is null || claims is null)
            {
                throw new ArgumentException("A result without problems needs its format, issuer and claims.", nameof(problems));
            }

            Credential = new VerifiedCredential(format, issuer, claims);
        }
    }

    /// <summary>A credential's result whose JSON is built from its token on first read (<see cref="Claims"/>, <see cref="VerifiedCredential.Credential"/>).</summary>
    internal CredentialVerificationResult(string format, string issuer, LazyCredentialJson claims, IReadOnlyList<Problem> problems)
    {
        Format = format;
        Issuer = issuer;
        _lazyClaims = claims;
        Problems = problems;
        Credentials = [];
        if (problems.Count == 0)
        {
            Credential = new VerifiedCredential(format, issuer, claims);
        }
    }

    private readonly JsonObject? _claims;
    private readonly LazyCredentialJson? _lazyClaims;

    /// <summary>Whether every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Credential), nameof(Format), nameof(Issuer), nameof(Claims))]
    public bool Succeeded => Credential is not null;

    /// <summary>The detected format.</summary>
    public string? Format { get; }

    /// <summary>The issuer (for a presentation, the holder).</summary>
    public string? Issuer { get; }

    /// <summary>The verified credential, when <see cref="Succeeded"/>.</summary>
    public VerifiedCredential? Credential { get; }

    /// <summary>The credential (or presentation) JSON, when it could be read. Not verified unless <see cref="Succeeded"/>.</summary>
    public JsonObject? Claims => _claims ?? _lazyClaims?.Value;

    /// <summary>What failed. A problem's <see cref="Problem.Cause"/> carries the lower-level reason.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>For a presentation, the results of the credentials in it.</summary>
    public IReadOnlyList<CredentialVerificationResult> Credentials { get; }

    /// <summary>The trust policy's decision, when one was asked (its <see cref="TrustPolicyResult.Reason"/> says which rule decided).</summary>
    public TrustPolicyResult? Trust { get; init; }

    /// <summary>
    /// For a credential bound to a holder key (<c>cnf</c>), what its format handler reports about that binding;
    /// <see langword="null"/> for a credential without <c>cnf</c>. A <see cref="PresentationVerifier"/> refuses such a
    /// credential (<see cref="CredentialProblemCodes.CredentialNotBoundToHolder"/>) unless it is bound to the presentation.
    /// </summary>
    public HolderKeyBinding? HolderBinding { get; init; }

    internal static CredentialVerificationResult Fail(Problem problem, string? format = null) => new(format, null, (JsonObject?)null, [problem]);
}
