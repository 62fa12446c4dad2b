using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.Consortium;

/// <summary>The answer of a <see cref="ConsortiumTrustPolicy"/>, with the rule that decided it.</summary>
public sealed class ConsortiumTrustDecision
{
    internal ConsortiumTrustDecision(Problem? problem, string rule, TrustTime trustAt, DateTimeOffset? issuedAt)
    {
        Problem = problem;
        Rule = rule;
        TrustAt = trustAt;
        IssuedAt = issuedAt;
    }

    /// <summary>Whether the issuer is trusted for the credential.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>Why not (a <see cref="ConsortiumProblemCodes"/> code).</summary>
    public Problem? Problem { get; }

    /// <summary>The rule that decided, in words (for logs and the demo's output; no personal data).</summary>
    public string Rule { get; }

    /// <summary>The time policy applied.</summary>
    public TrustTime TrustAt { get; }

    /// <summary>The issuance time that was checked, if any.</summary>
    public DateTimeOffset? IssuedAt { get; }
}
