using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using DidSdk.Core.Json;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Benchmarks;

/// <summary>
/// DID resolution and JCS beside one raw Ed25519 verify (the baseline).
/// Target (issue 3): a caching-resolver hit costs under 1/20 of one Ed25519 verify (Ratio &lt; 0.05).
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private static readonly byte[] Data = new byte[256];
    private PrivateKey _key = null!;
    private byte[] _signature = null!;
    private string _did = null!;
    private string _didUrl = null!;
    private DidKeyResolver _didKey = null!;
    private CachingDidResolver _cache = null!;
    private DidUrlDereferencer _dereferencer = null!;
    private JsonNode _credential = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _key = PrivateKey.Generate(KeyType.Ed25519);
        _signature = SigningAlgorithm.Ed25519.Sign(_key, Data);
        _did = DidKey.Create(_key.PublicKey);
        _didUrl = _did + "#" + _did["did:key:".Length..];
        _didKey = new DidKeyResolver();
        _dereferencer = new DidUrlDereferencer(_didKey);
        _cache = new CachingDidResolver(new CompositeDidResolver(_didKey));
        await _cache.ResolveAsync(_did);
        _credential = BuildCredential();
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => SigningAlgorithm.Ed25519.Verify(_key.PublicKey, Data, _signature);

    [Benchmark]
    public async Task<bool> DidKeyResolveAndDereference() => (await _dereferencer.DereferenceAsync(_didUrl)).Succeeded;

    [Benchmark]
    public async Task<bool> CachingResolverHit() => (await _cache.ResolveAsync(_did)).Succeeded;

    [Benchmark]
    public byte[] Jcs2KiBCredential() => Jcs.Canonicalize(_credential);

    private static JsonObject BuildCredential()
    {
        var subject = new JsonObject { ["id"] = "did:example:holder" };
        for (var i = 0; i < 40; i++)
        {
            subject[$"claim{i:D2}"] = i % 3 == 0 ? i * 1.5 : $"value number {i} with some text";
        }

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
            ["issuer"] = "did:example:issuer",
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["credentialSubject"] = subject,
        };
        return credential;
    }
}
