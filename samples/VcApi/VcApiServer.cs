using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace VcApi;

/// <summary>The VC-API request handlers: JSON in, JSON out; bad input is a 400 with <c>problemDetails</c>, never a stack trace.</summary>
public sealed class VcApiServer
{
    private const string EnvelopedType = "EnvelopedVerifiableCredential";
    private const string V2Context = "https://www.w3.org/ns/credentials/v2";
    private readonly KeySigner _signer;
    private readonly VcApiSettings _settings;
    private readonly IDidResolver _resolver = new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver()));

    /// <summary>Creates the handlers for an issuer key (Ed25519, P-256 or P-384, as did:key) and settings.</summary>
    public VcApiServer(PrivateKey issuerKey, VcApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        IssuerDid = DidKey.Create(issuerKey.PublicKey);
        VerificationMethod = DidKey.GetVerificationMethodId(issuerKey.PublicKey);
        _signer = new KeySigner(issuerKey, VerificationMethod);
    }

    /// <summary>The issuer's (and prover's) DID.</summary>
    public string IssuerDid { get; }

    /// <summary>The verification method that signs.</summary>
    public string VerificationMethod { get; }

    /// <summary>Reads the body as a JSON object and runs <paramref name="handler"/>; malformed JSON is a 400.</summary>
    public async Task<IResult> HandleAsync(HttpContext http, Func<JsonObject, CancellationToken, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return Error("malformedRequest", "The request body is not JSON.");
        }
        catch (BadHttpRequestException)
        {
            return Error("malformedRequest", "The request body is too large.");
        }

        return body is JsonObject request ? await handler(request, http.RequestAborted) : Error("malformedRequest", "The request body is not a JSON object.");
    }

    /// <summary><c>POST /credentials/issue</c>: <c>{"credential","options"}</c> → 201 <c>{"verifiableCredential"}</c>.</summary>
    public async Task<IResult> IssueAsync(JsonObject request, CancellationToken cancellationToken)
    {
        if (request["credential"] is not JsonObject credential)
        {
            return Error("malformedRequest", "credential must be a JSON object.");
        }

        var options = request["options"] as JsonObject;
        var format = String(options?["format"]) ?? _settings.Format;
        credential = credential.DeepClone().AsObject();
        credential.Remove("proof");
        if (!VerifiableCredential.TryParse(credential, out var vc, out var problems))
        {
            return Problems(problems);
        }

        if (vc.Issuer != IssuerDid)
        {
            return Error("issuerMismatch", $"This issuer signs as {IssuerDid}.");
        }

        try
        {
            JsonNode issued = format switch
            {
                "di" => await SignDataIntegrityAsync(credential, new DataIntegrityProofOptions { VerificationMethod = VerificationMethod, Created = TimeProvider.System.GetUtcNow() }, cancellationToken),
                CredentialFormats.VcJose => Envelope(CredentialFormats.VcJose, await VcJwt.IssueJoseAsync(credential, _signer, cancellationToken)),
                VcSdJwt.Type => Envelope(VcSdJwt.Type, (await VcSdJwt.IssueAsync(credential, _signer, Pointers(options?["selectivePointers"]) ?? DefaultDisclosable(credential), cancellationToken: cancellationToken)).ToCompact()),
                _ => throw new ArgumentException($"Unknown format '{format}'."),
            };
            return Results.Json(new JsonObject { ["verifiableCredential"] = issued }, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Error("invalidCredential", e.Message);
        }
    }

    /// <summary><c>POST /credentials/verify</c>: <c>{"verifiableCredential","options"}</c> → 200 verified, or 400 with <c>problemDetails</c>.</summary>
    public async Task<IResult> VerifyCredentialAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var input = Unwrap(request["verifiableCredential"]);
        if (input is null)
        {
            return Error("malformedRequest", "verifiableCredential must be a credential, an enveloped credential or a token.");
        }

        var result = await Verifier().VerifyAsync(input, cancellationToken);
        return Verification(result);
    }

    /// <summary><c>POST /credentials/derive</c> (vc+sd-jwt): <c>{"verifiableCredential","options":{"selectivePointers"}}</c> → 201 the credential with only those disclosures.</summary>
    public async Task<IResult> DeriveAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var input = Unwrap(request["verifiableCredential"]);
        if (input is null || !VcSdJwt.IsVcSdJwt(input) || !SdJwtToken.TryParse(input, null, out var token, out _))
        {
            return Error("unsupportedFormat", "Derivation is supported for vc+sd-jwt credentials.");
        }

        var pointers = Pointers((request["options"] as JsonObject)?["selectivePointers"]) ?? [];
        try
        {
            var derived = await SdJwtHolder.PresentAsync(token, pointers, null, cancellationToken);
            return Results.Json(new JsonObject { ["verifiableCredential"] = Envelope(VcSdJwt.Type, derived.ToCompact()) }, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Error("invalidSelectivePointers", e.Message);
        }
    }

    /// <summary><c>POST /presentations/prove</c>: <c>{"presentation","options":{"challenge","domain"}}</c> → 201 <c>{"verifiablePresentation"}</c> with an authentication proof by this server's key.</summary>
    public async Task<IResult> ProveAsync(JsonObject request, CancellationToken cancellationToken)
    {
        if (request["presentation"] is not JsonObject presentation)
        {
            return Error("malformedRequest", "presentation must be a JSON object.");
        }

        presentation = presentation.DeepClone().AsObject();
        presentation.Remove("proof");
        if (!VerifiablePresentation.TryParse(presentation, out var vp, out var problems))
        {
            return Problems(problems);
        }

        if (vp.Holder is { } holder && holder != IssuerDid)
        {
            return Error("holderMismatch", $"This server proves as {IssuerDid}.");
        }

        var options = request["options"] as JsonObject;
        try
        {
            var signed = await SignDataIntegrityAsync(presentation, new DataIntegrityProofOptions
            {
                VerificationMethod = VerificationMethod,
                ProofPurpose = "authentication",
                Challenge = String(options?["challenge"]),
                Domain = String(options?["domain"]),
                Created = TimeProvider.System.GetUtcNow(),
            }, cancellationToken);
            return Results.Json(new JsonObject { ["verifiablePresentation"] = signed }, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Error("invalidPresentation", e.Message);
        }
    }

    /// <summary>
    /// <c>POST /presentations/verify</c>: <c>{"verifiablePresentation","options":{"challenge","domain"}}</c>. A signed
    /// presentation must carry the given challenge and domain; an unsigned one (no proof) has its credentials verified.
    /// </summary>
    public async Task<IResult> VerifyPresentationAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var options = request["options"] as JsonObject;
        var challenge = String(options?["challenge"]);
        var domain = String(options?["domain"]);
        var verifier = Verifier();
        switch (request["verifiablePresentation"])
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                if (challenge is null || domain is null)
                {
                    return Error("malformedRequest", "A VP-JWT is verified against options.challenge and options.domain.");
                }

                return Verification(await new PresentationVerifier(verifier).VerifyAsync(v.GetValue<string>(), domain, challenge, cancellationToken));
            case JsonObject vp when vp.ContainsKey("proof"):
                {
                    // Without options the proof's own challenge and domain are taken: no replay protection is asked for.
                    var proof = vp["proof"] as JsonObject ?? (vp["proof"] as JsonArray)?.FirstOrDefault() as JsonObject;
                    return Verification(await new PresentationVerifier(verifier).VerifyAsync(
                        vp.ToJsonString(), domain ?? String(proof?["domain"]) ?? string.Empty, challenge ?? String(proof?["challenge"]) ?? string.Empty, cancellationToken));
                }

            case JsonObject vp:
                {
                    if (!VerifiablePresentation.TryParse(vp, out _, out var problems))
                    {
                        return Problems(problems);
                    }

                    var all = new List<Problem>();
                    foreach (var entry in vp["verifiableCredential"] is JsonArray list ? [.. list] : new[] { vp["verifiableCredential"] })
                    {
                        var input = Unwrap(entry);
                        var result = input is null
                            ? CredentialVerificationResultOf(new Problem(CredentialProblemCodes.Malformed, "Not a credential."))
                            : await verifier.VerifyAsync(input, cancellationToken);
                        all.AddRange(result.Problems.Select(p => new Problem(CredentialProblemCodes.EmbeddedCredentialInvalid, "A credential in the presentation does not verify.", p)));
                    }

                    return all.Count == 0 ? Verified() : Problems(all);
                }

            default:
                return Error("malformedRequest", "verifiablePresentation must be a presentation or a VP-JWT.");
        }
    }

    private CredentialVerifier Verifier() => new(
        _resolver,
        formatHandlers: [new VcSdJwtFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false })]);

    private async Task<JsonObject> SignDataIntegrityAsync(JsonObject document, DataIntegrityProofOptions options, CancellationToken cancellationToken) => _settings.Cryptosuite switch
    {
        DataIntegrity.Cryptosuite => await DataIntegrity.AddProofAsync(document, _signer, options, cancellationToken),
        EcdsaCryptosuites.Rdfc2019 or EcdsaCryptosuites.Jcs2019 => await EcdsaCryptosuites.AddProofAsync(document, _signer, options, _settings.Cryptosuite, null, cancellationToken),
        _ => await EddsaRdfc2022.AddProofAsync(document, _signer, options, null, cancellationToken),
    };

    /// <summary>The credentialSubject members (other than <c>id</c>) made selectively disclosable when the request names none.</summary>
    private static string[] DefaultDisclosable(JsonObject credential) => credential["credentialSubject"] is JsonObject subject
        ? [.. subject.Where(p => p.Key != "id").Select(p => "/credentialSubject/" + p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))]
        : [];

    private static string[]? Pointers(JsonNode? node) => node is JsonArray array ? [.. array.Select(String).OfType<string>()] : null;

    /// <summary>An <c>EnvelopedVerifiableCredential</c>; <c>@context</c> is an array, the "ordered set" of VC DM 2.0 §4.3.</summary>
    private static JsonObject Envelope(string mediaType, string token) => new()
    {
        ["@context"] = new JsonArray(V2Context),
        ["id"] = $"data:application/{mediaType},{token}",
        ["type"] = EnvelopedType,
    };

    /// <summary>A credential as the verifier takes it: the token of an enveloped credential, a token string, or the JSON of a secured document.</summary>
    private static string? Unwrap(JsonNode? node) => node switch
    {
        // A string is a token; a JSON document sent as a string is not a credential (VC Data Integrity: not a map).
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().TrimStart().StartsWith('{') ? null : v.GetValue<string>(),
        JsonObject o when String(o["type"]) == EnvelopedType || (o["type"] is JsonArray t && t.Any(x => String(x) == EnvelopedType)) =>
            String(o["id"]) is { } id && id.StartsWith("data:application/", StringComparison.Ordinal) && id.IndexOf(',', StringComparison.Ordinal) is > 0 and var comma
                ? id[(comma + 1)..]
                : null,
        JsonObject o => o.ToJsonString(),
        _ => null,
    };

    private static string? String(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static CredentialVerificationResult CredentialVerificationResultOf(Problem problem) => new(null, null, null, [problem]);

    private static IResult Verification(CredentialVerificationResult result) => result.Problems.Count == 0 ? Verified() : Problems(result.Problems);

    private static IResult Verified() => Results.Json(new JsonObject
    {
        ["verified"] = true,
        ["checks"] = new JsonArray("proof"),
        ["warnings"] = new JsonArray(),
        ["errors"] = new JsonArray(),
        ["problemDetails"] = new JsonArray(),
    });

    private static IResult Problems(IEnumerable<Problem> problems)
    {
        var details = new JsonArray();
        foreach (var problem in problems)
        {
            details.Add((JsonNode)new JsonObject
            {
                ["type"] = "https://didsdk.dev/problems#" + problem.Code,
                ["code"] = problem.Code,
                ["title"] = problem.Message,
                ["detail"] = problem.Cause?.ToString(),
            });
        }

        return Results.Json(new JsonObject { ["verified"] = false, ["problemDetails"] = details }, statusCode: StatusCodes.Status400BadRequest);
    }

    private static IResult Error(string code, string message) => Problems([new Problem(code, message)]);
}
