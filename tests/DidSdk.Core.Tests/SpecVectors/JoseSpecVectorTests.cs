using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.SpecVectors;

[Category("SpecVector")]
public class JoseSpecVectorTests
{
    private static JsonObject Rfc8037 => JoseVectorPaths.LoadSpecVector("jose", "rfc8037-a4-ed25519.json");

    private static JsonObject Rfc7515A3 => JoseVectorPaths.LoadSpecVector("jose", "rfc7515-a3-es256.json");

    private static JsonObject Rfc7520Es512 => JoseVectorPaths.LoadSpecVector("jose", "rfc7520-4-3-es512.json");

    [Test]
    public void VerifyCompact_Rfc7520Es512_VerifiesWithCookbookKey()
    {
        var vector = Rfc7520Es512;
        var jwk = Jwk.Parse(vector["jwk"]!.ToJsonString());

        var result = Jws.VerifyCompact(vector["compact"]!.GetValue<string>(), jwk.ToPublicKey());

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Token!.Algorithm, Is.EqualTo("ES512"));
        Assert.That(Encoding.ASCII.GetString(result.Token.SigningInput.Span), Is.EqualTo(vector["signingInput"]!.GetValue<string>()));
        Assert.That(Encoding.UTF8.GetString(result.Token.Payload.Span), Is.EqualTo(vector["payloadUtf8"]!.GetValue<string>()));
    }

    [Test]
    public void VerifyCompact_Rfc7520Es512NotAllowed_Refused()
    {
        var vector = Rfc7520Es512;
        var publicKey = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPublicKey();

        var result = Jws.VerifyCompact(vector["compact"]!.GetValue<string>(), publicKey, new JwsReaderOptions { AllowedAlgorithms = ["ES256"] });

        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task SignCompactAsync_Rfc7520P521Key_Es512RoundTrips()
    {
        var vector = Rfc7520Es512;
        using var key = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPrivateKey();
        var payload = Encoding.UTF8.GetBytes(vector["payloadUtf8"]!.GetValue<string>());

        var compact = await Jws.SignCompactAsync(null, payload, new KeySigner(key));

        Assert.That(compact, Does.StartWith("eyJhbGciOiJFUzUxMiJ9."));
        Assert.That(compact.Split('.')[2], Has.Length.EqualTo(176), "132-byte P1363 signature");
        Assert.That(Jws.VerifyCompact(compact, key.PublicKey).Succeeded, Is.True);
    }

    [Test]
    public async Task SignCompactAsync_Rfc8037A4_ReproducesEveryStepByteForByte()
    {
        var vector = Rfc8037;
        using var key = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPrivateKey();
        var signer = new KeySigner(key);
        var payload = Encoding.UTF8.GetBytes(vector["payloadUtf8"]!.GetValue<string>());

        var compact = await Jws.SignCompactAsync(null, payload, signer);

        var token = Jws.ReadCompact(compact).Token!;
        Assert.Multiple(() =>
        {
            Assert.That(token.EncodedHeader, Is.EqualTo(vector["encodedProtectedHeader"]!.GetValue<string>()));
            Assert.That(Encoding.ASCII.GetString(token.SigningInput.Span), Is.EqualTo(vector["signingInput"]!.GetValue<string>()));
            Assert.That(compact.Split('.')[2], Is.EqualTo(vector["signature"]!.GetValue<string>()));
            Assert.That(compact, Is.EqualTo(vector["compact"]!.GetValue<string>()));
        });
    }

    [Test]
    public void SignCompact_Rfc8037A4_SynchronousPathMatches()
    {
        var vector = Rfc8037;
        using var key = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPrivateKey();
        var compact = Jws.SignCompact(null, Encoding.UTF8.GetBytes(vector["payloadUtf8"]!.GetValue<string>()), new KeySigner(key));
        Assert.That(compact, Is.EqualTo(vector["compact"]!.GetValue<string>()));
    }

    [Test]
    public void VerifyCompact_Rfc8037A5_Verifies()
    {
        var vector = Rfc8037;
        var publicKey = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPublicKey();

        var result = Jws.VerifyCompact(vector["compact"]!.GetValue<string>(), publicKey);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(Encoding.UTF8.GetString(result.Token!.Payload.Span), Is.EqualTo(vector["payloadUtf8"]!.GetValue<string>()));
        Assert.That(result.Token.Algorithm, Is.EqualTo("EdDSA"));
    }

    [TestCase("jsonGeneral")]
    [TestCase("jsonFlattened")]
    public void ReadJson_Rfc8037JsonSerializations_VerifyWithSameSigningInputAsCompact(string member)
    {
        var vector = Rfc8037;
        var publicKey = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPublicKey();

        var result = Jws.ReadJson(vector[member]!.ToJsonString());

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Tokens, Has.Count.EqualTo(1));
        Assert.That(Encoding.ASCII.GetString(result.Token!.SigningInput.Span), Is.EqualTo(vector["signingInput"]!.GetValue<string>()));
        Assert.That(Jws.VerifySignature(result.Token, publicKey), Is.True);
    }

    [Test]
    public void VerifyCompact_Rfc7515A3Es256_VerifiesAndKeepsCrlfPayload()
    {
        var vector = Rfc7515A3;
        var publicKey = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPublicKey();

        var result = Jws.VerifyCompact(vector["compact"]!.GetValue<string>(), publicKey);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(Encoding.UTF8.GetString(result.Token!.Payload.Span), Is.EqualTo(vector["payloadUtf8"]!.GetValue<string>()));
        Assert.That(result.Token.Header.ToJsonString(), Is.EqualTo(vector["protectedHeader"]!.ToJsonString()));
    }

    [Test]
    public void VerifyCompact_Rfc7515A3WithOneSignatureBitFlipped_InvalidSignature()
    {
        var vector = Rfc7515A3;
        var publicKey = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPublicKey();
        var compact = vector["compact"]!.GetValue<string>();
        var tampered = compact[..^2] + (compact[^2] == 'Q' ? 'R' : 'Q') + compact[^1];

        var result = Jws.VerifyCompact(tampered, publicKey);

        Assert.That(result.Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidSignature));
    }

    [Test]
    public async Task SignCompactAsync_Rfc7515A3Key_RoundTripsWithEs256()
    {
        var vector = Rfc7515A3;
        using var key = Jwk.Parse(vector["jwk"]!.ToJsonString()).ToPrivateKey();
        var payload = Encoding.UTF8.GetBytes(vector["payloadUtf8"]!.GetValue<string>());

        var compact = await Jws.SignCompactAsync(null, payload, new KeySigner(key));

        // ECDSA is randomized: only the header and payload parts are reproducible.
        var expected = vector["compact"]!.GetValue<string>();
        Assert.That(compact[..compact.LastIndexOf('.')], Is.EqualTo(expected[..expected.LastIndexOf('.')]));
        Assert.That(Jws.VerifyCompact(compact, key.PublicKey).Succeeded, Is.True);
    }
}
