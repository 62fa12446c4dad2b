using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/DidSdk.Benchmarks -- --filter '*'
// Each benchmark class measures a raw primitive baseline (Baseline = true) in the same run, so the Ratio column is the figure to report.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
