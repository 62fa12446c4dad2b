using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Core.Jose;

/// <summary>The result of reading a JWS: a token, or the <see cref="Problem"/> that rejected it.</summary>
public sealed class JwsReadResult
{
    private JwsReadResult(IReadOnlyList<JwsToken> tokens, Problem? problem)
    {
        Tokens = tokens;
        Problem = problem;
    }

    /// <summary><see langword="true"/> when the JWS passed every structural and header check.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>The token (the first signature of a general JSON serialization), or <see langword="null"/>.</summary>
    public JwsToken? Token => Tokens.Count > 0 ? Tokens[0] : null;

    /// <summary>One token per signature (one for compact and flattened), all sharing the payload; empty when invalid.</summary>
    public IReadOnlyList<JwsToken> Tokens { get; }

    /// <summary>Why the JWS was rejected, or <see langword="null"/>.</summary>
    public Problem? Problem { get; }

    internal static JwsReadResult Success(JwsToken token) => new([token], null);

    internal static JwsReadResult Success(IReadOnlyList<JwsToken> tokens) => new(tokens, null);

    internal static JwsReadResult Failure(string code, string message) => new([], new Problem(code, message));

    internal static JwsReadResult Failure(Problem problem) => new([], problem);
}
