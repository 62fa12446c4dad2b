using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>The status of one Referenced Token.</summary>
public sealed class TokenStatusResult
{
    private TokenStatusResult(StatusListReference? reference, byte? status, Problem? problem)
    {
        Reference = reference;
        Status = status;
        Problem = problem;
    }

    /// <summary>Whether the token's status is VALID (0x00); otherwise <see cref="Problem"/> says why not.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>The reference the token carried, when it was well formed.</summary>
    public StatusListReference? Reference { get; }

    /// <summary>The status value read from the list, when the list could be read.</summary>
    public byte? Status { get; }

    /// <summary>
    /// Why the token is not VALID: <see cref="TokenStatusProblemCodes.Revoked"/>, <see cref="TokenStatusProblemCodes.Suspended"/>,
    /// <see cref="TokenStatusProblemCodes.NotValid"/>, or a problem reading the list (unreachable, bad signature, ...).
    /// </summary>
    public Problem? Problem { get; }

    internal static TokenStatusResult Failed(Problem problem, StatusListReference? reference = null) => new(reference, null, problem);

    internal static TokenStatusResult FromStatus(StatusListReference reference, byte status) => status switch
    {
        TokenStatusTypes.Valid => new(reference, status, null),
        TokenStatusTypes.Invalid => new(reference, status, new Problem(TokenStatusProblemCodes.Revoked, "The token has been revoked (status INVALID).")),
        TokenStatusTypes.Suspended => new(reference, status, new Problem(TokenStatusProblemCodes.Suspended, "The token is suspended (status SUSPENDED).")),
        _ => new(reference, status, new Problem(TokenStatusProblemCodes.NotValid, $"The token's status is 0x{status:X2}, not VALID.")),
    };
}
