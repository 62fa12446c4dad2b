using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Credentials;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt;

/// <summary>The outcome of verifying an SD-JWT VC presentation. Never thrown; problems carry stable codes.</summary>
public sealed class SdJwtVcVerificationResult
{
    private readonly JsonObject? _claims;

    internal SdJwtVcVerificationResult(IReadOnlyList<Problem> problems, string? issuer, string? vct, JsonObject? claims, TokenStatusResult? status, SdJwtVerificationResult? sdJwt, TrustPolicyResult? trust = null)
    {
        Trust = trust;
        Problems = problems;
        Issuer = issuer;
        Vct = vct;
        _claims = claims;
        Status = status;
        SdJwt = sdJwt;
    }

    /// <summary>Whether every check passed; then <see cref="Issuer"/>, <see cref="Vct"/>, <see cref="Claims"/> and <see cref="SdJwt"/> are set.</summary>
    [MemberNotNullWhen(true, nameof(Issuer), nameof(Vct), nameof(Claims), nameof(SdJwt))]
    public bool Succeeded => Problems.Count == 0 && Issuer is not null && Vct is not null && SdJwt is { HasClaims: true };

    /// <summary>What failed, with stable codes (<see cref="SdJwtProblemCodes"/>, <see cref="TokenStatusProblemCodes"/>, or the trust policy's).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The <c>iss</c>, when it could be read.</summary>
    public string? Issuer { get; }

    /// <summary>The <c>vct</c>, when it could be read.</summary>
    public string? Vct { get; }

    /// <summary>The disclosed claims together with the always-visible ones.</summary>
    public JsonObject? Claims => _claims ?? SdJwt?.Claims;

    /// <summary>The status check, when the credential has a <c>status</c> claim and a checker was configured.</summary>
    public TokenStatusResult? Status { get; }

    /// <summary>The underlying SD-JWT verification.</summary>
    public SdJwtVerificationResult? SdJwt { get; }

    /// <summary>The trust policy's decision, when one was asked (its <see cref="TrustPolicyResult.Reason"/> says which rule decided).</summary>
    public TrustPolicyResult? Trust { get; }

    internal static SdJwtVcVerificationResult Fail(Problem problem, string? issuer = null, string? vct = null) => new([problem], issuer, vct, null, null, null);
}
