using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.Benchmarks;

/// <summary>
/// SD-JWT VC issue (10 selectively disclosable claims), present (3 claims + key binding) and verify (issuer signature +
/// key binding + disclosures), beside raw Ed25519 sign and verify in the same run.
/// Target (issue 6): verifying a presentation with key binding runs at ≥ 40% of the raw Ed25519 verify rate
/// (it needs two signature checks), i.e. a Ratio ≤ 2.5 against <see cref="Ed25519Verify"/>.
/// </summary>
[MemoryDiagnoser]
public class SdJwtBenchmarks
{
    private static readonly byte[] Data = new byte[256];
    private static readonly string[] Disclosed = ["/age_over_18", "/nationality", "/kyc_level"];
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private byte[] _signature = null!;
    private SdJwtVcIssuer _issuer = null!;
    private SdJwtVcIssuanceRequest _request = null!;
    private SdJwtToken _credential = null!;
    private KeyBindingRequest _keyBinding = null!;
    private string _presentation = null!;
    private SdJwtVcVerifier _verifier = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.Ed25519);
        _signature = SigningAlgorithm.Ed25519.Sign(_issuerKey, Data);
        var claims = new JsonObject();
        for (var i = 0; i < 7; i++)
        {
            claims[$"claim_{i}"] = $"value {i}";
        }

        claims["age_over_18"] = true;
        claims["nationality"] = "KR";
        claims["kyc_level"] = "enhanced";
        _issuer = new SdJwtVcIssuer(new KeySigner(_issuerKey));
        _request = new SdJwtVcIssuanceRequest
        {
            Issuer = "https://bank-a.example",
            Vct = "https://kyc.consortium.example/credentials/kyc/v1",
            Claims = claims,
            Disclosable = [.. claims.Select(c => "/" + c.Key)],
            HolderPublicKey = _holderKey.PublicKey,
        };
        _credential = await _issuer.IssueAsync(_request);
        _keyBinding = new KeyBindingRequest { HolderSigner = new KeySigner(_holderKey), Audience = "https://bank-b.example", Nonce = "nonce-1", IssuedAt = DateTimeOffset.UtcNow };
        _presentation = (await SdJwtHolder.PresentAsync(_credential, Disclosed, _keyBinding)).ToCompact();
        _verifier = new SdJwtVcVerifier(issuerKeys: new Dictionary<string, PublicKeyMaterial> { ["https://bank-a.example"] = _issuerKey.PublicKey });
        if (!(await _verifier.VerifyAsync(_presentation, "https://bank-b.example", "nonce-1")).Succeeded)
        {
            throw new InvalidOperationException("The benchmark presentation does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => SigningAlgorithm.Ed25519.Verify(_issuerKey.PublicKey, Data, _signature);

    [Benchmark]
    public byte[] Ed25519Sign() => SigningAlgorithm.Ed25519.Sign(_issuerKey, Data);

    [Benchmark]
    public async Task<SdJwtToken> IssueTenDisclosableClaims() => await _issuer.IssueAsync(_request);

    [Benchmark]
    public async Task<SdJwtToken> PresentThreeWithKeyBinding() => await SdJwtHolder.PresentAsync(_credential, Disclosed, _keyBinding);

    [Benchmark]
    public async Task<bool> VerifyPresentationWithKeyBinding() => (await _verifier.VerifyAsync(_presentation, "https://bank-b.example", "nonce-1")).Succeeded;
}
