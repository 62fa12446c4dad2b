using System.Runtime.CompilerServices;

namespace DidSdk.Fuzz;

/// <summary>
/// CI's short fuzzing run: every harness gets a fixed number of random mutations of its committed corpus, in-process
/// and without coverage feedback (AFL++ runs the long, instrumented campaigns; see run-afl.sh). The seed and the count
/// are fixed, so a failure repeats: <c>DidSdk.Fuzz mutate TARGET corpus/TARGET 3600 SEED</c> finds the same input, and
/// the test also writes it to its work directory as <c>crash-TARGET-N</c>.
/// </summary>
public class MutationSmokeTests
{
    private const int Seed = 20261206;
    private const long Executions = 5000;

    private static string CorpusRoot([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "corpus");

    private static IEnumerable<TestCaseData> Targets() =>
        FuzzTargets.ByName.Keys.Order(StringComparer.Ordinal).Select(name => new TestCaseData(name).SetName($"Mutations_{name}_RunCleanly"));

    [TestCaseSource(nameof(Targets))]
    public void Mutations_Target_RunCleanly(string name)
    {
        var crashes = Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-crashes");
        Directory.CreateDirectory(crashes);
        long done = 0;
        Assert.That(
            () => done = MutationLoop.Run(FuzzTargets.ByName[name], Path.Combine(CorpusRoot(), name), TimeSpan.MaxValue, Seed, Executions, crashes),
            Throws.Nothing,
            $"seed {Seed}; the input is in {crashes}");
        Assert.That(done, Is.EqualTo(Executions));
    }

    [Test]
    public void MutationLoop_StopsOnAnUnexpectedException_AndKeepsTheInput()
    {
        var corpus = Path.Combine(TestContext.CurrentContext.WorkDirectory, "mutation-corpus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(corpus);
        File.WriteAllBytes(Path.Combine(corpus, "seed"), "{}"u8.ToArray());
        var crashes = Path.Combine(corpus, "crashes");
        Directory.CreateDirectory(crashes);
        var calls = 0;
        var target = new FuzzTarget("always-throws-third", _ =>
        {
            if (++calls == 3)
            {
                throw new InvalidOperationException("found");
            }
        });

        Assert.That(() => MutationLoop.Run(target, corpus, TimeSpan.MaxValue, Seed, 100, crashes), Throws.InvalidOperationException);
        Assert.That(Directory.GetFiles(crashes).Select(Path.GetFileName), Is.EqualTo(new[] { "crash-always-throws-third-2" }));
        Directory.Delete(corpus, recursive: true);
    }
}
