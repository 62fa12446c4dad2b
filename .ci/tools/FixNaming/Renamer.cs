using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Rename;

namespace DidSdk.FixNaming;

internal static class Renamer
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: FixNaming SOLUTION.sln");
            return 2;
        }

        using var workspace = MSBuildWorkspace.Create();
        var solution = await workspace.OpenSolutionAsync(args[0]).ConfigureAwait(false);

        // Violations are found once, by documentation id (stable while other fields are renamed), then renamed one by one.
        var todo = new List<(ProjectId Project, string Id, string Name, string NewName)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in solution.Projects)
        {
            var compilation = await project.GetCompilationAsync().ConfigureAwait(false);
            if (compilation is null)
            {
                continue;
            }

            foreach (var field in AllTypes(compilation.Assembly.GlobalNamespace).SelectMany(t => t.GetMembers().OfType<IFieldSymbol>()))
            {
                if (field.IsImplicitlyDeclared || !field.Locations.Any(l => l.IsInSource) || field.AssociatedSymbol is not null)
                {
                    continue;
                }

                var expected = Expected(field);
                var id = field.GetDocumentationCommentId();
                if (expected is null || expected == field.Name || id is null || !seen.Add(id))
                {
                    continue;
                }

                todo.Add((project.Id, id, field.Name, expected));
            }
        }

        var renamed = 0;
        foreach (var (projectId, id, name, newName) in todo)
        {
            var compilation = await solution.GetProject(projectId)!.GetCompilationAsync().ConfigureAwait(false);
            var symbol = DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation!);
            if (symbol is null)
            {
                Console.Error.WriteLine($"skipped {id}: not found after earlier renames");
                continue;
            }

            if (symbol.ContainingType.GetMembers(newName).Any())
            {
                Console.Error.WriteLine($"skipped {id}: {symbol.ContainingType.Name} already has a member {newName}");
                continue;
            }

            try
            {
                solution = await Microsoft.CodeAnalysis.Rename.Renamer.RenameSymbolAsync(solution, symbol, new SymbolRenameOptions(), newName).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // Roslyn's rename refuses symbols that source-generated code refers to; those few are renamed by hand.
                Console.Error.WriteLine($"skipped {id}: {e.Message}");
                continue;
            }

            Console.WriteLine($"{symbol.ContainingType.ToDisplayString()}.{name} -> {newName}");
            renamed++;
        }

        if (!workspace.TryApplyChanges(solution))
        {
            Console.Error.WriteLine("the workspace refused the changes");
            return 1;
        }

        Console.WriteLine($"{renamed} field(s) renamed");
        return 0;
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol nested)
            {
                if (nested is INamedTypeSymbol type)
                {
                    yield return type;
                }

                foreach (var inner in AllTypes(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The name the rules want, or null when the field is API (public or protected) and left alone.</summary>
    private static string? Expected(IFieldSymbol field)
    {
        var bare = field.Name.TrimStart('_');
        if (bare.StartsWith("s_", StringComparison.Ordinal) || bare.StartsWith("m_", StringComparison.Ordinal) || bare.StartsWith("t_", StringComparison.Ordinal))
        {
            bare = bare[2..];
        }

        if (bare.Length == 0)
        {
            return null;
        }

        if (field.ContainingType.TypeKind == TypeKind.Enum)
        {
            return null;
        }

        if (field.IsConst || (field.IsStatic && field.IsReadOnly))
        {
            return char.ToUpperInvariant(bare[0]) + bare[1..];
        }

        return field.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal
            ? "_" + char.ToLowerInvariant(bare[0]) + bare[1..]
            : null;
    }
}
