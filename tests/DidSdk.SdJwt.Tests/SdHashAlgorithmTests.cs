using System.Security.Cryptography;
using System.Text;

namespace DidSdk.SdJwt.Tests;

public sealed class SdHashAlgorithmTests
{
    [Test]
    public void Digest_ManyThreadsAndLengths_EachTheOneShotDigestOfItsText()
    {
        // sha-256 reuses a hash context per thread; interleaved texts of every length on many threads must each get
        // exactly their own digest (no state carried from one text to the next).
        var texts = Enumerable.Range(0, 600).Select(i => new string((char)('a' + i % 26), i * 7 % 3000)).ToArray();
        var expected = texts.Select(t => Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(t))).TrimEnd('=').Replace('+', '-').Replace('/', '_')).ToArray();
        var wrong = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var round = 0; round < 20; round++)
            {
                for (var n = 0; n < texts.Length; n++)
                {
                    var i = (n + worker * 37) % texts.Length;
                    if (SdHashAlgorithm.Sha256.Digest(texts[i]) != expected[i])
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }
        });

        Assert.That(wrong, Is.Zero);
    }

    [TestCase("sha-384")]
    [TestCase("sha-512")]
    public void Digest_OtherAlgorithms_TheirOneShotDigest(string name)
    {
        Assert.That(SdHashAlgorithm.TryFromName(name, out var algorithm), Is.True);
        var bytes = Encoding.ASCII.GetBytes("WyJzYWx0IiwgIm5hdGlvbmFsaXR5IiwgIktSIl0");
        var expected = name == "sha-384" ? SHA384.HashData(bytes) : SHA512.HashData(bytes);
        Assert.That(algorithm!.Digest("WyJzYWx0IiwgIm5hdGlvbmFsaXR5IiwgIktSIl0"), Is.EqualTo(Convert.ToBase64String(expected).TrimEnd('=').Replace('+', '-').Replace('/', '_')));
    }
}
