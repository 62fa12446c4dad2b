using System.Reflection;
using System.Runtime.Loader;
using DidSdk.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DidSdk.Readme.Tests;

/// <summary>
/// Every ```csharp block of README.md and src/*/README.md compiles verbatim — its own <c>using</c> lines plus the
/// implicit usings of a new console project (<c>dotnet new console</c>) — as a top-level program against the built
/// DidSdk assemblies, and runs without throwing. Info-string tags: <c>continues</c> joins the block to the ones before
/// it (a walkthrough split by prose); <c>library</c> marks a namespace-with-types block, compiled as a library here and
/// run by its package's own test project from an identical file; <c>no-run</c> compiles only (code that needs a chain
/// or a server with no package test to run it); keep that last one rare.
/// </summary>
public sealed class ReadmeCodeTests
{
    /// <summary>The global usings a new console app gets from the SDK (ImplicitUsings=enable).</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<List<MetadataReference>> References = new(LoadReferences);

    private static IEnumerable<TestCaseData> Blocks()
    {
        var readmes = new List<string> { "README.md" };
        readmes.AddRange(Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src"))
            .Select(d => Path.Combine(d, "README.md"))
            .Where(File.Exists)
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));
        foreach (var readme in readmes)
        {
            foreach (var block in ReadmeBlock.Extract(readme, File.ReadAllText(Path.Combine(RepoPaths.Root, readme))))
            {
                var name = readme.Replace("/README.md", string.Empty, StringComparison.Ordinal).Replace("src/", string.Empty, StringComparison.Ordinal);
                yield return new TestCaseData(block)
                    .SetName($"Readme_{(name == "README.md" ? "Root" : name)}_Block{block.Index}_{(block.CompileOnly ? "Compiles" : "CompilesAndRuns")}");
            }
        }
    }

    /// <summary>
    /// Blocks known not to compile or run verbatim yet (<c>file#index</c>, one a line, in pending-blocks.txt). Each is
    /// reported as skipped with its error, and fails as soon as it does run, so the list can only shrink.
    /// </summary>
    private static readonly Lazy<HashSet<string>> Pending = new(() => File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "DidSdk.Readme.Tests", "pending-blocks.txt"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToHashSet(StringComparer.Ordinal));

    [TestCaseSource(nameof(Blocks))]
    public async Task ReadmeBlock_Verbatim_CompilesAndRuns(ReadmeBlock block)
    {
        var failure = await RunBlockAsync(block).ConfigureAwait(false);
        if (Pending.Value.Contains($"{block.File}#{block.Index}"))
        {
            if (failure is null)
            {
                Assert.Fail($"{block.File} block {block.Index} now compiles and runs verbatim: remove it from pending-blocks.txt.");
            }

            Assert.Ignore($"Pending (issue 12): {failure}");
        }

        Assert.That(failure, Is.Null);
    }

    private static async Task<string?> RunBlockAsync(ReadmeBlock block)
    {
        var assembly = Compile(block, out var errors);
        if (errors.Count > 0)
        {
            return $"{block.File} block {block.Index} (line {block.Line}) does not compile: {string.Join("; ", errors)}";
        }

        if (block.CompileOnly)
        {
            return null;
        }

        var context = new AssemblyLoadContext($"readme-{block.Index}", isCollectible: true);
        try
        {
            var entry = context.LoadFromStream(new MemoryStream(assembly!)).EntryPoint;
            if (entry is null)
            {
                return "The block compiled to no entry point.";
            }

            var arguments = entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() };
            try
            {
                var result = entry.Invoke(null, arguments);
                if (result is Task task)
                {
                    await task.WaitAsync(RunTimeout).ConfigureAwait(false);
                }

                return null;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                return $"{block.File} block {block.Index} (line {block.Line}) throws: {e.InnerException}";
            }
            catch (TimeoutException)
            {
                return $"{block.File} block {block.Index} (line {block.Line}) did not finish within {RunTimeout}.";
            }
            catch (Exception e)
            {
                return $"{block.File} block {block.Index} (line {block.Line}) throws: {e}";
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Test]
    public void Extract_NoRunTag_IsCompileOnly()
    {
        var blocks = ReadmeBlock.Extract("x.md", "text\n```csharp no-run\nvar a = 1;\n```\n```csharp\nvar b = 2;\n```\n");
        Assert.That(blocks, Has.Count.EqualTo(2));
        Assert.That(blocks[0].CompileOnly, Is.True);
        Assert.That(blocks[1].CompileOnly, Is.False);
        Assert.That(blocks[1].Code, Is.EqualTo("var b = 2;"));
    }

    [Test]
    public void Extract_ContinuesTag_JoinsThePreviousBlockWithUsingsFirst()
    {
        var blocks = ReadmeBlock.Extract("x.md", "```csharp\nusing System.Text;\nvar a = 1;\n```\ntext\n```csharp continues\nusing System.Globalization;\nvar b = a + 1;\n```\n");
        Assert.That(blocks[1].Code, Is.EqualTo("using System.Text;\nusing System.Globalization;\nvar a = 1;\nvar b = a + 1;"));
        Assert.That(blocks[1].CompileOnly, Is.False);
        Assert.That(() => ReadmeBlock.Extract("x.md", "```csharp continues\nvar b = 1;\n```\n"), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void Compile_LibraryBlock_CompilesWithoutEntryPoint()
    {
        var block = ReadmeBlock.Extract("x.md", "```csharp library\nnamespace N;\npublic static class C { public static int F() => 1; }\n```\n")[0];
        Assert.That(block.CompileOnly, Is.True);
        Assert.That(Compile(block, out var errors), Is.Not.Null);
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Compile_BlockWithoutItsUsing_ReportsTheError()
    {
        var block = new ReadmeBlock("x.md", 1, 1, [], "var key = DidSdk.Crypto.KeyType.Ed25519; var d = new JsonObject();");
        Compile(block, out var errors);
        Assert.That(errors, Has.Some.Contains("CS0246"));
    }

    private static byte[]? Compile(ReadmeBlock block, out IReadOnlyList<string> errors)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            $"Readme{block.Index}",
            [
                CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "ImplicitUsings.cs"),
                CSharpSyntaxTree.ParseText(block.Code, parse, path: $"{block.File}#{block.Index}"),
            ],
            References.Value,
            new CSharpCompilationOptions(block.IsLibrary ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));
        using var output = new MemoryStream();
        var emit = compilation.Emit(output);
        errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return emit.Success ? output.ToArray() : null;
    }

    private static List<MetadataReference> LoadReferences()
    {
        // The framework and every assembly this test project deploys (the DidSdk packages and their dependencies).
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return trusted.Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(IsManaged)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            _ = AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
