using System.Diagnostics;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.Testing;

namespace DidSdk.Benchmarks;

/// <summary>
/// Issue 20 throughput runs outside BenchmarkDotNet: (1) N presentations through <see cref="SdJwtVcVerifier.VerifyManyAsync"/>
/// with the peak working set and GC heap sampled along the way (memory must stay flat), and (2) the same ES256
/// presentations verified by this SDK and by @sd-jwt/sd-jwt-vc 0.19 under node, one thread each, in the same run.
/// Run: <c>dotnet run -c Release --project tests/DidSdk.Benchmarks -- throughput [count] [seconds]</c> (count 0: the peer comparison only).
/// </summary>
internal static class VerifierThroughput
{
    private const string Issuer = "https://bank-a.example";
    private const string Audience = "https://bank-b.example";
    private const string Nonce = "nonce-1";
    private static readonly string[] Disclosed = ["/age_over_18", "/nationality", "/kyc_level"];

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        if (count >= 10)
        {
            await BatchAsync(count);
        }

        foreach (var holders in new[] { 1, 200 })
        {
            await PeerAsync(KeyType.P256, holders, seconds);
            await PeerAsync(KeyType.Ed25519, holders, seconds);
        }
    }

    /// <summary>N presentations (a pool of 1,000 distinct holders, cycled) through the batch API with the default parallelism.</summary>
    private static async Task BatchAsync(int count)
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var presentations = await PresentAsync(issuerKey, KeyType.Ed25519, 1000);
        var verifier = new SdJwtVcVerifier(issuerKeys: new Dictionary<string, PublicKeyMaterial> { [Issuer] = issuerKey.PublicKey });
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        var verified = 0L;
        var index = 0L;
        var peakHeap = 0L;
        var stopwatch = Stopwatch.StartNew();
        await foreach (var result in verifier.VerifyManyAsync(Inputs(presentations, count)))
        {
            if (result.Succeeded)
            {
                verified++;
            }

            if (++index % (count / 10) == 0)
            {
                process.Refresh();
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
                Console.WriteLine(
                    $"{{\"batch\":{index},\"verified\":{verified},\"perSecond\":{index / stopwatch.Elapsed.TotalSeconds:F0},\"workingSetMB\":{process.WorkingSet64 / 1048576.0:F1},\"peakWorkingSetMB\":{process.PeakWorkingSet64 / 1048576.0:F1},\"gcHeapMB\":{GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F1},\"gen0\":{GC.CollectionCount(0)},\"gen2\":{GC.CollectionCount(2)}}}");
            }
        }

        Console.WriteLine($"{{\"batchDone\":{index},\"verified\":{verified},\"seconds\":{stopwatch.Elapsed.TotalSeconds:F1},\"threads\":{Environment.ProcessorCount},\"peakGcHeapMB\":{peakHeap / 1048576.0:F1}}}");
    }

    private static async IAsyncEnumerable<SdJwtVcPresentationInput> Inputs(string[] presentations, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new SdJwtVcPresentationInput(presentations[i % presentations.Length], Audience, Nonce);
        }

        await Task.CompletedTask;
    }

    /// <summary>The same presentations, one thread each: this SDK, then the JavaScript peer under node.</summary>
    private static async Task PeerAsync(KeyType keyType, int holders, double seconds)
    {
        using var issuerKey = PrivateKey.Generate(keyType);
        var presentations = await PresentAsync(issuerKey, keyType, holders);
        var verifier = new SdJwtVcVerifier(issuerKeys: new Dictionary<string, PublicKeyMaterial> { [Issuer] = issuerKey.PublicKey });
        for (var i = 0; i < 200; i++)
        {
            await verifier.VerifyAsync(presentations[i % presentations.Length], Audience, Nonce);
        }

        // Two rounds each, alternating, best of each: a slow phase of the shared host then hits both sides alike.
        var ours = 0.0;
        var peer = 0.0;
        var peerFailed = 0;
        for (var round = 0; round < 2; round++)
        {
            var verified = 0L;
            var stopwatch = Stopwatch.StartNew();
            while (stopwatch.Elapsed.TotalSeconds < seconds)
            {
                foreach (var presentation in presentations)
                {
                    if ((await verifier.VerifyAsync(presentation, Audience, Nonce)).Succeeded)
                    {
                        verified++;
                    }
                }
            }

            ours = Math.Max(ours, verified / stopwatch.Elapsed.TotalSeconds);
            var reply = await NodeScript.RunAsync(
                "bench-sdjwt-vc-verify.mjs",
                new JsonObject
                {
                    ["presentations"] = new JsonArray([.. presentations.Select(p => (JsonNode)p)]),
                    ["issuerPublicJwk"] = JsonNode.Parse(Jwk.FromPublicKey(issuerKey.PublicKey).ToJson()),
                    ["alg"] = SigningAlgorithm.ForKeyType(keyType)!.JoseAlgorithm,
                    ["nonce"] = Nonce,
                    ["seconds"] = seconds,
                },
                TimeSpan.FromSeconds(seconds + 120));
            peer = Math.Max(peer, reply["perSecond"]!.GetValue<double>());
            peerFailed += reply["failed"]!.GetValue<int>();
        }

        Console.WriteLine(
            $"{{\"peer\":\"{keyType}\",\"distinctHolders\":{holders},\"didSdkPerSecond\":{ours:F0},\"sdJwtVcJsPerSecond\":{peer:F0},\"ratio\":{ours / peer:F2},\"peerFailed\":{peerFailed}}}");
    }

    private static async Task<string[]> PresentAsync(PrivateKey issuerKey, KeyType keyType, int holders)
    {
        var claims = new JsonObject();
        for (var i = 0; i < 7; i++)
        {
            claims[$"claim_{i}"] = $"value {i}";
        }

        claims["age_over_18"] = true;
        claims["nationality"] = "KR";
        claims["kyc_level"] = "enhanced";
        var issuer = new SdJwtVcIssuer(new KeySigner(issuerKey));
        var result = new string[holders];
        for (var h = 0; h < holders; h++)
        {
            using var holderKey = PrivateKey.Generate(keyType);
            var credential = await issuer.IssueAsync(new SdJwtVcIssuanceRequest
            {
                Issuer = Issuer,
                Vct = "https://kyc.consortium.example/credentials/kyc/v1",
                Claims = (JsonObject)claims.DeepClone(),
                Disclosable = [.. claims.Select(c => "/" + c.Key)],
                HolderPublicKey = holderKey.PublicKey,
            });
            var keyBinding = new KeyBindingRequest { HolderSigner = new KeySigner(holderKey), Audience = Audience, Nonce = Nonce, IssuedAt = DateTimeOffset.UtcNow };
            result[h] = (await SdJwtHolder.PresentAsync(credential, Disclosed, keyBinding)).ToCompact();
        }

        return result;
    }
}
