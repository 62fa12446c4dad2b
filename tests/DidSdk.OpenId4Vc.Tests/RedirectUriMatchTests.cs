namespace DidSdk.OpenId4Vc.Tests;

/// <summary>Redirect URI matching: exact, except the port of a loopback IP literal redirect (RFC 8252 §7.3).</summary>
public sealed class RedirectUriMatchTests
{
    [TestCase("https://wallet.example/cb", "https://wallet.example/cb")]
    [TestCase("com.bank.wallet:/callback", "com.bank.wallet:/callback")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1:53124/callback")]
    [TestCase("http://127.0.0.1:8080/callback", "http://127.0.0.1:1/callback")]
    [TestCase("http://127.0.0.1/callback?x=1", "http://127.0.0.1:65535/callback?x=1")]
    [TestCase("http://[::1]/callback", "http://[::1]:40000/callback")]
    [TestCase("http://127.0.0.1", "http://127.0.0.1:40000")]
    public void Matches(string registered, string requested) =>
        Assert.That(OpenId4VciClientRegistration.RedirectUriMatches(registered, requested), Is.True);

    [TestCase("https://wallet.example/cb", "https://wallet.example:444/cb")]
    [TestCase("https://wallet.example/cb", "https://wallet.example/cb/")]
    [TestCase("http://localhost/callback", "http://localhost:5000/callback")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1:5000/callback/../other")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1:5000/other")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1:0/callback")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1:65536/callback")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1:/callback")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1:80.evil.example/callback")]
    [TestCase("http://127.0.0.1/callback", "http://127.0.0.1.evil.example:80/callback")]
    [TestCase("http://127.0.0.1/callback", "http://[::1]:80/callback")]
    [TestCase("http://127.0.0.1/callback", "https://127.0.0.1:80/callback")]
    public void DoesNotMatch(string registered, string requested) =>
        Assert.That(OpenId4VciClientRegistration.RedirectUriMatches(registered, requested), Is.False);
}
