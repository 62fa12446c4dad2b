using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Benchmarks;

/// <summary>
/// JWS compact sign and verify against the raw signature primitive over the same signing input, per algorithm.
/// Target (issue 2): JWS sign and verify each reach at least 90% of the raw primitive's ops/s.
/// Compare <c>JwsSign</c> with <c>RawSign</c> and <c>JwsVerify</c> with <c>RawVerify</c> in the same run.
/// </summary>
[MemoryDiagnoser]
public class JwsBenchmarks
{
    private static readonly JsonObject Header = new() { ["typ"] = "JWT" };
    private readonly byte[] _payload = """{"iss":"did:example:issuer","sub":"did:example:holder","iat":1700000000,"exp":1900000000,"claim":"a value of moderate length to make the payload realistic"}"""u8.ToArray();
    private PrivateKey _key = null!;
    private KeySigner _signer = null!;
    private string _token = null!;
    private byte[] _signingInput = null!;
    private byte[] _rawSignature = null!;

    [Params(KeyType.Ed25519, KeyType.Secp256k1, KeyType.P256)]
    public KeyType KeyType { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = PrivateKey.Generate(KeyType);
        _signer = new KeySigner(_key, "did:example:issuer#key-1");
        _token = Jws.SignCompact(Header, _payload, _signer);
        _signingInput = System.Text.Encoding.ASCII.GetBytes(_token[.._token.LastIndexOf('.')]);
        _rawSignature = _signer.Algorithm.Sign(_key, _signingInput);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] RawSign() => _signer.Algorithm.Sign(_key, _signingInput);

    [Benchmark]
    public string JwsSign() => Jws.SignCompact(Header, _payload, _signer);

    [Benchmark]
    public bool RawVerify() => _signer.Algorithm.Verify(_key.PublicKey, _signingInput, _rawSignature);

    [Benchmark]
    public bool JwsVerify() => Jws.VerifyCompact(_token, _key.PublicKey).Succeeded;
}
