namespace DidSdk.Crypto.Tests;

/// <summary>Every consumer gets NSec as a dependency: importing both namespaces must never give CS0104.</summary>
public class ApiNamingTests
{
    [Test]
    public void PublicTypes_ShareNoSimpleNameWithNSec()
    {
        var ours = typeof(PrivateKey).Assembly.GetExportedTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var nsec = typeof(NSec.Cryptography.Key).Assembly.GetExportedTypes().Select(t => t.Name);
        Assert.That(ours.Intersect(nsec, StringComparer.Ordinal), Is.Empty);
    }
}
