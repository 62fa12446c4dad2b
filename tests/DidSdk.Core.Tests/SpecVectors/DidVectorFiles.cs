using System.Text.Json.Nodes;

namespace DidSdk.Core.Tests.SpecVectors;

/// <summary>Locates <c>spec-vectors/did/</c> by walking up to the directory holding <c>DidSdk.sln</c>.</summary>
internal static class DidVectorFiles
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DidSdk.sln")))
                {
                    return dir.FullName;
                }
            }

            // Built with --artifacts-path outside the tree: fall back to where this source file was compiled from.
            for (var dir = new FileInfo(SourcePath()).Directory; dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DidSdk.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("DidSdk.sln not found above the test directory.");
        }
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    public static JsonObject Load(string name)
    {
        var path = Path.Combine(RepoRoot, "spec-vectors", "did", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Spec vector file missing: {path}");
        }

        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (json["source"] is null)
        {
            throw new InvalidDataException($"{name} has no \"source\".");
        }

        return json;
    }
}
