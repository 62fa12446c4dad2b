using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DidSdk.Core.Dids;
using DidSdk.Crypto;
using DidSdk.Ethereum.Registry;

namespace DidSdk.Ethereum.Ethr;

/// <summary>The document built from a DID's events, and its version bookkeeping.</summary>
internal sealed record EthrDidDocumentState(DidDocument Document, bool Deactivated, ulong VersionId, ulong? NextVersionId);

/// <summary>
/// Builds a did:ethr document from the registry's events (did:ethr method specification, "Read"): the
/// <c>#controller</c> recovery method for the current owner, <c>#controllerKey</c> for key-based DIDs while the owner is
/// unchanged, <c>veriKey</c>/<c>sigAuth</c> delegates and <c>did/pub/…</c> attributes as <c>#delegate-N</c>, and
/// <c>did/svc/…</c> attributes as <c>#service-N</c>, where N counts every delegate or key event (also expired and revoked
/// ones) so ids stay stable across versions. An owner change to the zero address deactivates the DID.
/// </summary>
internal static partial class EthrDidDocumentBuilder
{
    public static readonly string[] JsonLdContext =
    [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/suites/secp256k1recovery-2020/v2",
        "https://w3id.org/security/v3-unstable",
    ];

    private static readonly Dictionary<string, string> LegacyPurpose = new(StringComparer.Ordinal)
    {
        ["sigAuth"] = "SignatureAuthentication2018",
        ["veriKey"] = "VerificationKey2018",
        ["enc"] = "KeyAgreementKey2019",
    };

    private static readonly Dictionary<string, string> LegacyTypes = new(StringComparer.Ordinal)
    {
        ["Secp256k1VerificationKey2018"] = VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019,
        ["Ed25519SignatureAuthentication2018"] = VerificationMethodTypes.Ed25519VerificationKey2018,
        ["Secp256k1SignatureAuthentication2018"] = VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019,
        ["RSAVerificationKey2018"] = "RSAVerificationKey2018",
        ["Ed25519VerificationKey2018"] = VerificationMethodTypes.Ed25519VerificationKey2018,
        ["X25519KeyAgreementKey2019"] = VerificationMethodTypes.X25519KeyAgreementKey2019,
    };

