#!/usr/bin/env bash
# Fails when a test file, build.sh or a project/build file names a path outside the repository root:
#   - a relative path whose ".." chain climbs above the root (resolved from the file's own folder; for MSBuild,
#     $(MSBuildThisFileDirectory)/$(MSBuildProjectDirectory) = the file's folder, $(RepoRoot)/$(SolutionDir) = the root),
#   - a ".." path segment built in code (Path.Combine(x, "..")): code builds paths from RepoPaths.Root instead,
#   - an absolute path under a host's data folders (/work, /home, /root, /tmp, /mnt, /var, /srv, /opt, /Users,
#     /media, /private, ~/) or a Windows drive (C:\...); system tool locations (/usr, /bin, /dev, /etc, /proc) are fine,
#   - the old location of the upstream vectors ("shared/vectors").
# A line that really needs one of these (none today) carries the marker `ci:allow-path` with its reason.
# Usage: .ci/check-paths.sh [ROOT]   (default: the repository holding this script)
set -euo pipefail
root="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd -P)"
cd "$root"

list_files() {
  if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard -- tests build.sh '*.csproj' '*.props' '*.targets' '*.sln'
  else
    { find tests -type f -not -path '*/node_modules/*' -not -path '*/bin/*' -not -path '*/obj/*'
      echo build.sh
      find . -type f \( -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.sln' \) \
        -not -path '*/node_modules/*' -not -path '*/bin/*' -not -path '*/obj/*' | sed 's|^\./||'; }
  fi | sort -u
}

problems=0
report() { # file line message text
  echo "$1:$2: $3: $(echo "$4" | sed 's/^[[:space:]]*//' | cut -c1-160)" >&2
  problems=$((problems + 1))
}

inside_root() { # absolute path -> 0 when inside the root
  case "$(realpath -m "$1")/" in "$root"/*) return 0 ;; *) return 1 ;; esac
}

mapfile -t files < <(list_files | grep -vE '(\.(png|jpg|gz|zip|dll|nupkg)|(^|/)(package-lock|packages\.lock)\.json)$')
[ "${#files[@]}" -gt 0 ] || { echo "check-paths: no files to check under $root" >&2; exit 1; }
scan() { grep -HnP "$@" "${files[@]}" 2>/dev/null | grep -v 'ci:allow-path' || true; }

# Relative paths with "../" (or "..\" in .sln/.csproj): resolve them from the file's folder.
while IFS=: read -r file line token; do
  [ -n "$token" ] || continue
  token="${token//\\//}"
  base="$root/$(dirname "$file")"
  case "$token" in
    '$(MSBuildThisFileDirectory)'*|'$(MSBuildProjectDirectory)'*) token="${token#*)}" ;;
    '$(RepoRoot)'*|'$(SolutionDir)'*) base="$root"; token="${token#*)}" ;;
    '$('*) token="${token#*)}" ;;
  esac
  token="${token#/}"
  if ! inside_root "$base/$token"; then
    report "$file" "$line" "path leaves the repository ($(realpath -m "$base/$token"))" "$(sed -n "${line}p" "$file")"
  fi
done < <(grep -HnoP '(?<![\w.])(\$\(\w+\))?(?:[\w@.-]*[\\/])*\.\.[\\/](?:[\w@.*-]+[\\/]?)*' "${files[@]}" 2>/dev/null \
  | while IFS=: read -r f l t; do sed -n "${l}p" "$f" | grep -q 'ci:allow-path' || echo "$f:$l:$t"; done || true)

# A ".." segment given to a path API: its base is only known at run time.
while IFS=: read -r file line text; do
  report "$file" "$line" "\"..\" path segment in code (build paths from RepoPaths.Root)" "$text"
done < <(scan '(Path|Directory|File)\w*\.\w+\(.*["'"'"']\.\.["'"'"']')

# Absolute paths into a host's data folders, Windows drives, home folders, the old upstream vector location.
while IFS=: read -r file line text; do
  report "$file" "$line" "absolute path outside the repository" "$text"
done < <(scan '(?<![\w.:/~-])(/(work|home|root|tmp|mnt|var|srv|opt|Users|media|private)(?=[/"'"'"'\s]|$)|~/[\w.]|(?<![\w])[A-Za-z]:\\\\?[\w.]|shared[\\/]vectors)')

if [ "$problems" -ne 0 ]; then
  echo "check-paths: $problems reference(s) outside the repository. Tests and builds read only files inside the clone: copy upstream data into spec-vectors/ (README with source and licence) and build paths from the repository root." >&2
  exit 1
fi
echo "check-paths: no references outside the repository"
