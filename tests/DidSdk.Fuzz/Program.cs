using System.Diagnostics;
using SharpFuzz;

namespace DidSdk.Fuzz;

/// <summary>
/// <c>DidSdk.Fuzz TARGET</c>: the AFL++ target (through SharpFuzz; run by run-afl.sh on an instrumented copy).
/// <c>DidSdk.Fuzz seeds DIR</c>: writes the generated seeds into DIR/TARGET/.
/// <c>DidSdk.Fuzz mutate TARGET CORPUS SECONDS [SEED]</c>: the uninstrumented fallback, a seeded random mutation loop
/// over the corpus in-process; prints the execution count.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "seeds")
        {
            SeedWriter.WriteAllAsync(args[1]).GetAwaiter().GetResult();
            return 0;
        }

        if (args.Length is 4 or 5 && args[0] == "mutate" && FuzzTargets.ByName.TryGetValue(args[1], out var mutated))
        {
            var seed = args.Length == 5 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 1;
            var stopwatch = Stopwatch.StartNew();
            var count = MutationLoop.Run(mutated, args[2], TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)), seed);
            Console.WriteLine($"{{\"target\":\"{mutated.Name}\",\"mode\":\"random-mutation (uninstrumented)\",\"executions\":{count},\"seconds\":{stopwatch.Elapsed.TotalSeconds:0}}}");
            return 0;
        }

        if (args.Length == 1 && FuzzTargets.ByName.TryGetValue(args[0], out var target))
        {
            var log = ExitLog.FromEnvironment();
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var input = buffer.ToArray();
                try
                {
                    target.Run(input);
                }
                catch (Exception e)
                {
                    log?.Exception(input, e);
                    throw;
                }
            });
            return 0;
        }

        Console.Error.WriteLine("usage: DidSdk.Fuzz TARGET | seeds DIR | mutate TARGET CORPUS SECONDS [SEED]; targets: " + string.Join(", ", FuzzTargets.ByName.Keys));
        return 2;
    }
}
