using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

/// <summary>
/// The EC cases of Wycheproof's json_web_key_test.json (read in place): ES256 JWS signatures whose verification key
/// is wrong in its metadata or material (alg/crv mismatch, use "enc", point off the curve, wrong crv, wrong kty).
/// A key is usable only if it parses, converts to a <see cref="PublicKeyMaterial"/>, permits verification and its alg (if any)
/// matches the JWS alg; the signature is then checked over the JWS signing input.
/// RSA and oct cases need algorithms DidSdk does not offer and are counted as not applicable.
/// </summary>
[Category("SpecVector")]
public class WycheproofJwkTests
{
    [Test]
    public void Verify_WycheproofJwkEcCases_AllVerdictsMatch()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFiles.Upstream("wycheproof", "testvectors_v1", "json_web_key_test.json")));
        var mismatches = new List<string>();
        int checkedCount = 0, notApplicable = 0;
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            if (!group.TryGetProperty("public", out var publicSet))
            {
                notApplicable += group.GetProperty("tests").GetArrayLength();
                continue;
            }

            var keyJson = publicSet.GetProperty("keys")[0];
            if (!keyJson.TryGetProperty("crv", out _))
            {
                notApplicable += group.GetProperty("tests").GetArrayLength();
                continue;
            }

            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                checkedCount++;
                var accepted = Accepts(keyJson, test.GetProperty("jws").GetString()!);
                var expected = test.GetProperty("result").GetString() == "valid";
                if (accepted != expected)
                {
                    mismatches.Add($"tcId {test.GetProperty("tcId").GetInt32()} ({test.GetProperty("comment").GetString()}): accepted={accepted}");
                }
            }
        }

        TestContext.Out.WriteLine($"json_web_key_test.json: {checkedCount} EC cases checked, {notApplicable} RSA/oct cases not applicable, mismatches {mismatches.Count}");
        Assert.That(checkedCount, Is.EqualTo(6));
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Verify_WycheproofJwkSignature_VerifiesWithCleanKey()
    {
        // Guards the test above: the ES256 signature itself is good, so each rejection comes from the key checks.
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFiles.Upstream("wycheproof", "testvectors_v1", "json_web_key_test.json")));
        var group = document.RootElement.GetProperty("testGroups").EnumerateArray().First(g => g.GetProperty("tests")[0].GetProperty("tcId").GetInt32() == 19);
        var key = group.GetProperty("public").GetProperty("keys")[0];
        var clean = $$"""{"kty":"EC","crv":"P-256","x":"{{key.GetProperty("x").GetString()}}","y":"{{key.GetProperty("y").GetString()}}"}""";
        using var cleanDocument = JsonDocument.Parse(clean);
        Assert.That(Accepts(cleanDocument.RootElement, group.GetProperty("tests")[0].GetProperty("jws").GetString()!), Is.True);
    }

    private static bool Accepts(JsonElement keyJson, string jws)
    {
        var parts = jws.Split('.');
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var alg = header.GetProperty("alg").GetString();
        if (!Jwk.TryParse(keyJson, out var jwk, out _) || !jwk.TryGetPublicKey(out var publicKey) || !jwk.PermitsVerification)
        {
            return false;
        }

        if ((jwk.Alg is not null && jwk.Alg != alg) || !SigningAlgorithm.TryFromJoseAlgorithm(alg, out var algorithm))
        {
            return false;
        }

        return algorithm.Verify(publicKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]));
    }
}
