using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Methods;

public class DidKeyTests
{
    private const string SpecEd25519 = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    [TestCase(KeyType.Ed25519, "did:key:z6Mk")]
    [TestCase(KeyType.Secp256k1, "did:key:zQ3s")]
    [TestCase(KeyType.P256, "did:key:zDn")]
    [TestCase(KeyType.P384, "did:key:z82L")]
    [TestCase(KeyType.P521, "did:key:z2J9")]
    [TestCase(KeyType.X25519, "did:key:z6LS")]
    public async Task Create_ThenResolve_SameKey(KeyType type, string prefix)
    {
        using var key = PrivateKey.Generate(type);
        var did = DidKey.Create(key.PublicKey);
        Assert.That(did, Does.StartWith(prefix));
        var result = await new DidKeyResolver().ResolveAsync(did);
        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var doc = result.DidDocument!;
        var purpose = type == KeyType.X25519 ? VerificationRelationship.KeyAgreement : VerificationRelationship.AssertionMethod;
        Assert.That(doc.TryGetAuthorizedVerificationMethod(DidKey.GetVerificationMethodId(key.PublicKey), purpose, out var method, out var problem), Is.True, problem?.ToString());
        Assert.That(method!.TryGetPublicKey(out var decoded, out _), Is.True);
        Assert.That(decoded, Is.EqualTo(key.PublicKey));
        Assert.That(doc.Context, Is.EqualTo(new[] { DidContexts.DidV1, DidContexts.MultikeyV1 }));
    }

