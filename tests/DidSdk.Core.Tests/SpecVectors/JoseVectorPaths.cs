using System.Text.Json.Nodes;

namespace DidSdk.Core.Tests.SpecVectors;

/// <summary>Locates spec-vectors/ and ../shared/vectors for the JOSE and JCS vector tests.</summary>
internal static class JoseVectorPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SpecVector(string area, string file) => Path.Combine(RepoRoot, "spec-vectors", area, file);

    public static JsonObject LoadSpecVector(string area, string file)
    {
        var path = SpecVector(area, file);
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        // Every vector file names its source section; a file without one is a repository error.
        if (node["source"]?.GetValue<string>() is not { Length: > 0 })
        {
            throw new InvalidDataException($"{path} has no \"source\".");
        }

        return node;
    }

    /// <summary>The upstream copies beside the repository; missing means a broken checkout, so it throws.</summary>
    public static string SharedVector(string relativePath)
    {
        var path = Path.Combine(RepoRoot, "..", "shared", "vectors", relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Upstream vector file missing: {path}. The shared vectors must sit beside the repository.");
        }

        return path;
    }

    private static string FindRepoRoot()
    {
        // Builds with --artifacts-path place the test assembly outside the tree; then the source file's location is used.
        foreach (var start in new[] { TestContext.CurrentContext.TestDirectory, Path.GetDirectoryName(SourcePath())! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DidSdk.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("DidSdk.sln not found above the test directory.");
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
