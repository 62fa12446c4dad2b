using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using VcApi;

namespace DidSdk.Samples.Tests;

/// <summary>The VC-API sample over Kestrel on loopback: issue → verify for each format, tampering, presentations, HTTPS.</summary>
[Category("Integration")]
public sealed class VcApiServerTests
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _issuer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        (_app, _http) = await StartServerAsync(["--urls", "http://127.0.0.1:0", "--allow-loopback-http"]);
        _issuer = (await _http.GetFromJsonAsync<JsonObject>("/"))!["issuer"]!.GetValue<string>();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<(WebApplication App, HttpClient Http)> StartServerAsync(string[] args, HttpMessageHandler? handler = null)
    {
        var app = await VcApiApp.BuildAsync(args);
        await app.StartAsync();
        var http = new HttpClient(handler ?? new HttpClientHandler()) { BaseAddress = new Uri(app.Urls.First()) };
        return (app, http);
    }

    private JsonObject Credential() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"),
        ["type"] = new JsonArray("VerifiableCredential", "ExampleKycCredential"),
        ["issuer"] = _issuer,
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["name"] = "Alice", ["kycLevel"] = "enhanced" },
    };

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient http, string path, JsonObject body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private async Task<JsonNode> IssueAsync(string format, HttpClient? http = null)
    {
        var (status, body) = await PostAsync(http ?? _http, "/credentials/issue", new JsonObject { ["credential"] = Credential(), ["options"] = new JsonObject { ["format"] = format } });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["verifiableCredential"]!;
    }

    private static IEnumerable<string> Codes(JsonObject body) => body["problemDetails"]!.AsArray().Select(p => p!["code"]!.GetValue<string>());

    [TestCase("di", TestName = "IssueThenVerify_DataIntegrityEddsaRdfc2022_Verified")]
    [TestCase("vc+jwt", TestName = "IssueThenVerify_VcJose_Verified")]
    [TestCase("vc+sd-jwt", TestName = "IssueThenVerify_VcSdJwt_Verified")]
    public async Task IssueThenVerify_Format_Verified(string format)
    {
        var vc = await IssueAsync(format);

        var (status, body) = await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = vc.DeepClone() });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["verified"]!.GetValue<bool>(), Is.True);
        if (format == "di")
        {
            Assert.That(vc["proof"]!["cryptosuite"]!.GetValue<string>(), Is.EqualTo("eddsa-rdfc-2022"));
        }
        else
        {
            Assert.That(vc["type"]!.GetValue<string>(), Is.EqualTo("EnvelopedVerifiableCredential"));
            Assert.That(vc["id"]!.GetValue<string>(), Does.StartWith($"data:application/{format},"));

            // VC DM 2.0 §4.3: @context is an ordered set (a JSON array) whose first item is the v2 context.
            Assert.That(vc["@context"], Is.InstanceOf<JsonArray>());
            Assert.That(vc["@context"]![0]!.GetValue<string>(), Is.EqualTo("https://www.w3.org/ns/credentials/v2"));
        }
    }

    [Test]
    public async Task Verify_TamperedDataIntegrityCredential_400WithSignatureProblem()
    {
        var vc = (await IssueAsync("di")).AsObject();
        vc["credentialSubject"]!["kycLevel"] = "basic";

        var (status, body) = await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = vc.DeepClone() });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["verified"]!.GetValue<bool>(), Is.False);
        Assert.That(Codes(body), Does.Contain("DIDSDK3103"));
    }

    [Test]
    public async Task Verify_CredentialAsJsonString_400()
    {
        var vc = await IssueAsync("di");

        var (status, _) = await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = vc.ToJsonString() });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Verify_TamperedVcJose_400()
    {
        var vc = (await IssueAsync("vc+jwt")).AsObject();
        var id = vc["id"]!.GetValue<string>();
        vc["id"] = id[..^4] + (id[^4] == 'A' ? 'B' : 'A') + id[^3..];

        var (status, body) = await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = vc.DeepClone() });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["problemDetails"]!.AsArray(), Is.Not.Empty);
    }

    [Test]
    public async Task Issue_OtherIssuerOrInvalidCredential_400()
    {
        var other = Credential();
        other["issuer"] = "did:example:someone-else";
        var invalid = Credential();
        invalid.Remove("credentialSubject");

        Assert.That((await PostAsync(_http, "/credentials/issue", new JsonObject { ["credential"] = other })).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await PostAsync(_http, "/credentials/issue", new JsonObject { ["credential"] = invalid })).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        using var garbage = await _http.PostAsync("/credentials/issue", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(garbage.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task ProveThenVerifyPresentation_ChallengeAndDomainChecked()
    {
        var vc = await IssueAsync("di");
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(vc.DeepClone()),
        };
        var (proveStatus, proved) = await PostAsync(_http, "/presentations/prove", new JsonObject
        {
            ["presentation"] = presentation,
            ["options"] = new JsonObject { ["challenge"] = "c-1", ["domain"] = "https://verifier.example" },
        });
        Assert.That(proveStatus, Is.EqualTo(HttpStatusCode.Created), proved.ToJsonString());
        var vp = proved["verifiablePresentation"]!;

        var ok = await PostAsync(_http, "/presentations/verify", new JsonObject { ["verifiablePresentation"] = vp.DeepClone(), ["options"] = new JsonObject { ["challenge"] = "c-1", ["domain"] = "https://verifier.example" } });
        var replay = await PostAsync(_http, "/presentations/verify", new JsonObject { ["verifiablePresentation"] = vp.DeepClone(), ["options"] = new JsonObject { ["challenge"] = "c-2", ["domain"] = "https://verifier.example" } });

        Assert.That(ok.Status, Is.EqualTo(HttpStatusCode.OK), ok.Body.ToJsonString());
        Assert.That(replay.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Codes(replay.Body), Does.Contain("DIDSDK3109"));
    }

    [Test]
    public async Task VerifyPresentation_UnsignedWithTamperedCredential_400()
    {
        var vc = (await IssueAsync("di")).AsObject();
        var unsigned = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(vc.DeepClone()),
        };
        var ok = await PostAsync(_http, "/presentations/verify", new JsonObject { ["verifiablePresentation"] = unsigned.DeepClone() });
        vc["credentialSubject"]!["name"] = "Mallory";
        unsigned["verifiableCredential"] = new JsonArray(vc.DeepClone());
        var tampered = await PostAsync(_http, "/presentations/verify", new JsonObject { ["verifiablePresentation"] = unsigned });

        Assert.That(ok.Status, Is.EqualTo(HttpStatusCode.OK), ok.Body.ToJsonString());
        Assert.That(tampered.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Codes(tampered.Body), Does.Contain("DIDSDK3113"));
    }

    [Test]
    public async Task Derive_VcSdJwt_OnlySelectedClaimsVerify()
    {
        var vc = await IssueAsync("vc+sd-jwt");

        var (status, derived) = await PostAsync(_http, "/credentials/derive", new JsonObject
        {
            ["verifiableCredential"] = vc.DeepClone(),
            ["options"] = new JsonObject { ["selectivePointers"] = new JsonArray("/credentialSubject/kycLevel") },
        });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), derived.ToJsonString());
        var token = derived["verifiableCredential"]!["id"]!.GetValue<string>().Split(',', 2)[1];
        Assert.That(token.Split('~', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
        var verified = await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = derived["verifiableCredential"]!.DeepClone() });
        Assert.That(verified.Status, Is.EqualTo(HttpStatusCode.OK), verified.Body.ToJsonString());
        Assert.That((await PostAsync(_http, "/credentials/derive", new JsonObject { ["verifiableCredential"] = (await IssueAsync("di")).DeepClone() })).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task EddsaJcs2022Server_IssueThenVerify_Verified()
    {
        var (app, http) = await StartServerAsync(["--urls", "http://127.0.0.1:0", "--allow-loopback-http", "--cryptosuite", "eddsa-jcs-2022"]);
        try
        {
            var issuer = (await http.GetFromJsonAsync<JsonObject>("/"))!["issuer"]!.GetValue<string>();
            var credential = Credential();
            credential["issuer"] = issuer;
            var (status, issued) = await PostAsync(http, "/credentials/issue", new JsonObject { ["credential"] = credential });
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(issued["verifiableCredential"]!["proof"]!["cryptosuite"]!.GetValue<string>(), Is.EqualTo("eddsa-jcs-2022"));
            Assert.That((await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = issued["verifiableCredential"]!.DeepClone() })).Status, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [TestCase("ecdsa-rdfc-2019", "P-256", "zDna", TestName = "EcdsaServer_IssueThenVerify_EcdsaRdfc2019P256_Verified")]
    [TestCase("ecdsa-rdfc-2019", "P-384", "z82L", TestName = "EcdsaServer_IssueThenVerify_EcdsaRdfc2019P384_Verified")]
    [TestCase("ecdsa-jcs-2019", "P-256", "zDna", TestName = "EcdsaServer_IssueThenVerify_EcdsaJcs2019P256_Verified")]
    [TestCase("ecdsa-jcs-2019", "P-384", "z82L", TestName = "EcdsaServer_IssueThenVerify_EcdsaJcs2019P384_Verified")]
    public async Task EcdsaServer_IssueThenVerify_Verified(string cryptosuite, string keyType, string didKeyPrefix)
    {
        var (app, http) = await StartServerAsync(["--urls", "http://127.0.0.1:0", "--allow-loopback-http", "--cryptosuite", cryptosuite, "--issuer-key-type", keyType]);
        try
        {
            var issuer = (await http.GetFromJsonAsync<JsonObject>("/"))!["issuer"]!.GetValue<string>();
            Assert.That(issuer, Does.StartWith("did:key:" + didKeyPrefix));
            var credential = Credential();
            credential["issuer"] = issuer;
            var (status, issued) = await PostAsync(http, "/credentials/issue", new JsonObject { ["credential"] = credential });
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), issued.ToJsonString());
            var vc = issued["verifiableCredential"]!.AsObject();
            Assert.That(vc["proof"]!["cryptosuite"]!.GetValue<string>(), Is.EqualTo(cryptosuite));

            // Verified by another server (the default eddsa one): verification follows the proof, not the server's suite.
            Assert.That((await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = vc.DeepClone() })).Status, Is.EqualTo(HttpStatusCode.OK));
            vc["credentialSubject"]!["kycLevel"] = "basic";
            var (tamperedStatus, tampered) = await PostAsync(_http, "/credentials/verify", new JsonObject { ["verifiableCredential"] = vc.DeepClone() });
            Assert.That(tamperedStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(Codes(tampered), Does.Contain("DIDSDK3103"));
        }
        finally
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [TestCase("ecdsa-rdfc-2019", "Ed25519", TestName = "Build_EcdsaCryptosuiteWithEd25519Key_Refused")]
    [TestCase("eddsa-rdfc-2022", "P-256", TestName = "Build_EddsaCryptosuiteWithP256Key_Refused")]
    [TestCase("ecdsa-jcs-2019", "secp256k1", TestName = "Build_UnknownIssuerKeyType_Refused")]
    public void Build_CryptosuiteAndKeyTypeMismatch_Refused(string cryptosuite, string keyType) =>
        Assert.ThrowsAsync<InvalidOperationException>(() => VcApiApp.BuildAsync(["--urls", "http://127.0.0.1:0", "--allow-loopback-http", "--cryptosuite", cryptosuite, "--issuer-key-type", keyType]));

    [Test]
    public async Task Https_ConfiguredCertificate_Served()
    {
        var dir = Directory.CreateTempSubdirectory("vcapi-cert-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            var pfx = Path.Combine(dir.FullName, "server.pfx");
            var passwordFile = Path.Combine(dir.FullName, "password");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
            await File.WriteAllTextAsync(passwordFile, "test-password");
            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint };

            var (app, http) = await StartServerAsync(["--urls", "https://127.0.0.1:0", "--certificate", pfx, "--certificate-password-file", passwordFile], handler);
            try
            {
                Assert.That(http.BaseAddress!.Scheme, Is.EqualTo("https"));
                Assert.That((await http.GetFromJsonAsync<JsonObject>("/"))!["issuer"], Is.Not.Null);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestCase("http://127.0.0.1:5000", false, TestName = "CheckUrls_LoopbackHttpWithoutOption_Refused")]
    [TestCase("http://192.0.2.10:5000", true, TestName = "CheckUrls_NonLoopbackHttp_Refused")]
    [TestCase("http://0.0.0.0:5000", true, TestName = "CheckUrls_AnyAddressHttp_Refused")]
    public void CheckUrls_PlainHttp_Refused(string url, bool allowLoopbackHttp)
    {
        Assert.Throws<InvalidOperationException>(() => VcApiApp.CheckUrls(url, allowLoopbackHttp));
    }

    [Test]
    public void CheckUrls_HttpsOrLoopbackWithOption_Accepted()
    {
        Assert.DoesNotThrow(() => VcApiApp.CheckUrls("https://0.0.0.0:443;http://127.0.0.1:5000;http://[::1]:5001;http://localhost:5002", allowLoopbackHttp: true));
    }
}
