#!/usr/bin/env bash
# Fails when a package (.nupkg / .snupkg) in FOLDER carries the build machine's path to the repository (in a dll,
# pdb, xml or nuspec), i.e. when deterministic, path-mapped builds are not in effect, or when a library package
# lacks its symbols, README, XML docs or licence.
# Usage: .ci/check-package-paths.sh FOLDER
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
folder="${1:?usage: check-package-paths.sh FOLDER}"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
problems=0
shopt -s nullglob
packages=("$folder"/*.nupkg)
[ "${#packages[@]}" -gt 0 ] || { echo "check-package-paths: no .nupkg in $folder" >&2; exit 1; }
for nupkg in "${packages[@]}"; do
  name="$(basename "$nupkg" .nupkg)"
  snupkg="${nupkg%.nupkg}.snupkg"
  [ -f "$snupkg" ] || { echo "$name: no symbol package $snupkg" >&2; problems=$((problems + 1)); }
  mkdir -p "$scratch/$name/symbols"
  # The symbol package has its own nuspec: unpack it beside, not over, the package.
  (cd "$scratch/$name" && unzip -qo "$nupkg" && { [ ! -f "$snupkg" ] || unzip -qo "$snupkg" -d symbols; })
  for required in README.md '*.nuspec' 'lib/*/*.dll' 'lib/*/*.xml' 'symbols/lib/*/*.pdb'; do
    compgen -G "$scratch/$name/$required" >/dev/null || { echo "$name: no $required in the package" >&2; problems=$((problems + 1)); }
  done
  grep -q '<license type="expression">' "$scratch/$name"/*.nuspec || { echo "$name: no licence expression" >&2; problems=$((problems + 1)); }
  if grep -rlaF "$root" "$scratch/$name" >&2; then
    echo "$name: the files above contain the build path $root (builds must be path-mapped)" >&2
    problems=$((problems + 1))
  fi
done
[ "$problems" -eq 0 ] || { echo "check-package-paths: $problems problem(s)" >&2; exit 1; }
echo "check-package-paths: ${#packages[@]} packages with symbols, README, docs and licence; no build path inside"
