using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.JsonLd.Rdf;

/// <summary>The result of parsing N-Quads: the dataset, or the problem (<see cref="JsonLdProblemCodes.InvalidNQuads"/>).</summary>
public sealed class NQuadsParseResult
{
    internal NQuadsParseResult(RdfDataset? dataset, Problem? problem)
    {
        Dataset = dataset;
        Problem = problem;
    }

    /// <summary>Whether the input parsed.</summary>
    [MemberNotNullWhen(true, nameof(Dataset))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Dataset is not null;

    /// <summary>The parsed dataset.</summary>
    public RdfDataset? Dataset { get; }

    /// <summary>Why the input did not parse.</summary>
    public Problem? Problem { get; }
}
