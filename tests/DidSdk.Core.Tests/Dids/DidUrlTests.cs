using DidSdk.Core.Dids;

namespace DidSdk.Core.Tests.Dids;

public class DidUrlTests
{
    [TestCase("did:example:123", null, null, null)]
    [TestCase("did:example:123#public-key-0", null, null, "public-key-0")]
    [TestCase("did:example:123/path/to/rsrc", "/path/to/rsrc", null, null)]
    [TestCase("did:example:123?versionId=1", null, "versionId=1", null)]
    [TestCase("did:example:123/p?q=1#f", "/p", "q=1", "f")]
    [TestCase("did:example:123?service=agent&relativeRef=/credentials#degree", null, "service=agent&relativeRef=/credentials", "degree")]
    [TestCase("did:example:123#", null, null, "")]
    [TestCase("did:example:123?", null, "", null)]
    [TestCase("did:example:123/", "/", null, null)]
    [TestCase("did:example:123#frag/with?slash", null, null, "frag/with?slash")]
    [TestCase("did:example:123/a:b@c!$&'()*+,;=", "/a:b@c!$&'()*+,;=", null, null)]
    public void TryParse_Conforming_SplitsComponents(string input, string? path, string? query, string? fragment)
    {
        Assert.That(DidUrl.TryParse(input, out var url, out var problem), Is.True, problem?.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(url!.Did.ToString(), Is.EqualTo("did:example:123"));
            Assert.That(url.Path, Is.EqualTo(path));
            Assert.That(url.Query, Is.EqualTo(query));
            Assert.That(url.Fragment, Is.EqualTo(fragment));
            Assert.That(url.ToString(), Is.EqualTo(input));
        });
    }

    [TestCase("did:example:123#a b", DidProblemCodes.InvalidFragment)]
    [TestCase("did:example:123#a#b", DidProblemCodes.InvalidFragment)]
    [TestCase("did:example:123?a b", DidProblemCodes.InvalidQuery)]
    [TestCase("did:example:123/a b", DidProblemCodes.InvalidPath)]
    [TestCase("did:example:123/a[b]", DidProblemCodes.InvalidPath)]
    [TestCase("did:example:123#%g0", DidProblemCodes.InvalidPercentEncoding)]
    [TestCase("did:example:123?x=%", DidProblemCodes.InvalidPercentEncoding)]
    [TestCase("did:example:#frag", DidProblemCodes.InvalidMethodSpecificId)]
    [TestCase("#frag", DidProblemCodes.InvalidScheme)]
    public void TryParse_NonConforming_ReturnsCode(string input, string code)
    {
        Assert.That(DidUrl.TryParse(input, out var url, out var problem), Is.False);
        Assert.That(url, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(code));
    }

    [Test]
    public void QueryParameters_PercentEncoded_Decodes()
    {
        var url = DidUrl.Parse("did:example:123?service=files&relativeRef=%2Fresume.pdf&flag&a+b=c");
        Assert.That(url.QueryParameters["service"], Is.EqualTo("files"));
        Assert.That(url.QueryParameters["relativeRef"], Is.EqualTo("/resume.pdf"));
        Assert.That(url.QueryParameters["flag"], Is.Empty);
        Assert.That(url.QueryParameters["a+b"], Is.EqualTo("c"), "'+' is not a space in RFC 3986");
        Assert.That(url.HasRepeatedQueryParameter, Is.False);
    }

    [Test]
    public void QueryParameters_Repeated_FirstWinsAndFlagged()
    {
        var url = DidUrl.Parse("did:example:123?service=a&service=b");
        Assert.That(url.QueryParameters["service"], Is.EqualTo("a"));
        Assert.That(url.HasRepeatedQueryParameter, Is.True);
    }

    [TestCase("#key-1", "did:example:123#key-1")]
    [TestCase("?versionId=2", "did:example:123?versionId=2")]
    [TestCase("/path", "did:example:123/path")]
    [TestCase("did:other:456#k", "did:other:456#k")]
    public void TryResolveRelative_SupportedForms_Absolute(string reference, string expected)
    {
        Assert.That(DidUrl.TryResolveRelative(reference, Did.Parse("did:example:123"), out var url, out var problem), Is.True, problem?.ToString());
        Assert.That(url!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("key-1")]
    [TestCase("")]
    [TestCase("https://example.com/#k")]
    [TestCase("#bad fragment")]
    public void TryResolveRelative_UnsupportedOrInvalid_Fails(string reference)
    {
        Assert.That(DidUrl.TryResolveRelative(reference, Did.Parse("did:example:123"), out var url, out var problem), Is.False);
        Assert.That(url, Is.Null);
        Assert.That(problem, Is.Not.Null);
    }

    [Test]
    public void WithoutFragment_RemovesFragmentOnly()
    {
        Assert.That(DidUrl.Parse("did:example:123?v=1#k").WithoutFragment, Is.EqualTo("did:example:123?v=1"));
        Assert.That(DidUrl.Parse("did:example:123").WithoutFragment, Is.EqualTo("did:example:123"));
    }

    [Test]
    public void Equals_Ordinal()
    {
        var first = DidUrl.Parse("did:example:123#a");
        var second = DidUrl.Parse("did:example:12" + "3#a");
        Assert.That(first, Is.EqualTo(second));
        Assert.That(first.GetHashCode(), Is.EqualTo(second.GetHashCode()));
        Assert.That(DidUrl.Parse("did:example:123#a"), Is.Not.EqualTo(DidUrl.Parse("did:example:123#A")));
    }

    // The in-place check used on the signature path must accept exactly what TryParse accepts as "this DID, a fragment".
    [TestCase("did:example:123", "did:example:123#key-1")]
    [TestCase("did:example:123", "did:example:123#")]
    [TestCase("did:example:123", "did:example:123#a/b?c")]
    [TestCase("did:example:123", "did:example:123#a#b")]
    [TestCase("did:example:123", "did:example:123#k k")]
    [TestCase("did:example:123", "did:example:123#%zz")]
    [TestCase("did:example:123", "did:example:123#%41")]
    [TestCase("did:example:123", "did:example:1234#k")]
    [TestCase("did:example:123", "did:example:12#k")]
    [TestCase("did:example:123", "did:example:123/p#k")]
    [TestCase("did:example:123", "did:example:123?q#k")]
    [TestCase("did:example:123", "#k")]
    [TestCase("did:example:123#x", "did:example:123#x#k")]
    [TestCase("did:example:12/3", "did:example:12/3#k")]
    [TestCase("did:example:123:", "did:example:123:#k")]
    [TestCase("did:Example:123", "did:Example:123#k")]
    [TestCase("did:example:", "did:example:#k")]
    [TestCase("", "#k")]
    public void IsDidWithFragment_AgreesWithTryParse(string did, string url)
    {
        var parsed = DidUrl.TryParse(url, out var didUrl, out _) && didUrl.Did.ToString() == did && didUrl.Path is null && didUrl.Query is null && didUrl.Fragment is not null
            && Did.TryParse(did, out _);
        Assert.That(DidUrl.IsDidWithFragment(did, url), Is.EqualTo(parsed));
    }

    [Test]
    public void IsDidWithFragment_TooLong_False()
    {
        var did = "did:example:" + new string('a', DidSyntax.MaxLength - 14);
        Assert.That(DidUrl.IsDidWithFragment(did, did + "#ab"), Is.False);
        Assert.That(DidUrl.IsDidWithFragment(did, did + "#a"), Is.True);
    }
}
