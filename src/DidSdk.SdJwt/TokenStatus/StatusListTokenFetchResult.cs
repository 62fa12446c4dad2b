using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>The outcome of fetching a Status List Token.</summary>
public sealed class StatusListTokenFetchResult
{
    private StatusListTokenFetchResult(string? token, Problem? problem)
    {
        Token = token;
        Problem = problem;
    }

    /// <summary>Whether the token was fetched; then <see cref="Token"/> is set, otherwise <see cref="Problem"/>.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>The compact Status List Token, when fetched.</summary>
    public string? Token { get; }

    /// <summary>Why it could not be fetched (<see cref="TokenStatusProblemCodes.StatusListUnreachable"/>).</summary>
    public Problem? Problem { get; }

    /// <summary>A fetched token.</summary>
    public static StatusListTokenFetchResult Success(string token) => new(token ?? throw new ArgumentNullException(nameof(token)), null);

    /// <summary>A failed fetch.</summary>
    public static StatusListTokenFetchResult Failure(string message) => new(null, new Problem(TokenStatusProblemCodes.StatusListUnreachable, message));
}
