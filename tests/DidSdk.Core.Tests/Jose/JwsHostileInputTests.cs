using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Jose;

public class JwsHostileInputTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.={}\"[]:, \n\u00e9\ud800";

    [Test]
    public void ReadCompact_RandomMutationsOfValidToken_NeverThrowAndNeverVerify()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var token = Jws.SignCompact(new JsonObject { ["typ"] = "JWT" }, Encoding.UTF8.GetBytes("{\"sub\":\"x\"}"), new KeySigner(key, "#k"));
        var random = new Random(20260125);
        for (var i = 0; i < 3000; i++)
        {
            var chars = token.ToCharArray();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            var mutated = new string(chars);
            if (mutated == token)
            {
                continue;
            }

            JwsReadResult result = null!;
            Assert.DoesNotThrow(() => result = Jws.VerifyCompact(mutated, key.PublicKey), mutated);
            Assert.That(result.Succeeded, Is.False, mutated);
            Assert.That(result.Problem!.Code, Does.StartWith("DIDSDK20"));
        }
    }

    [Test]
    public void ReadJson_RandomMutationsOfValidJws_NeverThrow()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var parts = Jws.SignCompact(null, Encoding.UTF8.GetBytes("{}"), new KeySigner(key)).Split('.');
        var json = new JsonObject { ["payload"] = parts[1], ["signatures"] = new JsonArray(new JsonObject { ["protected"] = parts[0], ["header"] = new JsonObject { ["kid"] = "#k" }, ["signature"] = parts[2] }) }.ToJsonString();
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var chars = json.ToCharArray();
            chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            var mutated = new string(chars);
            JwsReadResult result = null!;
            Assert.DoesNotThrow(() => result = Jws.ReadJson(mutated), mutated);
            if (result.Succeeded)
            {
                // A mutation outside the signed parts (for example the unprotected kid) may still parse; it must not verify
                // unless the signed bytes are unchanged.
                var signedUnchanged = result.Token!.EncodedHeader == parts[0] && result.Token.EncodedPayload == parts[1]
                    && StrictSignature(result.Token) == parts[2];
                Assert.That(Jws.VerifySignature(result.Token, key.PublicKey), Is.EqualTo(signedUnchanged), mutated);
            }
        }
    }

    [Test]
    public async Task SignCompactAsync_SignerReturnsWrongLength_Throws()
    {
        var signer = new DerLikeSigner();
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await Jws.SignCompactAsync(null, new byte[1], signer));
        Assert.That(ex!.Message, Does.Contain("64-byte"));
        await Task.CompletedTask;
    }

    private static string StrictSignature(JwsToken token) => DidSdk.Core.Json.StrictBase64Url.Encode(token.Signature.Span);

    private sealed class DerLikeSigner : ISigner
    {
        public SigningAlgorithm Algorithm => SigningAlgorithm.P256;

        public string? KeyId => null;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => ValueTask.FromResult(new byte[71]);
    }
}
