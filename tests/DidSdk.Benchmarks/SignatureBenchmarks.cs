using BenchmarkDotNet.Attributes;
using DidSdk.Crypto;

namespace DidSdk.Benchmarks;

/// <summary>Raw NSec Ed25519 against DidSdk's algorithm wrappers: the wrappers should cost next to nothing.</summary>
[MemoryDiagnoser]
public class Ed25519PrimitiveBenchmarks
{
    private static readonly byte[] Data = new byte[256];
    private NSec.Cryptography.Key _nsecKey = null!;
    private byte[] _nsecSignature = null!;
    private PrivateKey _key = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _nsecKey = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);
        _nsecSignature = NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(_nsecKey, Data);
        _key = PrivateKey.Generate(KeyType.Ed25519);
        _signature = SigningAlgorithm.Ed25519.Sign(_key, Data);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _nsecKey.Dispose();
        _key.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] RawNSecSign() => NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(_nsecKey, Data);

    [Benchmark]
    public bool RawNSecVerify() => NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(_nsecKey.PublicKey, Data, _nsecSignature);

    [Benchmark]
    public byte[] DidSdkSign() => SigningAlgorithm.Ed25519.Sign(_key, Data);

    [Benchmark]
    public bool DidSdkVerify() => SigningAlgorithm.Ed25519.Verify(_key.PublicKey, Data, _signature);
}
