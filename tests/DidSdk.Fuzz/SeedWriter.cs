using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum;
using DidSdk.Ethereum.Abi;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.Fuzz;

/// <summary>
/// Writes the seed corpora: well-formed, correctly signed inputs (keys derived from fixed bytes, dates around
/// <see cref="FixedClock.SeedTime"/>) so that mutations start from inputs that reach the last checks, plus small
/// hand-made edge cases. Run once with <c>seeds DIR</c>; the output is committed under <c>corpus/</c>.
/// </summary>
internal static class SeedWriter
{
    public static async Task WriteAllAsync(string directory)
    {
        using var issuerKey = PrivateKey.Import(KeyType.Ed25519, Fixed(1), PrivateKeyExportPolicy.AllowPlaintextExport);
        using var holderKey = PrivateKey.Import(KeyType.Ed25519, Fixed(2), PrivateKeyExportPolicy.AllowPlaintextExport);
        using var k1Key = PrivateKey.Import(KeyType.Secp256k1, Fixed(3), PrivateKeyExportPolicy.AllowPlaintextExport);
        using var p256Key = PrivateKey.Import(KeyType.P256, Fixed(4), PrivateKeyExportPolicy.AllowPlaintextExport);
        var issuerDid = DidKey.Create(issuerKey.PublicKey);
        var issuer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var holderDid = DidKey.Create(holderKey.PublicKey);
        var holder = new KeySigner(holderKey, DidKey.GetVerificationMethodId(holderKey.PublicKey));
        var now = FixedClock.SeedTime;

        void Write(string target, string name, string text) => WriteBytes(target, name, Encoding.UTF8.GetBytes(text));
        void WriteBytes(string target, string name, byte[] data)
        {
            var folder = Path.Combine(directory, target);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), data);
        }

        // DIDs and DID URLs.
        var jwkDid = DidJwk.Create(k1Key.PublicKey);
        foreach (var (name, did) in new[] { ("key", issuerDid), ("jwk", jwkDid), ("ethr", "did:ethr:0x1:0xb9c5714089478a327f09197987f16f9e5d936e8a"), ("web", "did:web:bank-a.example%3A8443:issuers:kyc"), ("pct", "did:example:a%20b:c") })
        {
            Write("did", name, did);
        }

        Write("did-url", "fragment", DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        Write("did-url", "path-query", "did:web:bank-a.example:issuers/kyc/status?service=files&relativeRef=%2Flist%231&versionTime=2026-11-25T12:00:00Z#key-1");
        Write("did-url", "ethr-version", "did:ethr:sepolia:0xb9c5714089478a327f09197987f16f9e5d936e8a?versionId=12#controller");

        // DID documents: as resolved, and a hand-made one with every relationship form.
        var resolved = await new DidKeyResolver().ResolveAsync(issuerDid);
        Write("did-document", "did-key", resolved.DidDocument!.ToJson());
        Write("did-document", "did-jwk", DidJwk.CreateDocument(jwkDid, Jwk.FromPublicKey(k1Key.PublicKey)).ToJson());
        Write("did-document", "services", "{\"@context\":[\"https://www.w3.org/ns/did/v1\"],\"id\":\"did:example:1\",\"controller\":[\"did:example:2\"],\"alsoKnownAs\":[\"https://a.example\"],\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"JsonWebKey2020\",\"controller\":\"did:example:1\",\"publicKeyJwk\":" + Jwk.FromPublicKey(p256Key.PublicKey).ToJson() + "}],\"authentication\":[\"#k\",{\"id\":\"did:example:1#m\",\"type\":\"Multikey\",\"controller\":\"did:example:1\",\"publicKeyMultibase\":\"" + Multikey.Encode(holderKey.PublicKey) + "\"}],\"assertionMethod\":[\"did:example:1#k\"],\"service\":[{\"id\":\"#s\",\"type\":[\"LinkedDomains\"],\"serviceEndpoint\":{\"origins\":[\"https://a.example\"]}}]}");

        // Credentials: VC-JOSE, VC-JWT 1.1, Data Integrity, a presentation.
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
            ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
            ["issuer"] = issuerDid,
            ["validFrom"] = "2026-11-24T12:00:00Z",
            ["validUntil"] = "2027-11-24T12:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = holderDid, ["kyc_level"] = "enhanced", ["age"] = 42, ["tags"] = new JsonArray("a", 1, true, null) },
        };
        var jose = await VcJwt.IssueJoseAsync((JsonObject)credential.DeepClone(), issuer).ConfigureAwait(false);
        Write("vc-jose", "vc-jose", jose);
        var v11 = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = issuerDid,
            ["issuanceDate"] = "2026-11-24T12:00:00Z",
            ["expirationDate"] = "2027-11-24T12:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = holderDid, ["kyc_level"] = "enhanced" },
        };
        var jwt11 = await VcJwt.IssueJwt11Async(v11, issuer).ConfigureAwait(false);
        Write("vc-jose", "vc-jwt-11", jwt11);
        Write("jws-compact", "vc-jose", jose);
        Write("jws-compact", "es256k", Jws.SignCompact(new JsonObject { ["typ"] = "JWT", ["kid"] = jwkDid + "#0" }, "{\"iss\":\"x\",\"exp\":1800000000,\"nbf\":1700000000,\"aud\":[\"a\",\"b\"]}"u8, new KeySigner(k1Key, jwkDid + "#0")));
        Write("jws-compact", "es256", Jws.SignCompact(new JsonObject { ["typ"] = "JWT", ["cty"] = "vc" }, "{\"a\":[1,2,{\"b\":null}]}"u8, new KeySigner(p256Key)));
        var parts = jose.Split('.');
        Write("jws-json", "general", $"{{\"payload\":\"{parts[1]}\",\"signatures\":[{{\"protected\":\"{parts[0]}\",\"header\":{{\"kid\":\"k\"}},\"signature\":\"{parts[2]}\"}}]}}");
        Write("jws-json", "flattened", $"{{\"payload\":\"{parts[1]}\",\"protected\":\"{parts[0]}\",\"signature\":\"{parts[2]}\"}}");
        Write("jwt-claims", "full", "{\"iss\":\"did:example:1\",\"sub\":\"s\",\"aud\":[\"https://verifier.example\"],\"exp\":1795000000,\"nbf\":1764000000,\"iat\":1764072000,\"jti\":\"j\",\"nonce\":\"n\",\"cnf\":{\"jwk\":{}}}");
        Write("jwt-claims", "edge", "{\"aud\":\"https://verifier.example\",\"iat\":1e3,\"exp\":-0.5,\"nbf\":12345678901234567890}");

        var proofOptions = new DataIntegrityProofOptions { VerificationMethod = DidKey.GetVerificationMethodId(issuerKey.PublicKey), Created = now.AddHours(-1) };
        var secured = await DataIntegrity.AddProofAsync((JsonObject)credential.DeepClone(), issuer, proofOptions).ConfigureAwait(false);
        Write("data-integrity", "eddsa-jcs-2022", secured.ToJsonString());
        var chained = await DataIntegrity.AddProofAsync((JsonObject)secured.DeepClone(), issuer, new DataIntegrityProofOptions { VerificationMethod = issuer.KeyId!, Id = "urn:proof:2", Created = now.AddHours(-1), Expires = now.AddDays(1) }).ConfigureAwait(false);
        Write("data-integrity", "proof-set", chained.ToJsonString());
        Write("jcs", "credential", secured.ToJsonString());
        Write("jcs", "numbers", "{\"n\":[0,-0,1e21,1e-7,123456789012345678901234567890,5e-324,1.7976931348623157e308],\"\\u20ac\":\"\\ud83d\\ude00\",\"a\":{\"b\":[]}}");

        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = holderDid,
            ["verifiableCredential"] = new JsonArray(new JsonObject { ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"), ["id"] = "data:application/vc+jwt," + jose, ["type"] = "EnvelopedVerifiableCredential" }),
        };
        Write("vp", "vp-jose", await VcJwt.PresentJoseAsync(presentation, holder, SeedValues.Audience, SeedValues.Nonce).ConfigureAwait(false));
        Write("vp", "vp-jwt-11", await VcJwt.PresentJwt11Async(holderDid, [jwt11], holder, SeedValues.Audience, SeedValues.Nonce).ConfigureAwait(false));

        // VC-COSE: binary COSE_Sign1 messages (the first byte picks credential or presentation), and edge cases.
        var cose = await VcCose.IssueAsync((JsonObject)credential.DeepClone(), issuer).ConfigureAwait(false);
        WriteBytes("vc-cose", "vc-cose", [0, .. cose]);
        WriteBytes("vc-cose", "vc-cose-p256", [0, .. await VcCose.IssueAsync(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = DidKey.Create(p256Key.PublicKey),
            ["validFrom"] = "2026-11-24T12:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = holderDid },
        }, new KeySigner(p256Key, DidKey.GetVerificationMethodId(p256Key.PublicKey))).ConfigureAwait(false)]);
        var cosePresentation = (JsonObject)presentation.DeepClone();
        cosePresentation["verifiableCredential"] = new JsonArray(VcCose.EnvelopeCredential(cose));
        WriteBytes("vc-cose", "vp-cose", [1, .. await VcCose.PresentAsync(cosePresentation, holder, SeedValues.Audience, SeedValues.Nonce).ConfigureAwait(false)]);
        WriteBytes("vc-cose", "unprotected-nested", [0, 0x84, 0x43, 0xA1, 0x01, 0x27, 0xA1, 0x18, 0x63, 0x81, 0x81, 0xA1, 0x00, 0xD8, 0x18, 0x40, 0x42, 0x7B, 0x7D, 0x40]);

        // Bitstring Status List: the first byte picks the status size.
        var statusIssuer = new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1"));
        _ = statusIssuer.AllocateEntry();
        var listCredential = statusIssuer.ListCredential(issuerDid, now.AddDays(-1));
        WriteBytes("bitstring-status-list", "credential", [0, .. Encoding.UTF8.GetBytes(listCredential.ToJsonString())]);
        WriteBytes("bitstring-status-list", "encoded-list", [0, .. Encoding.UTF8.GetBytes(new BitstringStatusList(131072, 1).Encode())]);
        WriteBytes("bitstring-status-list", "encoded-list-2bit", [1, .. Encoding.UTF8.GetBytes(new BitstringStatusList(131072, 2).Encode())]);

        // SD-JWT VC with disclosures and key binding; Token Status List.
        var sdJwt = await new SdJwtVcIssuer(issuer, timeProvider: FixedClock.Instance).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = issuerDid,
            Vct = "https://kyc.consortium.example/credentials/kyc/v1",
            Claims = new JsonObject { ["given_name"] = "Erika", ["address"] = new JsonObject { ["street"] = "Heidestr. 17", ["country"] = "DE" }, ["nationalities"] = new JsonArray("DE", "AT") },
            Disclosable = ["/given_name", "/address/street", "/address", "/nationalities/1"],
            HolderPublicKey = holderKey.PublicKey,
            ExpiresAt = now.AddYears(1),
        }).ConfigureAwait(false);
        var presented = await SdJwtHolder.PresentAsync(sdJwt, ["/given_name", "/address/street", "/nationalities/1"], new KeyBindingRequest { HolderSigner = new KeySigner(holderKey), Audience = SeedValues.Audience, Nonce = SeedValues.Nonce, IssuedAt = now }).ConfigureAwait(false);
        Write("sd-jwt", "presentation-kb", presented.ToCompact());
        Write("sd-jwt", "issued", sdJwt.ToCompact());

        var tokenList = new TokenStatusList(2, 64);
        tokenList.Set(3, 1);
        Write("token-status-list", "status-list", tokenList.ToJson().ToJsonString());
        Write("token-status-list", "status-claim", "{\"status_list\":{\"idx\":3,\"uri\":\"https://bank-a.example/status/1\"}}");
        WriteBytes("token-status-list", "lst", [1, .. Encoding.UTF8.GetBytes(tokenList.Encode())]);

        // Multibase / Multikey, JWK.
        Write("multikey", "ed25519", Multikey.Encode(issuerKey.PublicKey));
        Write("multikey", "secp256k1", Multikey.Encode(k1Key.PublicKey));
        Write("multikey", "p256", Multikey.Encode(p256Key.PublicKey));
        Write("multikey", "ed25519-private", Multikey.EncodePrivate(holderKey));
        Write("multikey", "base64url", Multibase.Encode(MultibaseEncoding.Base64Url, Fixed(9)));
        Write("jwk", "ed25519", Jwk.FromPublicKey(issuerKey.PublicKey).ToJson());
        Write("jwk", "secp256k1", Jwk.FromPublicKey(k1Key.PublicKey).ToJson());
        Write("jwk", "p256", Jwk.FromPublicKey(p256Key.PublicKey).ToJson());
        Write("jwk", "ed25519-private", Jwk.FromPrivateKey(holderKey).ToJson());

        // JSON-RPC replies ("ID" becomes the request id), ABI data, RLP.
        var log = "{\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"topics\":[\"0x" + new string('1', 64) + "\",\"0x000000000000000000000000b9c5714089478a327f09197987f16f9e5d936e8a\"],\"data\":\"0x" + Convert.ToHexStringLower(AbiCodec.Encode([AbiValue.FixedBytes(Fixed(5)), AbiValue.Bytes(Fixed(6)), AbiValue.Uint(1_800_000_000), AbiValue.Uint(7)])) + "\",\"blockNumber\":\"0x10\",\"transactionHash\":\"0x" + new string('a', 64) + "\",\"logIndex\":\"0x0\",\"removed\":false}";
        Write("json-rpc", "logs", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + log + "," + log.Replace("\"0x0\"", "\"0x1\"", StringComparison.Ordinal) + "]}");
        Write("json-rpc", "block", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{\"number\":\"0x10\",\"hash\":\"0x" + new string('b', 64) + "\",\"timestamp\":\"0x6925a000\",\"baseFeePerGas\":\"0x7\"}}");
        Write("json-rpc", "error", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"error\":{\"code\":-32005,\"message\":\"query returned more than 10000 results\",\"data\":{\"from\":\"0x1\"}}}");
        Write("json-rpc", "batch", "[{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":\"0x01\"}]");
        WriteBytes("abi", "attribute-changed", [2, .. AbiCodec.Encode([AbiValue.FixedBytes(Fixed(5)), AbiValue.Bytes(Fixed(6)), AbiValue.Uint(1_800_000_000), AbiValue.Uint(7)])]);
        WriteBytes("abi", "string", [5, .. AbiCodec.Encode([AbiValue.String("did/pub/Ed25519/veriKey/base64")])]);
        WriteBytes("abi", "nested", [7, .. AbiCodec.Encode([AbiValue.FixedArray(AbiType.ArrayOf(AbiType.Uint256), [AbiValue.Array(AbiType.Uint256, [AbiValue.Uint(1)]), AbiValue.Array(AbiType.Uint256, [])]), AbiValue.Bool(true), AbiValue.Int(-3)])]);
        WriteBytes("rlp", "list", Rlp.EncodeList(Rlp.EncodeBytes([1]), Rlp.EncodeBytes(Fixed(7)), Rlp.EncodeList(Rlp.EncodeBytes([]), Rlp.EncodeBytes(new byte[60]))));
        WriteBytes("rlp", "typed-1559", [2, .. Rlp.EncodeList(Rlp.EncodeBytes([1]), Rlp.EncodeBytes([]), Rlp.EncodeBytes([1]), Rlp.EncodeBytes([2]), Rlp.EncodeBytes([0x52, 0x08]), Rlp.EncodeBytes(new byte[20]), Rlp.EncodeBytes([]), Rlp.EncodeBytes([]), Rlp.EncodeList(), Rlp.EncodeBytes([1]), Rlp.EncodeBytes(Fixed(8)), Rlp.EncodeBytes(Fixed(9)))]);
    }

    private static byte[] Fixed(byte value)
    {
        var bytes = new byte[32];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(value + (i * 7));
        }

        return bytes;
    }
}
