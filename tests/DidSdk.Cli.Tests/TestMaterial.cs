using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.Cli.Tests;

/// <summary>
/// Keys, DIDs, credentials and files for the CLI tests, made in-process with the library so each test starts only the
/// process it is about. Files are written pretty-printed (many lines) where they hold JSON, tokens with a trailing
/// newline, as a user's editor would leave them.
/// </summary>
internal sealed class TestMaterial : IDisposable
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    private TestMaterial(string directory)
    {
        Directory = directory;
        IssuerKey = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        HolderKey = PrivateKey.Generate(KeyType.P256, PrivateKeyExportPolicy.AllowPlaintextExport);
        OtherKey = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        IssuerDid = DidKey.Create(IssuerKey.PublicKey);
        IssuerKid = DidKey.GetVerificationMethodId(IssuerKey.PublicKey);
        HolderDid = DidKey.Create(HolderKey.PublicKey);
        HolderKid = DidKey.GetVerificationMethodId(HolderKey.PublicKey);
    }

    public string Directory { get; }

    public PrivateKey IssuerKey { get; }

    public PrivateKey HolderKey { get; }

    /// <summary>A key that belongs to nobody's DID.</summary>
    public PrivateKey OtherKey { get; }

    public string IssuerDid { get; }

    public string IssuerKid { get; }

    public string HolderDid { get; }

    public string HolderKid { get; }

    /// <summary>A claim value no output may ever show unless the credential verified.</summary>
    public const string Canary = "canary-7f3a-personal-data";

    public static TestMaterial Create(string name) => new(System.IO.Directory.CreateTempSubdirectory(name).FullName);

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Writes <paramref name="contents"/> to a file in the test directory and returns its path.</summary>
    public string Write(string name, string contents)
    {
        var path = PathOf(name);
        File.WriteAllText(path, contents);
        return path;
    }

    public string Write(string name, byte[] contents)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    public string WriteJson(string name, JsonNode json) => Write(name, json.ToJsonString(Pretty) + "\n");

    public string WritePrivateJwk(string name, PrivateKey key) => WriteJson(name, JsonNode.Parse(Jwk.FromPrivateKey(key).ToJson())!);

    public string WritePublicJwk(string name, PrivateKey key) => WriteJson(name, JsonNode.Parse(Jwk.FromPublicKey(key.PublicKey).ToJson())!);

    /// <summary>A VC 2.0 credential issued by <see cref="IssuerDid"/> to <see cref="HolderDid"/>.</summary>
    public JsonObject Credential() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = IssuerDid,
        ["credentialSubject"] = new JsonObject { ["id"] = HolderDid, ["kyc_level"] = "enhanced", ["note"] = Canary },
    };

    /// <summary>The SD-JWT VC claims object the CLI's <c>vc issue --format sd-jwt</c> takes.</summary>
    public JsonObject SdJwtClaims(string? issuer = null) => new()
    {
        ["iss"] = issuer ?? IssuerDid,
        ["vct"] = "https://kyc.consortium.example/credentials/kyc/v1",
        ["given_name"] = "Ji-woo",
        ["age_over_18"] = true,
        ["note"] = Canary,
    };

    public ValueTask<string> IssueJoseAsync() => VcJwt.IssueJoseAsync(Credential(), new KeySigner(IssuerKey, IssuerKid));

    public Task<JsonObject> IssueDataIntegrityAsync() =>
        DataIntegrity.AddProofAsync(Credential(), new KeySigner(IssuerKey, IssuerKid), new DataIntegrityProofOptions { VerificationMethod = IssuerKid, Created = DateTimeOffset.UtcNow.AddMinutes(-1) });

    /// <summary>An SD-JWT VC bound to <see cref="HolderKey"/>, signed by <paramref name="signer"/> (the issuer's key by default).</summary>
    public async Task<string> IssueSdJwtAsync(string? issuer = null, PrivateKey? signer = null, string? kid = null, bool holderBinding = true)
    {
        var claims = SdJwtClaims(issuer);
        var token = await new SdJwtVcIssuer(new KeySigner(signer ?? IssuerKey, kid ?? IssuerKid)).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = claims["iss"]!.GetValue<string>(),
            Vct = claims["vct"]!.GetValue<string>(),
            Claims = new JsonObject { ["given_name"] = "Ji-woo", ["age_over_18"] = true, ["note"] = Canary },
            Disclosable = ["/given_name", "/age_over_18"],
            HolderPublicKey = holderBinding ? HolderKey.PublicKey : null,
        });
        return token.ToCompact();
    }

    public ValueTask<string> PresentJwt11Async(string credential, string audience, string nonce) =>
        VcJwt.PresentJwt11Async(HolderDid, [credential], new KeySigner(HolderKey, HolderKid), audience, nonce);

    public ValueTask<string> PresentJoseAsync(string credential, string audience, string nonce) =>
        VcJwt.PresentJoseAsync(
            new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["holder"] = HolderDid,
                ["verifiableCredential"] = new JsonArray(new JsonObject
                {
                    ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                    ["id"] = "data:application/vc+jwt," + credential,
                    ["type"] = "EnvelopedVerifiableCredential",
                }),
            },
            new KeySigner(HolderKey, HolderKid),
            audience,
            nonce);

    /// <summary>An empty Bitstring Status List credential of the issuer, as VC-JOSE.</summary>
    public ValueTask<string> StatusListAsync() =>
        VcJwt.IssueJoseAsync(new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1")).ListCredential(IssuerDid, DateTimeOffset.UtcNow.AddMinutes(-1)), new KeySigner(IssuerKey, IssuerKid));

    /// <summary>A JWS over any bytes, properly signed by the issuer (so only its payload is wrong).</summary>
    public string SignedJws(byte[] payload, string typ = "vc+jwt") =>
        Jws.SignCompact(new JsonObject { ["typ"] = typ }, payload, new KeySigner(IssuerKey, IssuerKid));

    public string SignedJws(string payload, string typ = "vc+jwt") => SignedJws(Encoding.UTF8.GetBytes(payload), typ);

    public void Dispose()
    {
        IssuerKey.Dispose();
        HolderKey.Dispose();
        OtherKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
