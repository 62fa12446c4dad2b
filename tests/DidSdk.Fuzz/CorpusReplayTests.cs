using System.Runtime.CompilerServices;

namespace DidSdk.Fuzz;

/// <summary>
/// Replays every committed corpus file (seeds, inputs the fuzzer kept, former crashes) through its harness: each must
/// run without an unexpected exception and within a time bound. This is the part of fuzzing CI runs.
/// </summary>
public class CorpusReplayTests
{
    // Generous: a shared CI machine under load; a real hang (unbounded work) blows far past it.
    private static readonly TimeSpan PerInputBound = TimeSpan.FromSeconds(20);

    private static string CorpusRoot([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "corpus");

    private static IEnumerable<TestCaseData> Targets() =>
        FuzzTargets.ByName.Keys.Order(StringComparer.Ordinal).Select(name => new TestCaseData(name).SetName($"Corpus_{name}_EveryInputRunsCleanly"));

    [TestCaseSource(nameof(Targets))]
    public void Corpus_Target_EveryInputRunsCleanly(string name)
    {
        var folder = Path.Combine(CorpusRoot(), name);
        Assert.That(Directory.Exists(folder), Is.True, $"no corpus for {name}");
        var files = Directory.GetFiles(folder);
        Assert.That(files, Is.Not.Empty, $"empty corpus for {name}");
        var target = FuzzTargets.ByName[name];

        // The first call pays for JIT compilation of the whole verifier; keep it out of the per-input bound.
        target.Run(File.ReadAllBytes(files.Order(StringComparer.Ordinal).First()));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var input = File.ReadAllBytes(file);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.That(() => target.Run(input), Throws.Nothing, Path.GetFileName(file));
            Assert.That(clock.Elapsed, Is.LessThan(PerInputBound), Path.GetFileName(file));
        }
    }

    [Test]
    public void CorpusFolders_EachNamesATarget()
    {
        var folders = Directory.GetDirectories(CorpusRoot()).Select(Path.GetFileName);
        Assert.That(folders, Is.EquivalentTo(FuzzTargets.ByName.Keys));
    }
}
