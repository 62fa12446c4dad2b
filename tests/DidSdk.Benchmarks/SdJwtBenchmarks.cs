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
    private PrivateKey issuerKey = null!;
    private PrivateKey holderKey = null!;
    private byte[] signature = null!;
    private SdJwtVcIssuer issuer = null!;
    private SdJwtVcIssuanceRequest request = null!;
    private SdJwtToken credential = null!;
    private KeyBindingRequest keyBinding = null!;
    private string presentation = null!;
    private SdJwtVcVerifier verifier = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        holderKey = PrivateKey.Generate(KeyType.Ed25519);
        signature = SigningAlgorithm.Ed25519.Sign(issuerKey, Data);
        var claims = new JsonObject();
        for (var i = 0; i < 7; i++)
        {
            claims[$"claim_{i}"] = $"value {i}";
        }

        claims["age_over_18"] = true;
        claims["nationality"] = "KR";
        claims["kyc_level"] = "enhanced";
        issuer = new SdJwtVcIssuer(new KeySigner(issuerKey));
        request = new SdJwtVcIssuanceRequest
        {
            Issuer = "https://bank-a.example",
            Vct = "https://kyc.consortium.example/credentials/kyc/v1",
            Claims = claims,
            Disclosable = [.. claims.Select(c => "/" + c.Key)],
            HolderPublicKey = holderKey.PublicKey,
        };
        credential = await issuer.IssueAsync(request);
        keyBinding = new KeyBindingRequest { HolderSigner = new KeySigner(holderKey), Audience = "https://bank-b.example", Nonce = "nonce-1", IssuedAt = DateTimeOffset.UtcNow };
        presentation = (await SdJwtHolder.PresentAsync(credential, Disclosed, keyBinding)).ToCompact();
        verifier = new SdJwtVcVerifier(issuerKeys: new Dictionary<string, PublicKeyMaterial> { ["https://bank-a.example"] = issuerKey.PublicKey });
        if (!(await verifier.VerifyAsync(presentation, "https://bank-b.example", "nonce-1")).Succeeded)
        {
            throw new InvalidOperationException("The benchmark presentation does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        issuerKey.Dispose();
        holderKey.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => SigningAlgorithm.Ed25519.Verify(issuerKey.PublicKey, Data, signature);

    [Benchmark]
    public byte[] Ed25519Sign() => SigningAlgorithm.Ed25519.Sign(issuerKey, Data);

    [Benchmark]
    public async Task<SdJwtToken> IssueTenDisclosableClaims() => await issuer.IssueAsync(request);

    [Benchmark]
    public async Task<SdJwtToken> PresentThreeWithKeyBinding() => await SdJwtHolder.PresentAsync(credential, Disclosed, keyBinding);

    [Benchmark]
    public async Task<bool> VerifyPresentationWithKeyBinding() => (await verifier.VerifyAsync(presentation, "https://bank-b.example", "nonce-1")).Succeeded;
}
