using System.Text.Json.Nodes;
using DidSdk.Core.Json;
using DidSdk.Crypto;

namespace DidSdk.SdJwt.Tests.Hostile;

/// <summary>
/// The holder key is read from a bare <c>cnf.jwk</c> without the general JWK parser (issue 20): every variant that
/// leaves that shape must still meet the parser's rules, and a key read either way must verify the same.
/// </summary>
public sealed class HolderKeyReadingTests : HostileInputFixture
{
    [Test]
    public async Task VerifyAsync_BareJwk_Accepted() => AssertAccepted(await VerifyAsync(Present(Payload())));

    [Test]
    public async Task VerifyAsync_JwkWithKidAndAlg_AcceptedLikeTheBareOne()
    {
        var payload = Payload();
        payload["cnf"]!["jwk"]!["kid"] = "holder-1";
        payload["cnf"]!["jwk"]!["alg"] = "EdDSA";

        AssertAccepted(await VerifyAsync(Present(payload)));
    }

    [TestCase("x", "non-canonical", TestName = "VerifyAsync_XNotCanonicalBase64Url_HolderKeyInvalid")]
    [TestCase("x", "33 bytes", TestName = "VerifyAsync_XOf33Bytes_HolderKeyInvalid")]
    [TestCase("x", "31 bytes", TestName = "VerifyAsync_XOf31Bytes_HolderKeyInvalid")]
    [TestCase("x", "number", TestName = "VerifyAsync_XANumber_HolderKeyInvalid")]
    [TestCase("crv", "X25519-with-sig-alg", TestName = "VerifyAsync_AlgNotForTheCurve_HolderKeyInvalid")]
    [TestCase("kty", "lowercase", TestName = "VerifyAsync_KtyInOtherCase_HolderKeyInvalid")]
    [TestCase("y", "extra", TestName = "VerifyAsync_OkpWithY_HolderKeyInvalid")]
    public async Task VerifyAsync_BrokenBareJwk_HolderKeyInvalid(string member, string how)
    {
        var payload = Payload();
        var jwk = payload["cnf"]!["jwk"]!.AsObject();
        var x = jwk["x"]!.GetValue<string>();
        switch (how)
        {
            case "non-canonical":
                // The last of 43 characters carries 2 unused bits; flipping one keeps the bytes but breaks canonical form.
                const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                jwk["x"] = x[..^1] + alphabet[alphabet.IndexOf(x[^1], StringComparison.Ordinal) ^ 1];
                break;
            case "33 bytes":
                jwk["x"] = StrictBase64Url.Encode([.. HolderKey.PublicKey.Bytes, 0]);
                break;
            case "31 bytes":
                jwk["x"] = StrictBase64Url.Encode(HolderKey.PublicKey.Bytes[..31]);
                break;
            case "number":
                jwk["x"] = 42;
                break;
            case "X25519-with-sig-alg":
                jwk["alg"] = "ES256";
                break;
            case "lowercase":
                jwk["kty"] = "okp";
                break;
            case "extra":
                jwk["y"] = x;
                break;
        }

        AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.HolderKeyInvalid);
        Assert.That(member, Is.Not.Empty);
    }

    [Test]
    public async Task VerifyAsync_P256HolderOffCurve_HolderKeyInvalid()
    {
        using var p256 = PrivateKey.Generate(KeyType.P256);
        var payload = Payload();
        var jwk = JsonNode.Parse(Jwk.FromPublicKey(p256.PublicKey).ToJson())!.AsObject();
        var y = Convert.FromBase64String(jwk["y"]!.GetValue<string>().Replace('-', '+').Replace('_', '/') + "=");
        y[31] ^= 0x01;
        jwk["y"] = StrictBase64Url.Encode(y);
        payload["cnf"] = new JsonObject { ["jwk"] = jwk };

        AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.HolderKeyInvalid);
    }
}
