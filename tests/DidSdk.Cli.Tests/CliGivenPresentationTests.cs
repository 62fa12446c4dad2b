using System.Text.Json.Nodes;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.Cli.Tests;

/// <summary>
/// <c>vp issue --presentation</c> (a given presentation object signed as it is, its holder a DID, a URL or absent),
/// <c>vp verify --holder-jwk</c> (the key of a holder that is not a DID; a DID holder's key always comes from the DID)
/// and <c>vp verify --no-exchange-binding</c> (an explicit opt-out of the aud/nonce check, with a warning).
/// </summary>
public sealed class CliGivenPresentationTests
{
    private const string UrlHolder = "https://holder.bank-b.example";
    private TestMaterial _material = null!;
    private PrivateKey _foreignP256 = null!;
    private string _foreignP256Key = null!;
    private string _foreignP256Public = null!;
    private string _issuerPublic = null!;
    private string _holderKey = null!;
    private string _otherKey = null!;
    private string _otherPublic = null!;
    private string _urlHolderPresentation = null!;
    private string _didHolderPresentation = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-vp-given-");
        _holderKey = _material.WritePrivateJwk("holder.jwk", _material.HolderKey);
        _otherKey = _material.WritePrivateJwk("other.jwk", _material.OtherKey);
        _otherPublic = _material.WritePublicJwk("other.pub.jwk", _material.OtherKey);
        _issuerPublic = _material.WritePublicJwk("issuer.pub.jwk", _material.IssuerKey);
        _foreignP256 = PrivateKey.Generate(KeyType.P256, PrivateKeyExportPolicy.AllowPlaintextExport);
        _foreignP256Key = _material.WritePrivateJwk("foreign.jwk", _foreignP256);
        _foreignP256Public = _material.WritePublicJwk("foreign.pub.jwk", _foreignP256);
        var vc = await _material.IssueJoseAsync();
        _urlHolderPresentation = _material.WriteJson("vp-url.json", Presentation(UrlHolder, vc));
        _didHolderPresentation = _material.WriteJson("vp-did.json", Presentation(_material.HolderDid, vc));
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _foreignP256.Dispose();
        _material.Dispose();
    }

    private static JsonObject Presentation(string? holder, string credential)
    {
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2",
                ["id"] = "data:application/vc+jwt," + credential,
                ["type"] = "EnvelopedVerifiableCredential",
            }),
        };
        if (holder is not null)
        {
            presentation["holder"] = holder;
        }

        return presentation;
    }

    private async Task<string> IssueAsync(string format, string presentation, string key, params string[] more)
    {
        var issued = await CliRunner.RunAsync(["vp", "issue", "--format", format, "--presentation", "@" + presentation, "--key", key, "--aud", "https://bank-b.example", "--nonce", "n-1", .. more]);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        return _material.Write($"vp-{Guid.NewGuid():N}.txt", issued.Stdout);
    }

    [TestCase("jose", CredentialFormats.VpJose)]
    [TestCase("cose", CredentialFormats.VpCose)]
    public async Task VpIssueGiven_UrlHolder_VerifiedWithItsHolderJwk(string format, string expectedFormat)
    {
        var vp = await IssueAsync(format, _urlHolderPresentation, _otherKey);

        var verified = CliAssert.Verified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-b.example", "--nonce", "n-1", "--holder-jwk", _otherPublic));

        Assert.That(verified["format"]!.GetValue<string>(), Is.EqualTo(expectedFormat));
        Assert.That(verified["issuer"]!.GetValue<string>(), Is.EqualTo(UrlHolder));
        Assert.That(verified["credentials"]!.AsArray().Select(c => c!["issuer"]!.GetValue<string>()), Is.EqualTo(new[] { _material.IssuerDid }));
    }

    [TestCase("jose")]
    [TestCase("cose")]
    public async Task VpVerify_UrlHolderWithoutHolderJwk_NotVerified(string format)
    {
        var vp = await IssueAsync(format, _urlHolderPresentation, _otherKey);

        var codes = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-b.example", "--nonce", "n-1"));

        Assert.That(codes, Does.Contain(CredentialProblemCodes.IssuerKeyUnavailable));
    }

    [Test]
    public async Task VpVerify_UrlHolderWithAnotherHolderJwk_NotVerified()
    {
        var vp = await IssueAsync("jose", _urlHolderPresentation, _otherKey);

        var codes = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-b.example", "--nonce", "n-1", "--holder-jwk", _issuerPublic));

        Assert.That(codes, Does.Contain(CredentialProblemCodes.SignatureInvalid));
    }

    [Test]
    public async Task VpVerify_SignedByBClaimingDidHolderOfA_WithBsHolderJwk_NotVerified()
    {
        // The presentation names A's did:key as holder and A's method as kid, but B (a P-256 key like A's) signed it and
        // B's key is supplied: the DID's key decides, so the signature is invalid.
        var forged = await IssueAsync("jose", _didHolderPresentation, _foreignP256Key, "--kid", _material.HolderKid);

        var codes = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + forged, "--aud", "https://bank-b.example", "--nonce", "n-1", "--holder-jwk", _foreignP256Public));

        Assert.That(codes, Does.Contain(CredentialProblemCodes.SignatureInvalid));
    }

    [Test]
    public async Task VpVerify_GenuineDidHolder_WithUnrelatedHolderJwk_StillVerifiedByTheDid()
    {
        var vp = await IssueAsync("jose", _didHolderPresentation, _holderKey, "--kid", _material.HolderKid);

        var verified = CliAssert.Verified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-b.example", "--nonce", "n-1", "--holder-jwk", _otherPublic));

        Assert.That(verified["issuer"]!.GetValue<string>(), Is.EqualTo(_material.HolderDid));
    }

    [TestCase("jose")]
    [TestCase("cose")]
    public async Task VpVerify_NoExchangeBinding_VerifiesOtherAudienceAndNonce_WithAWarning(string format)
    {
        var vp = await IssueAsync(format, _urlHolderPresentation, _otherKey);

        var run = await CliRunner.RunAsync("vp", "verify", "@" + vp, "--no-exchange-binding", "--holder-jwk", _otherPublic);

        CliAssert.Verified(run);
        Assert.That(JsonNode.Parse(run.Stderr)!["warning"]!["code"]!.GetValue<string>(), Is.EqualTo("noExchangeBinding"), run.ToString());
    }

    [Test]
    public async Task VpVerify_WithoutAudienceOrNonce_WithoutOptIn_BadUsage()
    {
        var vp = await IssueAsync("jose", _didHolderPresentation, _holderKey, "--kid", _material.HolderKid);

        CliAssert.BadInput(await CliRunner.RunAsync("vp", "verify", "@" + vp), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--nonce", "n-1"), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-b.example"), "badUsage");
    }

    [Test]
    public async Task VpVerify_NoExchangeBindingWithAudience_BadUsage()
    {
        var vp = await IssueAsync("jose", _didHolderPresentation, _holderKey, "--kid", _material.HolderKid);

        CliAssert.BadInput(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--no-exchange-binding", "--aud", "https://bank-b.example"), "badUsage");
    }

    [Test]
    public async Task VpIssueGiven_NoHolder_SignedWithTheKeyAlone()
    {
        var holderless = _material.WriteJson("vp-none.json", Presentation(null, await _material.IssueJoseAsync()));

        var vp = await IssueAsync("jose", holderless, _otherKey);

        Assert.That(File.ReadAllText(vp).Trim().Split('.'), Has.Length.EqualTo(3));
    }

    [Test]
    public async Task VpIssueGiven_DidHolderWithKidOfAnotherDid_BadUsage() =>
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--presentation", "@" + _didHolderPresentation, "--key", _holderKey, "--kid", _material.IssuerKid, "--aud", "a", "--nonce", "n"), "badUsage");

    [Test]
    public async Task VpIssueGiven_DidHolderWithoutKid_BadUsage() =>
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--presentation", "@" + _didHolderPresentation, "--key", _holderKey, "--aud", "a", "--nonce", "n"), "badUsage");

    [Test]
    public async Task VpIssueGiven_UrlHolderWithDidUrlKid_BadUsage() =>
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--presentation", "@" + _urlHolderPresentation, "--key", _otherKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n"), "badUsage");

    [Test]
    public async Task VpIssueGiven_FormatJwt_BadUsage() =>
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jwt", "--presentation", "@" + _urlHolderPresentation, "--key", _otherKey, "--aud", "a", "--nonce", "n"), "badUsage");

    [Test]
    public async Task VpIssueGiven_WithCredentialsToo_BadUsage()
    {
        var vc = _material.Write("vc.jwt", await _material.IssueJoseAsync());

        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--presentation", "@" + _urlHolderPresentation, "--key", _otherKey, "--aud", "a", "--nonce", "n", "@" + vc), "badUsage");
    }

    [Test]
    public async Task VpIssueGiven_NotAPresentation_BadInput()
    {
        var notVp = _material.WriteJson("not-vp.json", new JsonObject { ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"), ["type"] = new JsonArray("VerifiableCredential") });

        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--presentation", "@" + notVp, "--key", _otherKey, "--aud", "a", "--nonce", "n"));
    }

    [Test]
    public async Task VpIssue_NeitherCredentialsNorPresentation_BadUsage() =>
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n"), "badUsage");
}
