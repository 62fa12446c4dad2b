using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>
/// What the hostile-input suites share: an issuer, an attacker, a verifier on a fixed clock, and helpers to sign any
/// bytes (the attacker controls the payload, not the issuer's key). Each suite is organised by category: size and
/// depth, types, time claims, claim contradictions, algorithm confusion, key substitution, encoding.
/// </summary>
public abstract class HostileInputFixture
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected PrivateKey IssuerKey { get; private set; } = null!;

    protected PrivateKey AttackerKey { get; private set; } = null!;

    protected string IssuerDid { get; private set; } = null!;

    protected string AttackerDid { get; private set; } = null!;

    protected KeySigner Issuer { get; private set; } = null!;

    protected KeySigner Attacker { get; private set; } = null!;

    [SetUp]
    public void SetUpKeys()
    {
        IssuerKey = PrivateKey.Generate(KeyType.Ed25519);
        AttackerKey = PrivateKey.Generate(KeyType.Ed25519);
        IssuerDid = DidKey.Create(IssuerKey.PublicKey);
        AttackerDid = DidKey.Create(AttackerKey.PublicKey);
        Issuer = new KeySigner(IssuerKey, DidKey.GetVerificationMethodId(IssuerKey.PublicKey));
        Attacker = new KeySigner(AttackerKey, DidKey.GetVerificationMethodId(AttackerKey.PublicKey));
    }

    [TearDown]
    public void TearDownKeys()
    {
        IssuerKey.Dispose();
        AttackerKey.Dispose();
    }

    protected static CredentialVerifier Verifier(IReadOnlyDictionary<string, PublicKeyMaterial>? issuerKeys = null, ITrustPolicy? trust = null, IStatusListCredentialFetcher? statusLists = null) => new(
        new CompositeDidResolver(new DidKeyResolver()),
        new CredentialVerifierOptions(),
        new FakeTimeProvider(Now),
        trust,
        statusLists,
        issuerKeys: issuerKeys);

    protected static string Xsd(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    protected static long Unix(DateTimeOffset time) => time.ToUnixTimeSeconds();

    protected JsonObject Credential(string? issuer = null) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["id"] = "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
        ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
        ["issuer"] = issuer ?? IssuerDid,
        ["validFrom"] = Xsd(Now.AddDays(-1)),
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
    };

    protected JsonObject Credential11(string? issuer = null) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = issuer ?? IssuerDid,
        ["issuanceDate"] = Xsd(Now.AddDays(-1)),
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
    };

    /// <summary>Signs <paramref name="payload"/> exactly as given (it need not be JSON).</summary>
    protected static Task<string> SignAsync(string payload, ISigner signer, string typ = "vc+jwt") =>
        Jws.SignCompactAsync(new JsonObject { ["typ"] = typ }, Encoding.UTF8.GetBytes(payload), signer).AsTask();

    /// <summary>A VC-JOSE payload: the credential with extra JWT claims spliced in as raw JSON text (so any number survives).</summary>
    protected static string WithClaims(JsonObject credential, params (string Name, string RawJson)[] claims)
    {
        var json = credential.ToJsonString();
        var extra = string.Concat(claims.Select(c => $",\"{c.Name}\":{c.RawJson}"));
        return json[..^1] + extra + "}";
    }

    protected static void AssertProblem(CredentialVerificationResult result, string code)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Has.Some.Matches<Problem>(p => p.Code == code), string.Join("; ", result.Problems));
    }
}
