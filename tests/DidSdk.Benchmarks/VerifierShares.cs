using System.Diagnostics;
using System.Globalization;

namespace DidSdk.Benchmarks;

/// <summary>
/// Issue 20's ratios measured interleaved: the same <see cref="VerifierThroughputBenchmarks"/> methods as the
/// BenchmarkDotNet run, but each ratio's two sides alternate in short samples (order swapped every round), so a slow
/// phase of a shared host hits both sides alike instead of one row of the table. Reports, per ratio, the median of the
/// per-round ratios and the ratio of the best samples.
/// Run: <c>dotnet run -c Release --project tests/DidSdk.Benchmarks -- shares [rounds]</c>.
/// </summary>
internal static class VerifierShares
{
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(250);

    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var one = new VerifierThroughputBenchmarks { Threads = 1 };
        var two = new VerifierThroughputBenchmarks { Threads = 2 };
        await one.Setup();
        await two.Setup();
        try
        {
            // Share of the raw limit = raw time ÷ SDK time (target: Ed25519 ≥ 0.92, ES256 ≥ 0.85, on 1 and 2 threads).
            Report("SdJwtVcEd25519 share of raw, 1 thread", rounds, one.RawEd25519TwoVerifies, one.SdJwtVcEd25519, 0.92);
            Report("SdJwtVcEd25519 share of raw, 2 threads", rounds, two.RawEd25519TwoVerifies, two.SdJwtVcEd25519, 0.92);
            Report("SdJwtVcEs256 share of raw, 1 thread", rounds, one.RawEs256TwoVerifies, one.SdJwtVcEs256, 0.85);
            Report("SdJwtVcEs256 share of raw, 2 threads", rounds, two.RawEs256TwoVerifies, two.SdJwtVcEs256, 0.85);

            // Scaling = 1-thread time per verify ÷ 2-thread time per verify (target for VC-JOSE ES256: ≥ 1.8).
            Report("VcJoseEs256OneIssuerKey 2-thread / 1-thread rate", rounds, one.VcJoseEs256OneIssuerKey, two.VcJoseEs256OneIssuerKey, 1.8);
            Report("RawEs256OneVerify 2-thread / 1-thread rate (the platform's own)", rounds, one.RawEs256OneVerify, two.RawEs256OneVerify, null);
        }
        finally
        {
            one.Cleanup();
            two.Cleanup();
        }
    }

    /// <summary>Alternates <paramref name="first"/> and <paramref name="second"/>; the ratio is first's time ÷ second's.</summary>
    private static void Report(string name, int rounds, Action first, Action second, double? target)
    {
        Time(first);
        Time(second);
        var ratios = new List<double>(rounds);
        var bestFirst = double.MaxValue;
        var bestSecond = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            double a, b;
            if (round % 2 == 0)
            {
                a = Time(first);
                b = Time(second);
            }
            else
            {
                b = Time(second);
                a = Time(first);
            }

            ratios.Add(a / b);
            bestFirst = Math.Min(bestFirst, a);
            bestSecond = Math.Min(bestSecond, b);
        }

        ratios.Sort();
        var median = ratios[ratios.Count / 2];
        var best = bestFirst / bestSecond;
        var verdict = target is { } t ? (median >= t ? $"median meets {t:F2}" : $"median below {t:F2}") : "reference";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"ratio\":\"{name}\",\"median\":{median:F3},\"best\":{best:F3},\"min\":{ratios[0]:F3},\"max\":{ratios[^1]:F3},\"rounds\":{rounds},\"firstBestUs\":{bestFirst:F2},\"secondBestUs\":{bestSecond:F2},\"verdict\":\"{verdict}\"}}"));
    }

    /// <summary>Microseconds per verification over one sample (each call runs <see cref="VerifierThroughputBenchmarks.Operations"/>).</summary>
    private static double Time(Action invoke)
    {
        var calls = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Sample)
        {
            invoke();
            calls++;
        }

        return stopwatch.Elapsed.TotalMicroseconds / (calls * (double)VerifierThroughputBenchmarks.Operations);
    }
}
