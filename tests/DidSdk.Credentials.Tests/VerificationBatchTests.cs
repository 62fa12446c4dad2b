using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.Credentials.Tests;

public sealed class VerificationBatchTests
{
    [Test]
    public async Task VerifyInOrderAsync_LaterInputsFinishFirst_ResultsStillInInputOrder()
    {
        // The first inputs take longest, so with 4 workers later ones complete before them.
        var results = new List<int>();
        await foreach (var result in VerificationBatch.VerifyInOrderAsync(Range(24), async (i, ct) =>
        {
            await Task.Delay((24 - i) * 3, ct);
            return i;
        }, maxDegreeOfParallelism: 4))
        {
            results.Add(result);
        }

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 24)));
    }

    [Test]
    public async Task VerifyInOrderAsync_NeverRunsMoreThanTheDegreeAtOnce()
    {
        var running = 0;
        var peak = 0;
        await foreach (var _ in VerificationBatch.VerifyInOrderAsync(Range(60), async (i, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(2, ct);
            Interlocked.Decrement(ref running);
            return i;
        }, maxDegreeOfParallelism: 3))
        {
        }

        Assert.That(peak, Is.InRange(1, 3));
    }

    [Test]
    public void VerifyInOrderAsync_DegreeBelowOne_Throws() =>
        Assert.That(() => VerificationBatch.VerifyInOrderAsync(Range(1), (i, _) => Task.FromResult(i), maxDegreeOfParallelism: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public async Task VerifyInOrderAsync_ConsumerStopsEarly_InFlightWorkIsCancelled()
    {
        var cancelled = 0;
        var laterStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await foreach (var result in VerificationBatch.VerifyInOrderAsync(Range(1000), async (i, ct) =>
        {
            if (i == 0)
            {
                // The first result waits until a later verification runs, so the consumer always stops with one in flight.
                await laterStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }
            else
            {
                laterStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                    throw;
                }
            }

            return i;
        }, maxDegreeOfParallelism: 2))
        {
            Assert.That(result, Is.Zero);
            break;
        }

        // Leaving the loop returned only after the waiting verifications saw the cancellation.
        Assert.That(cancelled, Is.InRange(1, 4));
    }

    [Test]
    public async Task CredentialVerifierVerifyManyAsync_ValidAndTampered_ResultsInInputOrder()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var verifier = new CredentialVerifier(new DidKeyResolver());
        var inputs = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var jwt = await VcJwt.IssueJoseAsync(
                new JsonObject
                {
                    ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                    ["type"] = new JsonArray("VerifiableCredential"),
                    ["issuer"] = DidKey.Create(key.PublicKey),
                    ["validFrom"] = "2026-01-01T00:00:00Z",
                    ["credentialSubject"] = new JsonObject { ["id"] = $"did:example:{i}" },
                },
                signer);
            inputs.Add(i % 4 == 1 ? jwt[..^4] + (jwt[^4] == 'A' ? "B" : "A") + jwt[^3..] : jwt);
        }

        var results = new List<CredentialVerificationResult>();
        await foreach (var result in verifier.VerifyManyAsync(inputs.ToAsyncEnumerable(), maxDegreeOfParallelism: 2))
        {
            results.Add(result);
        }

        Assert.That(results.Select(r => r.Succeeded), Is.EqualTo(Enumerable.Range(0, 20).Select(i => i % 4 != 1)));
        for (var i = 0; i < 20; i += 4)
        {
            Assert.That(results[i].Credential!.Credential["credentialSubject"]!["id"]!.GetValue<string>(), Is.EqualTo($"did:example:{i}"));
        }
    }

    private static async IAsyncEnumerable<int> Range(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return i;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
