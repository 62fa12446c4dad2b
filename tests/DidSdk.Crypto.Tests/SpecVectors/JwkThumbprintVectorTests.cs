using System.Text;
using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

[Category("SpecVector")]
public class JwkThumbprintVectorTests
{
    private static IEnumerable<TestCaseData> Vectors() => VectorFiles.Cases("jwk-thumbprints.json");

    [TestCaseSource(nameof(Vectors))]
    public void ComputeThumbprint_RfcExample_MatchesInputAndDigest(JsonElement vector)
    {
        Assert.That(Jwk.TryParse(vector.GetProperty("jwk"), out var jwk, out var error), Is.True, error);
        Assert.That(Encoding.UTF8.GetString(jwk!.ThumbprintInput()!), Is.EqualTo(vector.GetProperty("thumbprintInput").GetString()));
        var thumbprint = vector.GetProperty("thumbprint").GetString();
        Assert.That(jwk.ComputeThumbprint(), Is.EqualTo(thumbprint));
        Assert.That(jwk.ComputeThumbprintUri(), Is.EqualTo("urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + thumbprint));
    }
}