    public static EthrDidDocumentState Build(string did, EthrDid parsed, ulong chainId, IReadOnlyList<Erc1056Event> history, BigInteger now, ulong? atBlock, bool jsonLd)
    {
        var controller = parsed.Address;
        ulong versionId = 0;
        ulong? nextVersionId = null;
        var deactivated = false;
        var delegateCount = 0;
        var serviceCount = 0;
        var methods = new OrderedDictionary<string, VerificationMethod>(StringComparer.Ordinal);
        var auth = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var signing = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var agreement = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var services = new OrderedDictionary<string, Service>(StringComparer.Ordinal);

        foreach (var e in history)
        {
            if (atBlock is { } target && e.BlockNumber > target)
            {
                nextVersionId = nextVersionId is { } n && n < e.BlockNumber ? n : e.BlockNumber;
                continue;
            }

            versionId = Math.Max(versionId, e.BlockNumber);
            var validTo = e switch { DidDelegateChanged d => d.ValidTo, DidAttributeChanged a => a.ValidTo, _ => BigInteger.Zero };
            var key = e switch
            {
                DidDelegateChanged d => $"DIDDelegateChanged-{d.DelegateType}-{d.Delegate.ToLowerHexString()}",
                DidAttributeChanged a => $"DIDAttributeChanged-{a.Name}-{Hex.FormatData(a.Value)}",
                _ => string.Empty,
            };

            if (e is DidOwnerChanged owner)
            {
                controller = owner.Owner;
                if (owner.Owner.Bytes.IndexOfAnyExcept((byte)0) < 0)
                {
                    deactivated = true;
                    break;
                }

                continue;
            }

            // Valid while validTo is after the block time, as the contract's validDelegate (validity > block.timestamp)
            // decides; a revocation sets validTo to the revoking block's own time, so it is never valid in that block.
            if (validTo > now)
            {
                if (e is DidDelegateChanged d)
                {
                    delegateCount++;
                    var id = $"{did}#delegate-{delegateCount}";
                    if (d.DelegateType is "sigAuth" or "veriKey")
                    {
                        methods[key] = new VerificationMethod
                        {
                            Id = id,
                            Type = VerificationMethodTypes.EcdsaSecp256k1RecoveryMethod2020,
                            Controller = did,
                            BlockchainAccountId = $"eip155:{chainId.ToString(CultureInfo.InvariantCulture)}:{d.Delegate}",
                        };
                        signing[key] = id;
                        if (d.DelegateType == "sigAuth")
                        {
                            auth[key] = id;
                        }
                    }
                }
                else if (e is DidAttributeChanged a && AttributeName().Match(a.Name) is { Success: true } match)
                {
                    var section = match.Groups[1].Value;
                    var algorithm = match.Groups[2].Value;
                    var purpose = match.Groups[4].Success ? match.Groups[4].Value : null;
                    var encoding = match.Groups[6].Success ? match.Groups[6].Value : null;
                    if (section == "pub")
                    {
                        delegateCount++;
                        var id = $"{did}#delegate-{delegateCount}";
                        var typeName = algorithm + (purpose is null ? string.Empty : LegacyPurpose.GetValueOrDefault(purpose, purpose));
                        var method = PublicKeyMethod(id, did, LegacyTypes.GetValueOrDefault(typeName, algorithm), encoding, a.Value);
                        if (method is not null)
                        {
                            methods[key] = method;
                            switch (purpose)
                            {
                                case "sigAuth":
                                    auth[key] = id;
                                    signing[key] = id;
                                    break;
                                case "enc":
                                    agreement[key] = id;
                                    break;
                                default:
                                    signing[key] = id;
                                    break;
                            }
                        }
                    }
                    else
                    {
                        serviceCount++;
                        if (TryUtf8(a.Value) is { } text)
                        {
                            services[key] = new Service
                            {
                                Id = $"{did}#service-{serviceCount}",
                                Type = [algorithm],
                                ServiceEndpoint = Endpoint(text),
                            };
                        }
                    }
                }
            }
            else
            {
                if (e is DidDelegateChanged || (e is DidAttributeChanged pub && pub.Name.StartsWith("did/pub/", StringComparison.Ordinal)))
                {
                    delegateCount++;
                }
                else if (e is DidAttributeChanged svc && svc.Name.StartsWith("did/svc/", StringComparison.Ordinal))
                {
                    serviceCount++;
                }

                methods.Remove(key);
                auth.Remove(key);
                signing.Remove(key);
                agreement.Remove(key);
                services.Remove(key);
            }
        }

        var context = jsonLd ? JsonLdContext : [];
        if (deactivated)
        {
            return new EthrDidDocumentState(new DidDocument { Context = context, Id = did }, true, versionId, nextVersionId);
        }

        var verificationMethods = new List<VerificationMethod>
        {
            new()
            {
                Id = did + "#controller",
                Type = VerificationMethodTypes.EcdsaSecp256k1RecoveryMethod2020,
                Controller = did,
                BlockchainAccountId = $"eip155:{chainId.ToString(CultureInfo.InvariantCulture)}:{controller}",
            },
        };
        var authentication = new List<VerificationMethodReference> { did + "#controller" };
        var assertion = new List<VerificationMethodReference> { did + "#controller" };
        if (parsed.PublicKey is { } controllerKey && controller == parsed.Address)
        {
            verificationMethods.Add(new VerificationMethod
            {
                Id = did + "#controllerKey",
                Type = VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019,
                Controller = did,
                PublicKeyHex = Convert.ToHexStringLower(controllerKey.Bytes),
            });
            authentication.Add(did + "#controllerKey");
            assertion.Add(did + "#controllerKey");
        }

        verificationMethods.AddRange(methods.Values);
        authentication.AddRange(auth.Values.Select(v => (VerificationMethodReference)v));
        assertion.AddRange(signing.Values.Select(v => (VerificationMethodReference)v));
        var document = new DidDocument
        {
            Context = context,
            Id = did,
            VerificationMethod = verificationMethods,
            Authentication = authentication,
            AssertionMethod = assertion,
            KeyAgreement = [.. agreement.Values.Select(v => (VerificationMethodReference)v)],
            Service = [.. services.Values],
        };
        return new EthrDidDocumentState(document, false, versionId, nextVersionId);
    }

    private static VerificationMethod? PublicKeyMethod(string id, string did, string type, string? encoding, byte[] value)
    {
        switch (encoding)
        {
            case null or "hex":
                return new VerificationMethod { Id = id, Type = type, Controller = did, PublicKeyHex = Convert.ToHexStringLower(value) };
            case "base58":
                return new VerificationMethod { Id = id, Type = type, Controller = did, PublicKeyBase58 = Multibase.Encode(MultibaseEncoding.Base58Btc, value)[1..] };
            case "base64":
                return new VerificationMethod { Id = id, Type = type, Controller = did, AdditionalProperties = One("publicKeyBase64", Convert.ToBase64String(value)) };
            case "pem":
                return TryUtf8(value) is { } pem ? new VerificationMethod { Id = id, Type = type, Controller = did, AdditionalProperties = One("publicKeyPem", pem) } : null;
            default:
                return new VerificationMethod { Id = id, Type = type, Controller = did, AdditionalProperties = One("value", Convert.ToHexStringLower(value)) };
        }
    }

    private static Dictionary<string, JsonElement> One(string name, string value)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(value, EthereumJsonContext.Default.String));
        return new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [name] = doc.RootElement.Clone() };
    }

    private static JsonElement Endpoint(string text)
    {
        // The reference resolver parses the value as JSON when it can (object or array endpoints), else keeps the text.
        try
        {
            using var parsed = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (parsed.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.String)
            {
                return parsed.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        using var asString = JsonDocument.Parse(JsonSerializer.Serialize(text, EthereumJsonContext.Default.String));
        return asString.RootElement.Clone();
    }

    private static string? TryUtf8(byte[] value)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^did/(pub|svc)/([A-Za-z0-9_]+)(/([A-Za-z0-9_]+))?(/([A-Za-z0-9_]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeName();
}

/// <summary>Source-generated JSON metadata for the few values the Ethereum package serializes.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class EthereumJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
