#!/usr/bin/env bash
# A new user's console app: restores the DidSdk packages from the local folder feed made by `./build.sh pack`
# (not project references), compiles the root README's quick start (its first ```csharp block, verbatim) and runs it.
# Usage: .ci/package-check.sh [FEED]   (default: artifacts/packages)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
feed="$(cd "${1:-$root/artifacts/packages}" && pwd -P)"
work="$root/artifacts/package-check"
shopt -s nullglob
nupkgs=("$feed"/*.nupkg)
[ "${#nupkgs[@]}" -gt 0 ] || { echo "package-check: no packages in $feed (run ./build.sh pack)" >&2; exit 1; }

rm -rf "$work/app"; mkdir -p "$work/app"
# Its own packages folder, so a DidSdk package of an earlier run (same version) is never reused; third-party
# packages come from the machine's NuGet cache used as a feed, then from the sources this machine's NuGet is
# configured with (read here, so no feed address is written into the repository).
rm -rf "$work/packages"/didsdk.*
cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
sources="" mappings="" n=0
while read -r state url; do
  [ "$state" = "E" ] || continue
  n=$((n + 1))
  sources+="    <add key=\"configured-$n\" value=\"$url\" />"$'\n'
  mappings+="    <packageSource key=\"configured-$n\"><package pattern=\"*\" /></packageSource>"$'\n'
done < <(cd "$root" && dotnet nuget list source --format short)

# Stop the repository's build policy from applying: this stands for a project outside it.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' > "$work/Directory.Packages.props"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="packages" /></config>
  <packageSources>
    <clear />
    <add key="didsdk-local" value="$feed" />
    <add key="machine-cache" value="$cache" />
$sources  </packageSources>
  <packageSourceMapping>
    <packageSource key="didsdk-local"><package pattern="DidSdk.*" /></packageSource>
    <packageSource key="machine-cache"><package pattern="*" /></packageSource>
$mappings  </packageSourceMapping>
</configuration>
XML

refs=""
for nupkg in "${nupkgs[@]}"; do
  file="$(basename "$nupkg" .nupkg)"
  id="$(sed -E 's/\.[0-9]+\.[0-9]+\.[0-9]+(-[A-Za-z0-9.-]+)?$//' <<<"$file")"
  version="${file#"$id".}"
  refs+="    <PackageReference Include=\"$id\" Version=\"$version\" />"$'\n'
done
cat > "$work/app/QuickStart.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
$refs  </ItemGroup>
</Project>
XML
awk '/^```csharp/{n++; if(n==1){p=1; next}} p&&/^```[[:space:]]*$/{exit} p{print}' "$root/README.md" > "$work/app/Program.cs"
[ -s "$work/app/Program.cs" ] || { echo "package-check: README.md has no \`\`\`csharp block" >&2; exit 1; }

cd "$work/app"
dotnet restore
# The app must not have been built from project references: every DidSdk assembly comes from the feed.
grep -q '"type": "project"' obj/project.assets.json && { echo "package-check: a project reference slipped in" >&2; exit 1; }
dotnet run -c Release --no-restore
echo "package-check: quick start ran from the local feed (${#nupkgs[@]} packages)"
