namespace DidSdk.Testing;

/// <summary>
/// Counts which way a differential test's cases went (read by the fast byte reader or left to the general path) and
/// how the fast ones ended, so the test can show it exercised both paths and both outcomes.
/// </summary>
public sealed class PathTally
{
    /// <summary>Cases the fast path read.</summary>
    public int Fast { get; private set; }

    /// <summary>Cases the fast path read that then verified.</summary>
    public int FastSucceeded { get; private set; }

    /// <summary>Cases left to the general path.</summary>
    public int Tree { get; private set; }

    /// <summary>Counts one case.</summary>
    public void Add(bool fast, bool succeeded)
    {
        Fast += fast ? 1 : 0;
        FastSucceeded += fast && succeeded ? 1 : 0;
        Tree += fast ? 0 : 1;
    }

    /// <summary>Which of the minimums (each exceeded, not met) the counts fall short of; empty when every one is exceeded.</summary>
    public IReadOnlyList<string> Shortfalls(int fast, int tree, int fastSucceeded, int fastFailed)
    {
        var shortfalls = new List<string>();
        if (Fast <= fast)
        {
            shortfalls.Add($"cases read from bytes: {Fast}, want more than {fast}");
        }

        if (Tree <= tree)
        {
            shortfalls.Add($"cases left to the tree: {Tree}, want more than {tree}");
        }

        if (FastSucceeded <= fastSucceeded)
        {
            shortfalls.Add($"cases read from bytes that verified: {FastSucceeded}, want more than {fastSucceeded}");
        }

        if (Fast - FastSucceeded <= fastFailed)
        {
            shortfalls.Add($"cases read from bytes that failed a later check: {Fast - FastSucceeded}, want more than {fastFailed}");
        }

        return shortfalls;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Fast} read from bytes ({FastSucceeded} verified), {Tree} left to the tree";
}
