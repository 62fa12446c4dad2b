using DidSdk.Core.Dids;

namespace DidSdk.Core.Tests.Dids;

/// <summary>Property-style tests: random input never throws, only rejects; accepted input round-trips and conforms.</summary>
public class DidSyntaxFuzzTests
{
    private const string Alphabet = "did:DIDexample0123456789abcxyzXYZ.-_~%:/?#@!$&'()*+,;=[] \u00e9\u0000fF";

    [Test]
    public void TryParse_RandomStrings_NeverThrowAndAcceptedRoundTrip()
    {
        // A fixed seed keeps failures reproducible; the alphabet is weighted towards DID syntax so some inputs conform.
        var random = new Random(20261125);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 12);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            var prefix = random.Next(4) switch
            {
                0 => string.Empty,
                1 => "did:",
                _ => "did:ex1:",
            };
            var input = prefix + new string(chars);
            Assert.That(() => Did.TryParse(input, out _, out _), Throws.Nothing, input);
            Assert.That(() => DidUrl.TryParse(input, out _, out _), Throws.Nothing, input);
            if (DidUrl.TryParse(input, out var url, out _))
            {
                accepted++;
                Assert.That(url.ToString(), Is.EqualTo(input));
                Assert.That(ReferenceConforms(input), Is.True, input);
                _ = url.QueryParameters;
            }
            else
            {
                Assert.That(ReferenceConforms(input), Is.False, input);
            }

            if (Did.TryParse(input, out var did, out _))
            {
                Assert.That(did.ToString(), Is.EqualTo(input));
            }
        }

        Assert.That(accepted, Is.GreaterThan(100), "the generator should produce some conforming DID URLs");
    }

    /// <summary>An independent regular-expression transcription of the DID Core 1.0 §3.2 ABNF.</summary>
    private static bool ReferenceConforms(string input)
    {
        const string pct = "%[0-9A-Fa-f]{2}";
        const string idchar = "(?:[A-Za-z0-9._-]|" + pct + ")";
        const string pchar = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|" + pct + ")";
        var pattern = "^did:[a-z0-9]+:(?:" + idchar + "*:)*" + idchar + "+(?:/" + pchar + "*)*(?:\\?(?:" + pchar + "|[/?])*)?(?:#(?:" + pchar + "|[/?])*)?$";
        return System.Text.RegularExpressions.Regex.IsMatch(input, pattern);
    }
}
