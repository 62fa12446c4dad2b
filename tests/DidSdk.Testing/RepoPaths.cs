using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace DidSdk.Testing;

/// <summary>Locations in the repository and beside it that tests read.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() => FindRoot(ThisFile()));

    /// <summary>The repository root: the directory holding DidSdk.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary><c>tests/devchain</c>: the npm packages for the local chain and the interop peers.</summary>
    public static string DevChain => Path.Combine(Root, "tests", "devchain");

    /// <summary><c>spec-vectors/</c>: vectors transcribed from the specifications.</summary>
    public static string SpecVectors => Path.Combine(Root, "spec-vectors");

    /// <summary>The upstream vectors beside the repository (<c>../shared/vectors</c>). Fails loudly when absent.</summary>
    public static string SharedVectors
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "vectors"));
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"The upstream vectors are expected at {path} (../shared/vectors beside the repository).");
            }

            return path;
        }
    }

    /// <summary>A file under <c>tests/devchain/node_modules</c>; fails loudly, naming the set-up command, when npm packages are missing.</summary>
    public static string NodeModule(params string[] relative)
    {
        var path = Path.Combine([DevChain, "node_modules", .. relative]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing: the dev-chain npm packages are not installed. Run `./build.sh test` (it runs `npm ci` in tests/devchain).", path);
        }

        return path;
    }

    /// <summary>
    /// Reads <c>spec-vectors/AREA/FILE</c> and checks that it cites its source (a <c>"source"</c> member);
    /// a vector file without provenance is a repository error.
    /// </summary>
    public static JsonObject LoadSpecVector(string area, string file)
    {
        var path = Path.Combine(SpecVectors, area, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Spec vector file missing: {path}", path);
        }

        var node = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is not a JSON object.");
        if (node["source"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || node["source"]!.GetValue<string>().Length == 0)
        {
            throw new InvalidDataException($"{path} has no \"source\".");
        }

        return node;
    }

    /// <summary>A file under <c>../shared/vectors</c>; throws if it is missing (a prerequisite, never a skip).</summary>
    public static string SharedVector(params string[] relative)
    {
        var path = Path.Combine([SharedVectors, .. relative]);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Upstream vector file missing: {path}", path);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string FindRoot(string sourceFile)
    {
        // Build output may live outside the repository (--artifacts-path), so the source location is the fallback.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DidSdk.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("DidSdk.sln was not found above the test directory.");
    }
}
