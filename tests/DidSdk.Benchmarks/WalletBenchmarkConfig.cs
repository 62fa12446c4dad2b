namespace DidSdk.Benchmarks;

/// <summary>A short in-process job whose time limit covers building the 10,000-credential wallet in the global setup.</summary>
public sealed class WalletBenchmarkConfig : BenchmarkDotNet.Configs.ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public WalletBenchmarkConfig() =>
        AddJob(BenchmarkDotNet.Jobs.Job.ShortRun.WithToolchain(new BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true)));
}
