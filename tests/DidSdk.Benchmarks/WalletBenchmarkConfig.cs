using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DidSdk.Benchmarks;

/// <summary>A short in-process job whose time limit covers building the 10,000-credential wallet in the global setup.</summary>
public sealed class WalletBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public WalletBenchmarkConfig() =>
        AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true)));
}
