namespace DidSdk.Fuzz;

/// <summary>
/// The fallback when no instrumented fuzzer is available: random byte-level mutations (flip, insert, delete, duplicate a
/// slice, splice two corpus files, set interesting bytes) of the corpus, fed in-process. No coverage feedback; an
/// exception stops the loop and the input is written next to the corpus (or into <c>crashDirectory</c>) as <c>crash-*</c>.
/// The same seed and execution bound give the same inputs, so a run that stopped on an exception can be repeated.
/// </summary>
internal static class MutationLoop
{
    private static readonly byte[] Interesting = "\"{}[]:,.-+eE0019\\u~%#?/=_ \0\xff"u8.ToArray();

    public static long Run(FuzzTarget target, string corpusDirectory, TimeSpan duration, int seed, long maxExecutions = long.MaxValue, string? crashDirectory = null)
    {
        var corpus = Directory.GetFiles(corpusDirectory).Select(File.ReadAllBytes).DefaultIfEmpty([]).ToArray();
        var random = new Random(seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long executions = 0;
        while (executions < maxExecutions && ((executions & 63) != 0 || clock.Elapsed < duration))
        {
            var input = Mutate(corpus[random.Next(corpus.Length)], corpus, random);
            try
            {
                target.Run(input);
            }
            catch (Exception)
            {
                var folder = crashDirectory ?? Path.GetDirectoryName(Path.GetFullPath(corpusDirectory).TrimEnd(Path.DirectorySeparatorChar))!;
                var path = Path.Combine(folder, $"crash-{target.Name}-{executions}");
                File.WriteAllBytes(path, input);
                throw;
            }

            executions++;
        }

        return executions;
    }

    private static byte[] Mutate(byte[] source, byte[][] corpus, Random random)
    {
        var data = new List<byte>(source);
        var rounds = 1 + random.Next(8);
        for (var i = 0; i < rounds; i++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16)));
                    break;
                case 3 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + random.Next(64));
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 4:
                    var other = corpus[random.Next(corpus.Length)];
                    if (other.Length > 0)
                    {
                        var from = random.Next(other.Length);
                        data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(64))).ToArray());
                    }

                    break;
                default:
                    if (data.Count > 0)
                    {
                        data[at] = (byte)random.Next(256);
                    }

                    break;
            }
        }

        return [.. data];
    }
}
