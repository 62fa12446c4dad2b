using System.Text.Json.Nodes;

namespace DidSdk.Core.Tests.SpecVectors;

/// <summary>Locates spec-vectors/ (transcribed and upstream copies) for the JOSE and JCS vector tests.</summary>
internal static class JoseVectorPaths
{
    public static string RepoRoot => DidSdk.Testing.RepoPaths.Root;

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

    /// <summary>An upstream copy under spec-vectors/; missing means a broken checkout, so it throws.</summary>
    public static string SharedVector(string relativePath) =>
        DidSdk.Testing.RepoPaths.UpstreamVector(relativePath.Split('/', '\\'));
}
