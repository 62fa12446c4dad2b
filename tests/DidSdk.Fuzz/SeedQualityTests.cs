using System.Runtime.CompilerServices;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;

namespace DidSdk.Fuzz;

/// <summary>
/// The signed seeds still verify: mutations only reach the last checks (time, status, claim consistency, key binding)
/// when the seed they start from passes everything before.
/// </summary>
public class SeedQualityTests
{
    private static readonly CredentialVerifier Verifier = new(new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver()), new CredentialVerifierOptions(), FixedClock.Instance);

    private static string Seed(string target, string name, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "corpus", target, name));

    [TestCase("vc-jose", "vc-jose")]
    [TestCase("vc-jose", "vc-jwt-11")]
    [TestCase("data-integrity", "eddsa-jcs-2022")]
    [TestCase("data-integrity", "proof-set")]
    public async Task CredentialSeed_AtSeedTime_Verifies(string target, string name)
    {
        var result = await Verifier.VerifyAsync(Seed(target, name));

        Assert.That(result.Problems, Is.Empty);
    }

    [TestCase("vc-cose")]
    [TestCase("vc-cose-p256")]
    public async Task CoseCredentialSeed_AtSeedTime_Verifies(string name)
    {
        var result = await Verifier.VerifyCoseAsync(SeedBytes("vc-cose", name).AsMemory(1));

        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public async Task CosePresentationSeed_AtSeedTime_Verifies()
    {
        var result = await new PresentationVerifier(Verifier).VerifyCoseAsync(SeedBytes("vc-cose", "vp-cose").AsMemory(1), SeedValues.Audience, SeedValues.Nonce);

        Assert.That(result.Problems, Is.Empty);
    }

    private static byte[] SeedBytes(string target, string name, [CallerFilePath] string here = "") =>
        File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(here)!, "corpus", target, name));

    [TestCase("vp-jose")]
    [TestCase("vp-jwt-11")]
    public async Task PresentationSeed_AtSeedTime_Verifies(string name)
    {
        var result = await new PresentationVerifier(Verifier).VerifyAsync(Seed("vp", name), SeedValues.Audience, SeedValues.Nonce);

        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public async Task SdJwtSeed_WithKeyBinding_Verifies()
    {
        var verifier = new SdJwtVcVerifier(new SdJwtVerifierOptions(), new DidKeyResolver(), timeProvider: FixedClock.Instance);

        var result = await verifier.VerifyAsync(Seed("sd-jwt", "presentation-kb"), SeedValues.Audience, SeedValues.Nonce);

        Assert.That(result.Problems, Is.Empty);
    }
}
