using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

public sealed class SdJwtVcBatchTests
{
    private const string Audience = "did:example:bank-b";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task VerifyManyAsync_MixedInputs_ResultsInInputOrderAndEqualToOneByOne()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.P256);
        var verifier = new SdJwtVcVerifier(new SdJwtVerifierOptions(), new DidKeyResolver(), timeProvider: _clock);
        var inputs = new List<SdJwtVcPresentationInput>();
        for (var i = 0; i < 40; i++)
        {
            var presentation = await PresentAsync(issuerKey, holderKey, $"nonce-{i}", i);

            // Every third input is bound to another nonce than the one expected, every seventh is garbage.
            var expectedNonce = i % 3 == 0 ? "another" : $"nonce-{i}";
            inputs.Add(new SdJwtVcPresentationInput(i % 7 == 0 ? "not~a~presentation" : presentation, Audience, expectedNonce));
        }

        var batch = new List<SdJwtVcVerificationResult>();
        await foreach (var result in verifier.VerifyManyAsync(Slowly(inputs), maxDegreeOfParallelism: 4))
        {
            batch.Add(result);
        }

        Assert.That(batch, Has.Count.EqualTo(inputs.Count));
        for (var i = 0; i < inputs.Count; i++)
        {
            var single = await verifier.VerifyAsync(inputs[i].Presentation, inputs[i].ExpectedAudience, inputs[i].ExpectedNonce);
            Assert.That(batch[i].Succeeded, Is.EqualTo(i % 3 != 0 && i % 7 != 0), $"input {i}");
            Assert.That(batch[i].Problems.Select(p => p.Code), Is.EqualTo(single.Problems.Select(p => p.Code)), $"input {i}");
            if (batch[i].Succeeded)
            {
                Assert.That(batch[i].Claims!["claim_index"]!.GetValue<int>(), Is.EqualTo(i), "results come in input order");
            }
        }
    }

    [Test]
    public async Task VerifyManyAsync_CancelledMidway_ThrowsAndStopsReadingInputs()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var verifier = new SdJwtVcVerifier(new SdJwtVerifierOptions(), new DidKeyResolver(), timeProvider: _clock);
        var presentation = await PresentAsync(issuerKey, holderKey, "nonce-1", 1);
        var read = 0;
        using var cancellation = new CancellationTokenSource();

        async IAsyncEnumerable<SdJwtVcPresentationInput> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref read);
                await Task.Yield();
                yield return new SdJwtVcPresentationInput(presentation, Audience, "nonce-1");
            }
        }

        var yielded = 0;
        Assert.That(
            async () =>
            {
                await foreach (var result in verifier.VerifyManyAsync(Endless(), maxDegreeOfParallelism: 2, cancellation.Token))
                {
                    Assert.That(result.Succeeded, Is.True);
                    if (++yielded == 10)
                    {
                        await cancellation.CancelAsync();
                    }
                }
            },
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(yielded, Is.EqualTo(10));

        // Read ahead is bounded by twice the degree of parallelism.
        Assert.That(read, Is.LessThanOrEqualTo(10 + 4 + 1));
    }

    private async Task<string> PresentAsync(PrivateKey issuerKey, PrivateKey holderKey, string nonce, int index)
    {
        var token = await new SdJwtVcIssuer(new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)), timeProvider: _clock).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = DidKey.Create(issuerKey.PublicKey),
            Vct = "https://kyc.example/credentials/kyc/v1",
            Claims = new JsonObject { ["claim_index"] = index, ["kyc_level"] = "enhanced" },
            Disclosable = ["/kyc_level"],
            HolderPublicKey = holderKey.PublicKey,
        });
        var keyBinding = new KeyBindingRequest { HolderSigner = new KeySigner(holderKey), Audience = Audience, Nonce = nonce, IssuedAt = _clock.GetUtcNow() };
        return (await SdJwtHolder.PresentAsync(token, ["/kyc_level"], keyBinding)).ToCompact();
    }

    private static async IAsyncEnumerable<SdJwtVcPresentationInput> Slowly(IEnumerable<SdJwtVcPresentationInput> inputs)
    {
        foreach (var input in inputs)
        {
            await Task.Yield();
            yield return input;
        }
    }
}
