namespace DidSdk.OpenId4Vc.Tests;

/// <summary>A server's <c>error</c> / <c>error_description</c> reach a problem message only as bounded RFC 6749 text.</summary>
public sealed class ServerErrorTextTests
{
    [TestCase("invalid_grant")]
    [TestCase("invalid_request")]
    [TestCase("a-b.c:d!e")]
    public void Code_Rfc6749ErrorValue_Kept(string error) => Assert.That(ServerErrorText.Code(error), Is.EqualTo(error));

    [TestCase("")]
    [TestCase("invalid_grant\nDIDSDK0000: forged log line")]
    [TestCase("quote\"d")]
    [TestCase("back\\slash")]
    [TestCase("\u00e9rreur")]
    [TestCase("\u0000")]
    public void Code_NotAnErrorValue_Placeholder(string error) =>
        Assert.That(ServerErrorText.Code(error), Is.EqualTo("(unreadable error code)"));

    [Test]
    public void Code_LongerThanLimit_Placeholder() =>
        Assert.That(ServerErrorText.Code(new string('e', ServerErrorText.MaxErrorLength + 1)), Is.EqualTo("(unreadable error code)"));

    [Test]
    public void Description_Readable_Kept() =>
        Assert.That(ServerErrorText.Description("The code has expired."), Is.EqualTo("The code has expired."));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("line one\r\nline two")]
    [TestCase("tab\there")]
    public void Description_AbsentOrNotRfc6749Text_Null(string? description) => Assert.That(ServerErrorText.Description(description), Is.Null);

    [Test]
    public void Description_TenMegabytes_CutToTheLimit()
    {
        var text = ServerErrorText.Description(new string('x', 10 * 1024 * 1024));
        Assert.That(text, Is.EqualTo(new string('x', ServerErrorText.MaxDescriptionLength) + "..."));
    }
}