    [Test]
    public void Resolve_Ed25519_DerivesX25519KeyAgreementAndAllSigningRelationships()
    {
        var doc = new DidKeyResolver().Resolve(SpecEd25519).DidDocument!;
        var vmId = SpecEd25519 + "#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        Assert.Multiple(() =>
        {
            foreach (var purpose in new[] { VerificationRelationship.Authentication, VerificationRelationship.AssertionMethod, VerificationRelationship.CapabilityInvocation, VerificationRelationship.CapabilityDelegation })
            {
                Assert.That(doc.IsAuthorized(vmId, purpose), Is.True, purpose.ToString());
            }

            Assert.That(doc.IsAuthorized(vmId, VerificationRelationship.KeyAgreement), Is.False);
            Assert.That(doc.KeyAgreement, Has.Count.EqualTo(1));
            Assert.That(doc.KeyAgreement[0].Embedded!.PublicKeyMultibase, Is.EqualTo("z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p"));
        });
    }

    [Test]
    public void Resolve_Ed25519_KeyAgreementDerivedOnFirstReadSameAsEagerDocument()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        var resolved = new DidKeyResolver().Resolve(did).DidDocument!;

        // Authorizing the signing key does not need the X25519 key; reading keyAgreement or the JSON derives it.
        Assert.That(resolved.IsAuthorized(DidKey.GetVerificationMethodId(key.PublicKey), VerificationRelationship.AssertionMethod), Is.True);
        var expectedX25519 = Multikey.Encode(Ed25519ToX25519.ConvertPublicKey(key.PublicKey));
        Assert.That(resolved.ToJson(), Is.EqualTo(DidKey.CreateDocument(key.PublicKey).ToJson()));
        Assert.That(resolved.KeyAgreement.Single().Embedded!.PublicKeyMultibase, Is.EqualTo(expectedX25519));
        Assert.That(resolved.FindVerificationMethod(did + "#" + expectedX25519), Is.Not.Null);
        Assert.That(resolved.IsAuthorized(did + "#" + expectedX25519, VerificationRelationship.KeyAgreement), Is.True);
    }

    [Test]
    public void Resolve_SameDidAgain_SameDocumentInstance()
    {
        var resolver = new DidKeyResolver();
        var first = resolver.Resolve(SpecEd25519).DidDocument;
        var second = resolver.Resolve(SpecEd25519, new DidResolutionOptions { Accept = DidMediaTypes.DidLdJson });
        Assert.That(second.DidDocument, Is.SameAs(first));
        Assert.That(second.DidResolutionMetadata.ContentType, Is.EqualTo(DidMediaTypes.DidLdJson));

        // The cache is per resolver: other options give other documents.
        var other = new DidKeyResolver(new DidKeyOptions { EnableEncryptionKeyDerivation = false }).Resolve(SpecEd25519).DidDocument!;
        Assert.That(other, Is.Not.SameAs(first));
        Assert.That(other.KeyAgreement, Is.Empty);
    }

    [Test]
    public void Resolve_ManyDistinctDids_OldestDocumentsDroppedRecentKept()
    {
        // Two generations of 256: after 600 one-off DIDs the first ones are gone, the last ones are still cached.
        var resolver = new DidKeyResolver();
        var dids = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            using var key = PrivateKey.Generate(KeyType.P256);
            dids.Add(DidKey.Create(key.PublicKey));
        }

        var documents = dids.Select(did => resolver.Resolve(did).DidDocument!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(resolver.Resolve(dids[0]).DidDocument, Is.Not.SameAs(documents[0]));
            Assert.That(resolver.Resolve(dids[0]).DidDocument!.ToJson(), Is.EqualTo(documents[0].ToJson()));
            Assert.That(resolver.Resolve(dids[^1]).DidDocument, Is.SameAs(documents[^1]));
        });
    }

    [Test]
    public void Resolve_DerivationDisabled_NoKeyAgreement()
    {
        var doc = new DidKeyResolver(new DidKeyOptions { EnableEncryptionKeyDerivation = false }).Resolve(SpecEd25519).DidDocument!;
        Assert.That(doc.KeyAgreement, Is.Empty);
    }

    [Test]
    public void Resolve_X25519_KeyAgreementOnly()
    {
        using var key = PrivateKey.Generate(KeyType.X25519);
        var doc = new DidKeyResolver().Resolve(DidKey.Create(key.PublicKey)).DidDocument!;
        Assert.That(doc.AssertionMethod, Is.Empty);
        Assert.That(doc.Authentication, Is.Empty);
        Assert.That(doc.KeyAgreement, Has.Count.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> InvalidDids()
    {
        var ed = Multikey.Decode("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
        var edBody = Multicodec.AddPrefix(Multicodec.Ed25519Pub, ed.Bytes);
        string Z(byte[] bytes) => "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, bytes);

        yield return Case("did:key:", DidResolutionErrors.InvalidDid, "Empty");
        yield return Case("did:key:u7QE", DidResolutionErrors.InvalidDid, "NotBase58Multibase");
        yield return Case("did:key:z0OIl", DidResolutionErrors.InvalidDid, "BadBase58Alphabet");
        yield return Case("did:key:1:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", DidResolutionErrors.InvalidDid, "ExtraSegment");
        yield return Case(SpecEd25519 + "#x", DidResolutionErrors.InvalidDid, "DidUrl");
        yield return Case(Z([0x80, 0x80, 0x80]), DidResolutionErrors.InvalidPublicKey, "TruncatedVarint");
        yield return Case(Z([0xed, 0x81, 0x00, .. new byte[32]]), DidResolutionErrors.InvalidPublicKey, "NonMinimalVarint");
        yield return Case(Z([.. Multicodec.AddPrefix(0xeb, new byte[96])]), DidResolutionErrors.UnsupportedPublicKeyType, "Bls12381");
        yield return Case(Z([.. Multicodec.AddPrefix(0x1205, new byte[270])]), DidResolutionErrors.UnsupportedPublicKeyType, "Rsa");
        yield return Case(Z([.. Multicodec.AddPrefix(Multicodec.P384Pub, new byte[49])]), DidResolutionErrors.InvalidPublicKey, "P384ZeroPoint");
        yield return Case(Z([.. Multicodec.AddPrefix(Multicodec.P384Pub, [0x02, .. new byte[32]])]), DidResolutionErrors.InvalidPublicKeyLength, "P384With33Bytes");
        yield return Case(Z([.. Multicodec.AddPrefix(Multicodec.P521Pub, [0x02, .. new byte[48]])]), DidResolutionErrors.InvalidPublicKeyLength, "P521With49Bytes");
        yield return Case(Z([.. Multicodec.AddPrefix(Multicodec.P521Pub, [0x02, .. Enumerable.Repeat((byte)0xff, 66)])]), DidResolutionErrors.InvalidPublicKey, "P521XBeyondField");
        yield return Case(Z(edBody[..^1]), DidResolutionErrors.InvalidPublicKeyLength, "Ed25519Short");
        yield return Case(Z([.. edBody, 0]), DidResolutionErrors.InvalidPublicKeyLength, "Ed25519Long");
        yield return Case(Z([.. Multicodec.AddPrefix(Multicodec.Secp256k1Pub, [0x02, .. Enumerable.Repeat((byte)0xff, 32)])]), DidResolutionErrors.InvalidPublicKey, "Secp256k1OffCurve");
        yield return Case(Z([.. Multicodec.AddPrefix(Multicodec.P256Pub, [0x05, .. new byte[32]])]), DidResolutionErrors.InvalidPublicKey, "P256BadPrefix");

        // The Ed25519 identity point (y = 1) has no X25519 equivalent, so no keyAgreement key can be derived.
        yield return Case(Z([.. Multicodec.AddPrefix(Multicodec.Ed25519Pub, [0x01, .. new byte[31]])]), DidResolutionErrors.InvalidPublicKey, "Ed25519IdentityPoint");

        static TestCaseData Case(string did, string error, string name) => new TestCaseData(did, error).SetName("Resolve_Invalid_" + name);
    }

    [TestCaseSource(nameof(InvalidDids))]
    public void Resolve_InvalidDidKey_SpecError(string did, string error)
    {
        var result = new DidKeyResolver().Resolve(did);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(error));
        Assert.That(result.DidDocument, Is.Null);
    }

    [Test]
    public void Resolve_UncompressedP256_NotCanonicalInvalidDid()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var body = Multicodec.AddPrefix(Multicodec.P256Pub, key.PublicKey.ExportUncompressed());
        var did = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, body);
        var result = new DidKeyResolver().Resolve(did);
        Assert.That(result.DidResolutionMetadata.Error, Is.AnyOf(DidResolutionErrors.InvalidPublicKeyLength, DidResolutionErrors.InvalidDid));
    }

    [Test]
    public void Resolve_OtherMethod_MethodNotSupported()
    {
        Assert.That(new DidKeyResolver().Resolve("did:jwk:abc").DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.MethodNotSupported));
    }

    [Test]
    public void Resolve_VersionOption_InvalidOptions()
    {
        var result = new DidKeyResolver().Resolve(SpecEd25519, new DidResolutionOptions { VersionId = "1" });
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidOptions));
    }

    [TestCase("application/did+json", DidMediaTypes.DidJson)]
    [TestCase("application/did+ld+json", DidMediaTypes.DidLdJson)]
    [TestCase(null, DidMediaTypes.DidLdJson)]
    public void Resolve_Accept_ContentType(string? accept, string contentType)
    {
        var result = new DidKeyResolver().Resolve(SpecEd25519, new DidResolutionOptions { Accept = accept });
        Assert.That(result.DidResolutionMetadata.ContentType, Is.EqualTo(contentType));
    }

    [Test]
    public void Resolve_AcceptUnsupported_RepresentationNotSupported()
    {
        var result = new DidKeyResolver().Resolve(SpecEd25519, new DidResolutionOptions { Accept = "application/cbor" });
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.RepresentationNotSupported));
    }

    [Test]
    public void TryGetPublicKey_SpecDid_Key()
    {
        Assert.That(DidKey.TryGetPublicKey(SpecEd25519, out var key, out _, out _), Is.True);
        Assert.That(key!.KeyType, Is.EqualTo(KeyType.Ed25519));
        Assert.That(DidKey.TryGetPublicKey("did:jwk:x", out _, out var error, out _), Is.False);
        Assert.That(error, Is.EqualTo(DidResolutionErrors.InvalidDid));
    }

    [Test]
    public async Task Dereference_Fragment_VerificationMethod()
    {
        var dereferencer = new DidUrlDereferencer(new CompositeDidResolver(new DidKeyResolver()));
        var result = await dereferencer.DereferenceAsync(SpecEd25519 + "#z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p");
        Assert.That(result.VerificationMethod!.PublicKeyMultibase, Is.EqualTo("z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p"));
    }
}
