using System.Text.Json.Nodes;

namespace DidSdk.Core.Tests.SpecVectors;

/// <summary>Locates <c>spec-vectors/did/</c> by walking up to the directory holding <c>DidSdk.sln</c>.</summary>
internal static class DidVectorFiles
{
    public static string RepoRoot => DidSdk.Testing.RepoPaths.Root;

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
