using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.Cli;

/// <summary><c>didsdk vc issue|verify</c>: credentials as VC-JOSE / VC-JWT, VC-COSE, Data Integrity or SD-JWT VC.</summary>
internal static class VcCommands
{
    // The range DateTimeOffset.FromUnixTimeSeconds accepts (years 0001 to 9999).
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("vc", "Issue and verify verifiable credentials.") { BuildIssue(context), BuildVerify(context) };
    }

    private static Command BuildIssue(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "jwt (VC-JOSE for VC 2.0, VC-JWT for VC 1.1), cose (VC-COSE, base64), di (eddsa-jcs-2022) or sd-jwt (SD-JWT VC; a VC 2.0 object with @context: W3C vc+sd-jwt)", Required = true };
        format.AcceptOnlyFromAmong("jwt", "cose", "sd-jwt", "di");
        var key = new Option<string>("--key") { Description = "The issuer's private JWK (FILE, @FILE, - or the JSON)", Required = true };
        var kid = new Option<string>("--kid") { Description = "The verification method's DID URL (goes into kid)", Required = true };
        var credential = new Argument<string>("CREDENTIAL") { Description = "jwt/di: a VC 2.0 (or 1.1) JSON object; sd-jwt: the claims object with iss and vct, or a VC 2.0 object for vc+sd-jwt (literal, @FILE or -)" };
        var sd = new Option<string?>("--sd") { Description = "Comma-separated JSON Pointers of the claims to make selectively disclosable" };
        var holderJwk = new Option<string?>("--holder-jwk") { Description = "The holder's public JWK, bound as cnf.jwk (FILE, @FILE, - or the JSON)" };
        var statusList = new Option<string?>("--status-list") { Description = "URL of the status list (Token Status List for sd-jwt, Bitstring Status List credential for jwt/di)" };
        var statusIndex = new Option<long?>("--status-index") { Description = "The credential's index in that list" };
        var issue = new Command("issue", "Issue a credential; prints the compact token (jwt, sd-jwt), the COSE_Sign1 in base64 (cose) or the JSON (di).") { format, key, kid, credential, sd, holderJwk, statusList, statusIndex };
        issue.SetCliAction(async (parse, ct) =>
        {
            var claims = await context.Input.ReadJsonObjectAsync(parse.GetValue(credential)!, "credential", ct);
            var status = StatusReference(parse.GetValue(statusList), parse.GetValue(statusIndex));
            using var signingKey = await context.Input.ReadPrivateKeyAsync(parse.GetValue(key)!, "issuer key", ct);
            var signer = new KeySigner(signingKey, parse.GetValue(kid));
            if (parse.GetValue(format) != "sd-jwt")
            {
                return await IssueW3cAsync(context, parse.GetValue(format)!, claims, signingKey, signer, parse.GetValue(kid)!, status, ct);
            }

            if (claims.ContainsKey("@context"))
            {
                return await IssueVcSdJwtAsync(context, claims, signer, parse.GetValue(sd), parse.GetValue(holderJwk), status, ct);
            }

            var iss = TakeString(claims, "iss") ?? throw new CliException("invalidInput", "The credential needs an iss string.");
            var vct = TakeString(claims, "vct") ?? throw new CliException("invalidInput", "The credential needs a vct string.");
            var sub = TakeString(claims, "sub");
            var exp = TakeTime(claims, "exp");
            var nbf = TakeTime(claims, "nbf");
            claims.Remove("iat");
            var holder = parse.GetValue(holderJwk) is { } holderValue ? await context.Input.ReadPublicKeyAsync(holderValue, "holder key", ct) : null;
            var token = await new SdJwtVcIssuer(signer).IssueAsync(new SdJwtVcIssuanceRequest
            {
                Issuer = iss,
                Vct = vct,
                Subject = sub,
                ExpiresAt = exp,
                ValidFrom = nbf,
                Claims = claims,
                Disclosable = CliInput.SplitList(parse.GetValue(sd)),
                HolderPublicKey = holder,
                Status = status is { } s ? new StatusListReference(s.Index, s.Url) : null,
            }, ct);
            CliOutput.WriteToken(token.ToCompact());
            return ExitCodes.Success;
        });
        return issue;
    }

    private static Command BuildVerify(CliContext context)
    {
        var chain = new ChainOptions();
        var input = new Argument<string>("CREDENTIAL") { Description = "The credential or presentation (literal, @FILE or -; a COSE credential as base64 text or binary)" };
        var aud = new Option<string?>("--aud") { Description = "The audience the key binding must name (requires key binding with --nonce)" };
        var nonce = new Option<string?>("--nonce") { Description = "The nonce the key binding must carry" };
        var trusted = new Option<string[]>("--trusted-issuer") { Description = "Accept only these issuers (repeatable)", AllowMultipleArgumentsPerToken = true };
        var issuerJwkOption = new Option<string?>("--issuer-jwk") { Description = "The public JWK of an issuer that is not a DID (e.g. an SD-JWT VC iss URL); a DID issuer's key always comes from its DID" };
        var loopback = new Option<bool>("--allow-loopback-http") { Description = "Fetch status lists from loopback hosts over plain http (local testing only)" };
        var verify = new Command("verify", "Verify a credential or presentation; prints {\"verified\",\"format\",\"issuer\",\"claims\",\"problems\"}.") { input, aud, nonce, trusted, issuerJwkOption, loopback };
        chain.AddTo(verify);
        var consortium = new ConsortiumCommands.VerifyOptions();
        consortium.AddTo(verify);
        verify.SetCliAction(async (parse, ct) =>
        {
            var (binary, text) = await context.Input.ReadTextOrCoseAsync(parse.GetValue(input)!, "credential", ct);
            var issuerKeys = new Dictionary<string, PublicKeyMaterial>(StringComparer.Ordinal);
            PublicKeyMaterial? issuerKey = null;
            if (parse.GetValue(issuerJwkOption) is { } jwkValue)
            {
                issuerKey = await context.Input.ReadPublicKeyAsync(jwkValue, "issuer key", ct);
                if (text is not null && NonDidIssuer(text) is { } issuer)
                {
                    issuerKeys[issuer] = issuerKey;
                }
            }

            var expectedNonce = parse.GetValue(nonce);
            var resolver = new CachingDidResolver(await chain.DidResolverAsync(parse, context.Http, ct));
            var trustedIssuers = parse.GetValue(trusted);
            var allowLoopback = parse.GetValue(loopback);
            var trustPolicy = consortium.Policy(parse, chain, resolver, context, trustedIssuers is { Length: > 0 }) ?? (trustedIssuers is { Length: > 0 } ? new TrustedIssuersPolicy(trustedIssuers) : null);
            CredentialVerifier Verifier() => new(
                resolver,
                trustPolicy: trustPolicy,
                statusListFetcher: new HttpStatusListCredentialFetcher(context.Http) { AllowHttpForLoopback = allowLoopback },
                formatHandlers:
                [
                    new VcSdJwtFormatHandler(parse.GetValue(aud), expectedNonce, new SdJwtVerifierOptions { RequireKeyBinding = expectedNonce is not null }),
                    new SdJwtVcFormatHandler(
                        parse.GetValue(aud),
                        expectedNonce,
                        new SdJwtVerifierOptions { RequireKeyBinding = expectedNonce is not null },
                        new TokenStatusChecker(new HttpStatusListFetcher(context.Http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = allowLoopback }))),
                ],
                issuerKeys: new Dictionary<string, PublicKeyMaterial>(issuerKeys, StringComparer.Ordinal));
            var result = binary is not null ? await Verifier().VerifyCoseAsync(binary, ct) : await Verifier().VerifyAsync(text!, ct);
            if (issuerKey is not null && result.Format == CredentialFormats.VcCose && CoseIssuerWithoutKey(result) is { } coseIssuer)
            {
                // The issuer of a COSE credential is known only once its payload is read: bind the supplied key to it
                // (never to a DID) and verify again.
                issuerKeys[coseIssuer] = issuerKey;
                result = binary is not null ? await Verifier().VerifyCoseAsync(binary, ct) : await Verifier().VerifyAsync(text!, ct);
            }

            CliOutput.WriteJson(VerificationJson.From(result));
            return result.Succeeded ? ExitCodes.Success : ExitCodes.NotVerified;
        });
        return verify;
    }

    /// <summary>
    /// The issuer a key given with <c>--issuer-jwk</c> stands for: the SD-JWT's <c>iss</c>, and only when it is not a
    /// DID. A DID issuer's keys are the ones its DID document authorizes; binding a supplied key to a DID would let
    /// anyone holding that key sign as the DID.
    /// </summary>
    private static string? NonDidIssuer(string text)
    {
        if (!SdJwtToken.TryParse(text, null, out var token, out _) || Jws.ReadCompact(token.IssuerSignedJwt).Token is not { } jws)
        {
            return null;
        }

        // Only iss is read here. A registered claim the verifier refuses (an iat that is not a NumericDate, say) must be
        // reported as such by the verifier, not hide the supplied key behind "no key was supplied".
        string? issuer;
        try
        {
            using var payload = JsonDocument.Parse(jws.Payload, new JsonDocumentOptions { MaxDepth = 64 });
            issuer = payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("iss", out var iss)
                && iss.ValueKind == JsonValueKind.String
                    ? iss.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }

        return issuer is { Length: > 0 } && !issuer.StartsWith("did:", StringComparison.OrdinalIgnoreCase) ? issuer : null;
    }

    /// <summary>The issuer of a COSE credential that failed only for want of a key, when it is not a DID.</summary>
    private static string? CoseIssuerWithoutKey(CredentialVerificationResult result) =>
        result.Issuer is { } issuer && !issuer.StartsWith("did:", StringComparison.OrdinalIgnoreCase)
        && result.Problems.Any(p => p.Code == CredentialProblemCodes.IssuerKeyUnavailable) ? issuer : null;

    private static async Task<int> IssueW3cAsync(CliContext context, string format, JsonObject credential, PrivateKey signingKey, KeySigner signer, string kid, (long Index, Uri Url)? status, CancellationToken ct)
    {
        if (status is { } s)
        {
            credential["credentialStatus"] = new BitstringStatusListIssuer(s.Url).Entry((int)s.Index);
        }

        if (!VerifiableCredential.TryParse(credential, out var parsed, out var problems))
        {
            throw new CliException(problems[0].Code, problems[0].Message);
        }

        if (format == "di")
        {
            if (signingKey.KeyType != KeyType.Ed25519)
            {
                throw new CliException("invalidKey", "eddsa-jcs-2022 needs an Ed25519 key.");
            }

            CliOutput.WriteJson(await DataIntegrity.AddProofAsync(credential, signer, new DataIntegrityProofOptions { VerificationMethod = kid, Created = context.Time.GetUtcNow() }, ct));
            return ExitCodes.Success;
        }

        if (format == "cose")
        {
            if (parsed!.Version == VcDataModelVersion.V1)
            {
                throw new CliException("badUsage", "VC-COSE secures VC 2.0 credentials; use --format jwt for a VC 1.1 credential.");
            }

            CliOutput.WriteToken(Convert.ToBase64String(await VcCose.IssueAsync(credential, signer, ct)));
            return ExitCodes.Success;
        }

        CliOutput.WriteToken(parsed!.Version == VcDataModelVersion.V1 ? await VcJwt.IssueJwt11Async(credential, signer, ct) : await VcJwt.IssueJoseAsync(credential, signer, ct));
        return ExitCodes.Success;
    }

    /// <summary>A W3C <c>vc+sd-jwt</c> (VC-JOSE-COSE §3.2): the VC 2.0 credential is the payload, with the members at <c>--sd</c> selectively disclosable.</summary>
    private static async Task<int> IssueVcSdJwtAsync(CliContext context, JsonObject credential, KeySigner signer, string? sd, string? holderJwk, (long Index, Uri Url)? status, CancellationToken ct)
    {
        if (status is { } s)
        {
            credential["credentialStatus"] = new BitstringStatusListIssuer(s.Url).Entry((int)s.Index);
        }

        if (!VerifiableCredential.TryParse(credential, out var parsed, out var problems))
        {
            throw new CliException(problems[0].Code, problems[0].Message);
        }

        if (parsed.Version != VcDataModelVersion.V2)
        {
            throw new CliException("invalidInput", "A vc+sd-jwt secures a VC Data Model 2.0 credential.");
        }

        var holder = holderJwk is { } holderValue ? await context.Input.ReadPublicKeyAsync(holderValue, "holder key", ct) : null;
        try
        {
            CliOutput.WriteToken((await VcSdJwt.IssueAsync(credential, signer, CliInput.SplitList(sd), holder, cancellationToken: ct)).ToCompact());
        }
        catch (ArgumentException e)
        {
            throw new CliException("invalidInput", e.Message);
        }

        return ExitCodes.Success;
    }

    private static (long Index, Uri Url)? StatusReference(string? listUrl, long? index)
    {
        if (listUrl is null)
        {
            return index is null ? null : throw new CliException("badUsage", "--status-index needs --status-list.");
        }

        if (!Uri.TryCreate(listUrl, UriKind.Absolute, out var uri) || index is not { } i || i is < 0 or > int.MaxValue)
        {
            throw new CliException("badUsage", $"--status-list needs an absolute URL and --status-index between 0 and {int.MaxValue}.");
        }

        return (i, uri);
    }

    private static string? TakeString(JsonObject claims, string name)
    {
        if (!claims.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new CliException("invalidInput", $"The credential's {name} must be a string.");
        }

        claims.Remove(name);
        return value.GetValue<string>();
    }

    /// <summary>A NumericDate claim: present means an integer number of seconds in range, never "ignored".</summary>
    private static DateTimeOffset? TakeTime(JsonObject claims, string name)
    {
        if (!claims.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<long>(out var seconds) || seconds is < MinUnixSeconds or > MaxUnixSeconds)
        {
            throw new CliException("invalidInput", $"The credential's {name} must be an integer number of seconds since 1970 (years 0001 to 9999).");
        }

        claims.Remove(name);
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
