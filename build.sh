#!/usr/bin/env bash
# DidSdk build entry point.
#   ./build.sh test    install what the tests need, build, run every test project, print "N passed, N failed, N skipped"
#   ./build.sh demo    run the consortium KYC demo on a local anvil chain it starts itself (--json, --trust-at issuance|now|both)
#   ./build.sh build   restore and build everything
#   ./build.sh bench   run the BenchmarkDotNet suite (pass BenchmarkDotNet arguments after "bench")
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

restore_build() {
  dotnet restore DidSdk.sln
  dotnet build DidSdk.sln --no-restore -c "$config"
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
    skipped=$((skipped + $(get notExecuted)))
  done
  if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
    # The runner failed without recording a failed test (a crashed test host, a build break): count it.
    failed=$((failed + 1))
    status=1
  fi
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
  test) devchain; restore_build; run_tests ;;
  build) restore_build ;;
  demo) devchain; run_demo "$@" ;;
  bench) devchain; dotnet run --project tests/DidSdk.Benchmarks -c Release -- "$@" ;;
  *) echo "usage: ./build.sh test|demo|build|bench [args]" >&2; exit 2 ;;
esac
