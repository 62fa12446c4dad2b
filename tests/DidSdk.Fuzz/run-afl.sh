#!/usr/bin/env bash
# Fuzz one harness with AFL++ through SharpFuzz.
#   tests/DidSdk.Fuzz/run-afl.sh TARGET SECONDS [OUTDIR]
# With DIDSDK_FUZZ_EXECS=N set, AFL++ also stops after about N executions (-E), whichever comes first.
# Publishes the harness once (into $DIDSDK_FUZZ_APP, default $TMPDIR/didsdk-fuzz/app), instruments the DidSdk assemblies there with the sharpfuzz tool (pinned in
# dotnet-tools.json beside this script), runs afl-fuzz on corpus/TARGET for SECONDS at the lowest CPU priority and
# prints {"target","executions","crashes","hangs","seconds"} from AFL's fuzzer_stats. Crashing inputs stay in
# OUTDIR/findings/default/crashes: add each to corpus/TARGET (the replay test then guards the fix).
# Needs afl++ (Debian package "afl++"); installs it when missing and running as root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?target}"; seconds="${2:?seconds}"; out="${3:-${TMPDIR:-/tmp}/didsdk-fuzz/$target}"
[ -d "$here/corpus/$target" ] || { echo "no corpus for $target" >&2; exit 2; }
if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y afl++ >/dev/null 2>&1 || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y afl++ >/dev/null; }; else echo "afl-fuzz missing: apt-get install afl++" >&2; exit 2; fi
fi
app="${DIDSDK_FUZZ_APP:-${TMPDIR:-/tmp}/didsdk-fuzz/app}"  # shared by all targets; delete it after changing src/
if [ ! -f "$app/.instrumented" ]; then
  rm -rf "$app"; mkdir -p "$app"
  dotnet publish "$here/DidSdk.Fuzz.csproj" -c Release -o "$app" --nologo -v q >/dev/null
  (cd "$here" && dotnet tool restore >/dev/null)
  for dll in "$app"/DidSdk.*.dll; do
    case "$(basename "$dll")" in DidSdk.Fuzz.dll) continue ;; esac
    (cd "$here" && dotnet tool run sharpfuzz "$dll" >/dev/null)
  done
  touch "$app/.instrumented"
fi
mkdir -p "$out"; rm -rf "$out/findings"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
# One fixed timeout of 10 s per input (no "+": with it AFL++ auto-scales the timeout down to a few times the measured
# run, about 140 ms here). A real run takes tens of microseconds; the margin is for the .NET start and for a loaded
# machine: at nice 19 AFL, SharpFuzz's fork server and its child can each wait long for a CPU, and when AFL's timeout
# kills a child that had already answered, SharpFuzz notices the dead child only on the next input and reports that
# innocent input as a crash (AFL's "sig:02", nothing in DIDSDK_FUZZ_LOG, no replay reproduces it).
limit=(-V "$seconds"); [ -n "${DIDSDK_FUZZ_EXECS:-}" ] && limit+=(-E "$DIDSDK_FUZZ_EXECS")
nice -n 19 afl-fuzz -i "$here/corpus/$target" -o "$out/findings" -t 10000 -m none "${limit[@]}" \
  -- dotnet "$app/DidSdk.Fuzz.dll" "$target" > "$out/afl.log" 2>&1 || true
stats="$out/findings/default/fuzzer_stats"
[ -f "$stats" ] || { echo "afl-fuzz did not start; see $out/afl.log" >&2; tail -20 "$out/afl.log" >&2; exit 1; }
value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "{\"target\":\"$target\",\"executions\":$(value execs_done),\"crashes\":$(value saved_crashes),\"hangs\":$(value saved_hangs),\"seconds\":$(value run_time),\"paths\":$(value corpus_count)}"
