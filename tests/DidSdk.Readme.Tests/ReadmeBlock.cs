namespace DidSdk.Readme.Tests;

/// <summary>One ```csharp block of a README: where it is, its info-string tags and its code.</summary>
public sealed record ReadmeBlock(string File, int Index, int Line, IReadOnlyList<string> Tags, string Code)
{
    /// <summary>The tag that marks a block to compile but not run (it needs a chain, a server, a file...).</summary>
    public const string NoRunTag = "no-run";

    /// <summary>Whether the block is compiled only.</summary>
    public bool CompileOnly => Tags.Contains(NoRunTag, StringComparer.Ordinal);

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

            blocks.Add(new ReadmeBlock(file, blocks.Count + 1, start, info[1..], string.Join('\n', lines[start..end])));
            i = end;
        }

        return blocks;
    }
}
