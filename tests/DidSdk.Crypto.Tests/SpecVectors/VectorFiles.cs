using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

/// <summary>Locates our transcribed vectors (spec-vectors/crypto) and the upstream copies beside the repository.</summary>
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

    /// <summary>The path of a file under ../shared/vectors; throws if the folder is missing (a prerequisite, never a skip).</summary>
    public static string Upstream(params string[] parts)
    {
        var folder = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "vectors"));
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The upstream test vectors are missing: expected {folder}.");
        }

        var path = Path.Combine([folder, .. parts]);
        return File.Exists(path) ? path : throw new FileNotFoundException("Upstream vector file missing.", path);
    }

    public static IEnumerable<TestCaseData> Cases(string file, string arrayName = "vectors")
    {
        foreach (var vector in Load(file).GetProperty(arrayName).EnumerateArray())
        {
            yield return new TestCaseData(vector).SetName(vector.GetProperty("name").GetString());
        }
    }
}
