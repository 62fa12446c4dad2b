using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.TokenStatus;

/// <summary>Token Status Lists both ways with @sd-jwt/jwt-status-list 0.19.</summary>
[Category("Interop")]
public sealed class TokenStatusListInteropTests
{
    private const string Script = "token-status-list.mjs";

    private static byte[] RandomStatuses(int bits, int count)
    {
        var values = new byte[count];
        RandomNumberGenerator.Fill(values);
        var mask = (byte)((1 << bits) - 1);
        for (var i = 0; i < count; i++)
        {
            // Mostly VALID, as real lists are, so compression has work to do.
            values[i] = (byte)(values[i] % 5 == 0 ? values[i] & mask : 0);
        }

        return values;
    }

    private static TokenStatusList ListOf(int bits, byte[] statuses)
    {
        var list = new TokenStatusList(bits, statuses.Length);
        for (var i = 0; i < statuses.Length; i++)
        {
            list.Set(i, statuses[i]);
        }

        return list;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(8)]
    public async Task OurList_DecodedByPeer_SameStatuses(int bits)
    {
        var statuses = RandomStatuses(bits, 4096);

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "decode", ["bits"] = bits, ["lst"] = ListOf(bits, statuses).Encode() });

        Assert.That(reply["statuses"]!.AsArray().Select(s => s!.GetValue<byte>()).ToArray(), Is.EqualTo(statuses));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(8)]
    public async Task PeerList_DecodedByUs_SameStatuses(int bits)
    {
        var statuses = RandomStatuses(bits, 4096);

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "encode", ["bits"] = bits, ["statuses"] = new JsonArray(statuses.Select(s => (JsonNode)s).ToArray()) });

        Assert.That(TokenStatusList.TryDecode(bits, reply["lst"]!.GetValue<string>(), 1 << 20, out var list, out var problem), Is.True, problem?.ToString());
        Assert.That(Enumerable.Range(0, statuses.Length).Select(list!.Get).ToArray(), Is.EqualTo(statuses));
    }

    [Test]
    public async Task OurStatusListToken_ReadByPeer_SignatureAndStatusesMatch()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var statuses = RandomStatuses(2, 1024);
        var token = await StatusListToken.CreateAsync(
            ListOf(2, statuses),
            new StatusListTokenDescriptor { Subject = new Uri("https://bank-a.example/status/1"), IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000), TimeToLive = TimeSpan.FromHours(1) },
            new KeySigner(key, "key-1"));

        var reply = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "readJwt",
            ["jwt"] = token,
            ["publicJwk"] = JsonNode.Parse(Jwk.FromPublicKey(key.PublicKey).ToJson()),
        });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.True);
        Assert.That(reply["header"]!["typ"]!.GetValue<string>(), Is.EqualTo("statuslist+jwt"));
        Assert.That(reply["payload"]!["sub"]!.GetValue<string>(), Is.EqualTo("https://bank-a.example/status/1"));
        Assert.That(reply["bits"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(reply["statuses"]!.AsArray().Select(s => s!.GetValue<byte>()).ToArray(), Is.EqualTo(statuses));
    }

    [Test]
    public async Task PeerStatusListToken_CheckedByUs_ReadsTheirStatuses()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var did = DidKey.Create(key.PublicKey);
        await using var server = LoopbackHttpServer.Start();
        var uri = server.Url("/status/7");
        var statuses = new byte[] { 0, 1, 2, 0, 0, 1, 0, 0 };
        var issued = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "issueJwt",
            ["bits"] = 2,
            ["statuses"] = new JsonArray(statuses.Select(s => (JsonNode)s).ToArray()),
            ["privateJwk"] = JsonNode.Parse(Jwk.FromPrivateKey(key).ToJson()),
            ["kid"] = DidKey.GetVerificationMethodId(key.PublicKey),
            ["sub"] = uri.ToString(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5,
        });
        server.Map("/status/7", LoopbackResponse.Text(200, issued["jwt"]!.GetValue<string>(), StatusListToken.MediaType));
        using var http = new HttpClient();
        var checker = new TokenStatusChecker(new HttpStatusListFetcher(http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true }));
        var trust = StatusListTrust.FromDid(did, new DidSignatureVerifier(new DidKeyResolver()));

        var results = new List<TokenStatusResult>();
        for (var i = 0; i < statuses.Length; i++)
        {
            results.Add(await checker.CheckAsync(new StatusListReference(i, uri).ToStatusClaim(), trust));
        }

        Assert.That(results.Select(r => r.Status!.Value).ToArray(), Is.EqualTo(statuses));
        Assert.That(results[1].Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.Revoked));
        Assert.That(results[2].Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.Suspended));
        Assert.That(results[0].Succeeded, Is.True);
        Assert.That(checker.Fetches, Is.EqualTo(1), "one fetch, then the verified list is cached");
    }
}
