namespace DidSdk.Readme.Tests;

/// <summary>One ```csharp block of a README: where it is, its info-string tags and its code.</summary>
public sealed record ReadmeBlock(string File, int Index, int Line, IReadOnlyList<string> Tags, string Code)
{
    /// <summary>The tag that marks a block to compile but not run (it needs a chain, a server, a file...).</summary>
    public const string NoRunTag = "no-run";

    /// <summary>
    /// The tag that marks a library block (a namespace with types, no top-level statements): it is compiled as a class
    /// library here, and the package's own test project compiles the same text from a file and runs it (against a chain,
    /// a server...), checking the two stay identical.
    /// </summary>
    public const string LibraryTag = "library";

    /// <summary>
    /// The tag that marks a block continuing the previous block of the same README (a walkthrough split by prose): it
    /// is compiled and run after the blocks before it, with all their <c>using</c> lines first.
    /// </summary>
    public const string ContinuesTag = "continues";

    /// <summary>Whether the block is compiled only (not run here).</summary>
    public bool CompileOnly => Tags.Contains(NoRunTag, StringComparer.Ordinal) || IsLibrary;

    /// <summary>Whether the block is a class library (see <see cref="LibraryTag"/>).</summary>
    public bool IsLibrary => Tags.Contains(LibraryTag, StringComparer.Ordinal);

    /// <summary>Every ```csharp block of <paramref name="markdown"/>, numbered from 1 in document order.</summary>
    public static IReadOnlyList<ReadmeBlock> Extract(string file, string markdown)
    {
        var blocks = new List<ReadmeBlock>();
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimEnd();
            if (!fence.StartsWith("```csharp", StringComparison.Ordinal) && !fence.StartsWith("```cs ", StringComparison.Ordinal) && fence != "```cs")
            {
                continue;
            }

            var info = fence[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new InvalidDataException($"{file}: the ```csharp block at line {start} is not closed.");
            }

            var tags = info[1..];
            var code = string.Join('\n', lines[start..end]);
            if (tags.Contains(ContinuesTag, StringComparer.Ordinal))
            {
                if (blocks.Count == 0)
                {
                    throw new InvalidDataException($"{file}: the ```csharp {ContinuesTag} block at line {start} has no block before it.");
                }

                code = Join(blocks[^1].Code, code);
            }

            blocks.Add(new ReadmeBlock(file, blocks.Count + 1, start, tags, code));
            i = end;
        }

        return blocks;
    }

    /// <summary>Appends <paramref name="next"/> to <paramref name="previous"/>, moving every using directive to the top.</summary>
    private static string Join(string previous, string next)
    {
        var all = (previous + "\n" + next).Split('\n');
        static bool IsUsingDirective(string line) => line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(';');
        var usings = all.Where(IsUsingDirective).Distinct(StringComparer.Ordinal);
        return string.Join('\n', usings.Concat(all.Where(l => !IsUsingDirective(l))));
    }
}
