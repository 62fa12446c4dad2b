using BenchmarkDotNet.Running;
using DidSdk.Benchmarks;

// Run all: dotnet run -c Release --project tests/DidSdk.Benchmarks -- --filter '*'
// Each benchmark class measures a raw primitive baseline (Baseline = true) in the same run, so the Ratio column is the figure to report.
// Issue 20's batch and peer throughput run: dotnet run -c Release --project tests/DidSdk.Benchmarks -- throughput [count] [seconds]
// Issue 20's ratios with both sides interleaved (robust to a noisy shared host): ... -- shares [rounds]
if (args.Length > 0 && args[0] == "throughput")
{
    await VerifierThroughput.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "shares")
{
    await VerifierShares.RunAsync(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
