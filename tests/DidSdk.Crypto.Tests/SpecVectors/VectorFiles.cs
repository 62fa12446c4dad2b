using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

/// <summary>Locates our transcribed vectors (spec-vectors/crypto) and the upstream copies (spec-vectors/UPSTREAM).</summary>
internal static class VectorFiles
{
    public static string RepoRoot => DidSdk.Testing.RepoPaths.Root;

    /// <summary>Reads spec-vectors/crypto/NAME and checks that it cites its source.</summary>
    public static JsonElement Load(string name)
    {
        var path = Path.Combine(RepoRoot, "spec-vectors", "crypto", name);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement.Clone();
        if (!root.TryGetProperty("source", out var source) || string.IsNullOrWhiteSpace(source.GetString()))
        {
            throw new InvalidDataException($"{path} has no \"source\".");
        }

        return root;
    }

    /// <summary>The path of an upstream copy under spec-vectors/; throws if it is missing (a prerequisite, never a skip).</summary>
    public static string Upstream(params string[] parts) => DidSdk.Testing.RepoPaths.UpstreamVector(parts);

    public static IEnumerable<TestCaseData> Cases(string file, string arrayName = "vectors")
    {
        foreach (var vector in Load(file).GetProperty(arrayName).EnumerateArray())
        {
            yield return new TestCaseData(vector).SetName(vector.GetProperty("name").GetString());
        }
    }
}
