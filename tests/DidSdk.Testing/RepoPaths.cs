using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace DidSdk.Testing;

/// <summary>Locations in the repository that tests read (nothing outside it).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() => FindRoot(ThisFile()));

    /// <summary>The repository root: the directory holding DidSdk.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary><c>tests/devchain</c>: the npm packages for the local chain and the interop peers.</summary>
    public static string DevChain => Path.Combine(Root, "tests", "devchain");

    /// <summary><c>spec-vectors/</c>: vectors transcribed from the specifications.</summary>
    public static string SpecVectors => Path.Combine(Root, "spec-vectors");

    /// <summary>
    /// Upstream test data copied verbatim into <c>spec-vectors/UPSTREAM/...</c> (upstream relative paths kept). Each
    /// upstream folder has a README.md citing its source and licence; a folder without one is a repository error.
    /// </summary>
    public static string UpstreamDirectory(params string[] relative)
    {
        if (relative.Length == 0)
        {
            throw new ArgumentException("Name the upstream folder.", nameof(relative));
        }

        var readme = Path.Combine(SpecVectors, relative[0], "README.md");
        if (!File.Exists(readme))
        {
            throw new FileNotFoundException($"{readme} is missing: every upstream copy under spec-vectors/ cites its source and licence.", readme);
        }

        var path = Path.Combine([SpecVectors, .. relative]);
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"Upstream vector folder missing: {path}");
    }

    /// <summary>A file of upstream test data under <c>spec-vectors/</c> (see <see cref="UpstreamDirectory"/>); throws if missing, never a skip.</summary>
    public static string UpstreamVector(params string[] relative)
    {
        var path = Path.Combine([UpstreamDirectory(relative[0]), .. relative[1..]]);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Upstream vector file missing: {path}", path);
    }

    /// <summary>Former name of the upstream data root; now <c>spec-vectors/</c> inside the repository.</summary>
    public static string SharedVectors => SpecVectors;

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

    /// <summary>Former name of <see cref="UpstreamVector"/>.</summary>
    public static string SharedVector(params string[] relative) => UpstreamVector(relative);

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
