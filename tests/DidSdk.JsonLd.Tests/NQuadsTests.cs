using DidSdk.JsonLd.Rdf;

namespace DidSdk.JsonLd.Tests;

public sealed class NQuadsTests
{
    [TestCase("<http://a> <http://b> .", TestName = "Parse_MissingObject_Fails")]
    [TestCase("<http://a> <http://b> \"x .", TestName = "Parse_UnterminatedLiteral_Fails")]
    [TestCase("<a> <http://b> <http://c> .", TestName = "Parse_RelativeIri_Fails")]
    [TestCase("<http://a> <http://b> <http://c>", TestName = "Parse_MissingDot_Fails")]
    [TestCase("<http://a> <http://b> \"\\uD800\" .", TestName = "Parse_SurrogateEscape_Fails")]
    [TestCase("_:a _:b <http://c> .", TestName = "Parse_BlankPredicate_Fails")]
    public void Parse_Invalid_ReturnsInvalidNQuads(string text)
    {
        var result = NQuads.Parse(text);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.InvalidNQuads));
    }

    [Test]
    public void Parse_TooLarge_ReturnsInputTooLarge()
    {
        var result = NQuads.Parse(new string(' ', 100), maxLength: 10);

        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.InputTooLarge));
    }

    [Test]
    public void Parse_DuplicateQuads_KeepsOne()
    {
        var result = NQuads.Parse("<http://a> <http://b> \"x\"@en .\n<http://a> <http://b> \"x\"@en . # again\n");

        Assert.That(result.Dataset, Has.Count.EqualTo(1));
        Assert.That(result.Dataset![0].Object.Language, Is.EqualTo("en"));
    }

    [Test]
    public void Canonicalize_WorkLimitTooSmall_FailsWithCode()
    {
        var parsed = NQuads.Parse("_:a <http://p> _:b .\n_:b <http://p> _:a .\n");

        var result = RdfCanonicalizer.Canonicalize(parsed.Dataset!, new RdfCanonicalizationOptions { MaxWork = 1 });

        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.CanonicalizationWorkLimit));
    }

    [Test]
    public void Canonicalize_UnknownHash_Throws()
    {
        Assert.That(() => RdfCanonicalizer.Canonicalize(new RdfDataset(), new RdfCanonicalizationOptions { HashAlgorithm = "MD5" }), Throws.ArgumentException);
    }
}
