// Renames fields to the .editorconfig naming rules across a solution, with Roslyn's rename (every reference follows):
//   const and static readonly fields: PascalCase; other non-public fields (instance, mutable static): _camelCase.
// Public and protected fields are left alone (they are API). Usage:
//   dotnet run --project .ci/tools/FixNaming -c Release -- DidSdk.sln
using Microsoft.Build.Locator;

MSBuildLocator.RegisterDefaults();
return await DidSdk.FixNaming.Renamer.RunAsync(args).ConfigureAwait(false);
