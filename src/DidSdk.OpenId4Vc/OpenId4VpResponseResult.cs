using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.OpenId4Vc;

/// <summary>The outcome of <see cref="OpenId4VpWalletClient.RespondAsync"/>: the verifier's answer, or why there was none.</summary>
public sealed class OpenId4VpResponseResult
{
    internal OpenId4VpResponseResult(JsonObject? answer, IReadOnlyList<Problem> problems)
    {
        Answer = answer;
        Problems = problems;
    }

    /// <summary>Whether the verifier accepted the presentation; then <see cref="Answer"/> is its response body.</summary>
    [MemberNotNullWhen(true, nameof(Answer))]
    public bool Succeeded => Problems.Count == 0 && Answer is not null;

    /// <summary>The verifier's JSON answer (also on refusal, when it sent one).</summary>
    public JsonObject? Answer { get; }

    /// <summary>What failed.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    internal static OpenId4VpResponseResult Fail(string code, string message, JsonObject? answer = null) => new(answer, [new Problem(code, message)]);
}
