#!/usr/bin/env bash
# DidSdk build entry point.
#   ./build.sh test    install what the tests need, build, run every test project, print "N passed, N failed, N skipped"
#   ./build.sh demo    run the consortium KYC demo on a local anvil chain it starts itself (--json, --trust-at issuance|now|both)
#   ./build.sh build   restore and build everything
#   ./build.sh bench   run the BenchmarkDotNet suite (pass BenchmarkDotNet arguments after "bench")
#   ./build.sh pack    pack every library under src/ into artifacts/packages (.nupkg + .snupkg), checked for build paths
#   ./build.sh aot     publish samples/DidSdk.Cli with NativeAOT (linux-x64) into artifacts/aot; any trim/AOT warning fails
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
config="${CONFIGURATION:-Release}"

devchain() {
  # Node packages for the local chain (anvil, the ERC-1056 registry artifact) and the peer libraries used by interop tests.
  if [ -f tests/devchain/package-lock.json ]; then
    command -v npm >/dev/null || { echo "npm is required (Node.js 20+) for the dev chain and interop tests" >&2; exit 1; }
    (cd tests/devchain && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

postgresql_server() {
  # PostgreSQL server binaries (initdb, postgres) for DidSdk.OpenId4Vc.PostgreSql.Tests and OpenId4VciIssuanceBenchmarks,
  # which start their own server.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    command -v apt-get >/dev/null || { echo "postgresql is required for the PostgreSQL store tests and benchmarks" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

system_packages() {
  # Debian packages the tests need: SoftHSM2 (the PKCS#11 token of DidSdk.Crypto.Pkcs11.Tests), PostgreSQL, Chromium.
  if ! command -v softhsm2-util >/dev/null; then
    command -v apt-get >/dev/null || { echo "softhsm2 is required for the PKCS#11 tests" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2 >/dev/null
  fi
  postgresql_server
  # Chromium and its WebDriver for DidSdk.Samples.Tests, which drive the BankVerifier teller page headless (Selenium).
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    command -v apt-get >/dev/null || { echo "chromium and chromium-driver are required for the teller page tests" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

restore_build() {
  dotnet restore DidSdk.sln
  dotnet build DidSdk.sln --no-restore -c "$config"
}

packages="$root/artifacts/packages"

pack() {
  # One version for all packages (Directory.Build.props); each src project is a package.
  rm -rf "$packages"; mkdir -p "$packages"
  local project
  for project in src/*/*.csproj; do
    dotnet pack "$project" --no-restore -c "$config" -o "$packages"
  done
  .ci/check-package-paths.sh "$packages"
}

aot() {
  # NativeAOT needs clang; Debian names it clang-NN. The ILCompiler package version is the SDK's choice.
  local out="$root/artifacts/aot" log="$root/artifacts/aot.log" cc=()
  command -v clang >/dev/null || cc=("-p:CppCompilerAndLinker=$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -V | tail -1)")
  rm -rf "$out"; mkdir -p "$out"
  # Own build folders (--artifacts-path) so the RID-specific build leaves the regular obj/ and bin/ alone;
  # warnings are collected below instead of stopping the publish at the first one.
  # The linux-x64 restore rewrites the projects' lock files: keep the committed ones and put them back afterwards.
  local locks="$root/artifacts/aot-locks" status f
  rm -rf "$locks"; git ls-files '*packages.lock.json' | while read -r f; do mkdir -p "$locks/$(dirname "$f")"; cp "$f" "$locks/$f"; done
  dotnet publish samples/DidSdk.Cli -c Release -r linux-x64 -p:PublishAot=true "${cc[@]}" -o "$out" \
    --artifacts-path "$root/artifacts/aot-build" -p:TreatWarningsAsErrors=false 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  (cd "$locks" && find . -name packages.lock.json) | while read -r f; do cp "$locks/$f" "$root/$f"; done
  if grep -qE 'warning (IL[0-9]+|AOT|SYSLIB)' "$log"; then
    echo "NativeAOT publish has trim/AOT warnings:" >&2
    grep -oE '[^ ]*: warning (IL[0-9]+|AOT[0-9]*)[^[]*' "$log" | sort -u >&2
    return 1
  fi
  [ "$status" -eq 0 ] && [ -x "$out/didsdk" ]
}

# Checks that are not test projects; each counts as one test in the summary line.
checks_passed=0 checks_failed=0
check() {
  local name="$1"; shift
  mkdir -p "$root/artifacts/checks"
  if "$@" > "$root/artifacts/checks/$name.log" 2>&1; then
    checks_passed=$((checks_passed + 1)); echo "  Passed check $name"
  else
    checks_failed=$((checks_failed + 1)); echo "  Failed check $name (artifacts/checks/$name.log):"; tail -20 "$root/artifacts/checks/$name.log"
  fi
}

run_tests() {
  local results="$root/artifacts/test-results"
  rm -rf "$results"; mkdir -p "$results"
  local status=0
  dotnet test DidSdk.sln --no-build -c "$config" --results-directory "$results" --logger "trx" --logger "console;verbosity=minimal" || status=$?
  local passed=0 failed=0 skipped=0 files=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    # Ignored tests (NUnit Assert.Ignore) are in "total" but in no outcome counter: total - executed.
    skipped=$((skipped + $(get total) - $(get executed)))
  done
  if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
    # The runner failed without recording a failed test (a crashed test host, a build break): count it.
    failed=$((failed + 1))
    status=1
  fi
  check package-quickstart .ci/package-check.sh "$packages"
  check native-aot aot
  passed=$((passed + checks_passed)); failed=$((failed + checks_failed))
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
}

run_demo() {
  # The sample only takes a chain: tests/devchain/start-chain.mjs starts anvil on a free loopback port, deploys ERC-1056
  # and prints {pid, rpcUrl, erc1056Registry, privateKeys}; the node is stopped by that pid.
  local chain pid status=0
  chain=$(node tests/devchain/start-chain.mjs)
  pid=$(node -e 'console.log(JSON.parse(process.argv[1]).pid)' "$chain")
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  echo "$chain" | dotnet run --project samples/KycQuickStart -c "$config" -- --chain - "$@" || status=$?
  kill "$pid" 2>/dev/null || true
  trap - EXIT
  return "$status"
}

cmd="${1:-test}"; shift || true
case "$cmd" in
  test) system_packages; devchain; restore_build; pack; run_tests ;;
  build) restore_build ;;
  demo) devchain; run_demo "$@" ;;
  bench) postgresql_server; devchain; dotnet run --project tests/DidSdk.Benchmarks -c Release -- "$@" ;;
  pack) restore_build; pack ;;
  aot) aot ;;
  *) echo "usage: ./build.sh test|demo|build|bench|pack|aot [args]" >&2; exit 2 ;;
esac
