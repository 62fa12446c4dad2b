using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.JsonLd;

/// <summary>The expanded form of a JSON-LD document, or why it could not be expanded.</summary>
public sealed class JsonLdExpansionResult
{
    internal JsonLdExpansionResult(JsonArray? expanded, Problem? problem, string? error)
    {
        Expanded = expanded;
        Problem = problem;
        Error = error;
    }

    /// <summary>Whether the document was expanded.</summary>
    [MemberNotNullWhen(true, nameof(Expanded))]
    [MemberNotNullWhen(false, nameof(Problem), nameof(Error))]
    public bool Succeeded => Expanded is not null;

    /// <summary>The expanded document (JSON-LD 1.1 API §5.1).</summary>
    public JsonArray? Expanded { get; }

    /// <summary>Why not, with a <c>DIDSDK9xxx</c> code.</summary>
    public Problem? Problem { get; }

    /// <summary>The JSON-LD 1.1 API error code, or a DidSdk name (<c>undefined term</c>, <c>expansion limit</c>).</summary>
    public string? Error { get; }
}
