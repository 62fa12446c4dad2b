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

/// <summary><c>didsdk vc issue|verify</c> and <c>didsdk sd-jwt present</c>.</summary>
internal static class VcCommands
{
    public static Command Build(HttpClient http)
    {
        var format = new Option<string>("--format") { Description = "jwt (VC-JOSE for VC 2.0, VC-JWT for VC 1.1), di (eddsa-jcs-2022) or sd-jwt (SD-JWT VC)", Required = true };
        format.AcceptOnlyFromAmong("jwt", "sd-jwt", "di");
        var key = new Option<string>("--key") { Description = "The issuer's private JWK (FILE, @FILE or -)", Required = true };
        var kid = new Option<string>("--kid") { Description = "The verification method's DID URL (goes into kid)", Required = true };
        var credential = new Argument<string>("CREDENTIAL") { Description = "For sd-jwt: the claims object with iss and vct (literal, @FILE or -)" };
        var sd = new Option<string?>("--sd") { Description = "Comma-separated JSON Pointers of the claims to make selectively disclosable" };
        var holderJwk = new Option<string?>("--holder-jwk") { Description = "The holder's public JWK, bound as cnf.jwk" };
        var statusList = new Option<string?>("--status-list") { Description = "URL of the status list (Token Status List for sd-jwt, Bitstring Status List credential for jwt/di)" };
        var statusIndex = new Option<long?>("--status-index") { Description = "The credential's index in that list" };
        var issue = new Command("issue", "Issue a credential; prints the compact token.") { format, key, kid, credential, sd, holderJwk, statusList, statusIndex };
        issue.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var claims = await CliIo.ReadJsonObjectAsync(parse.GetValue(credential)!, "credential", ct);
            if (parse.GetValue(format) != "sd-jwt")
            {
                return await IssueW3cAsync(parse.GetValue(format)!, claims, parse.GetValue(key)!, parse.GetValue(kid)!, parse.GetValue(statusList), parse.GetValue(statusIndex), ct);
            }

            var issuerJwk = await DidCommands.ReadJwkAsync(parse.GetValue(key)!, ct);
            if (!issuerJwk.HasPrivateKey)
            {
                throw new CliException("invalidKey", "The issuer key file has no private key (d).");
            }

            using var signingKey = issuerJwk.ToPrivateKey(PrivateKeyExportPolicy.None);
            var iss = Take(claims, "iss") ?? throw new CliException("invalidInput", "The credential needs an iss string.");
            var vct = Take(claims, "vct") ?? throw new CliException("invalidInput", "The credential needs a vct string.");
            var sub = Take(claims, "sub");
            var exp = TakeTime(claims, "exp");
            var nbf = TakeTime(claims, "nbf");
            claims.Remove("iat");
            PublicKeyMaterial? holder = null;
            if (parse.GetValue(holderJwk) is { } holderValue)
            {
                var jwk = await DidCommands.ReadJwkAsync(holderValue, ct);
                holder = jwk.TryGetPublicKey(out var pk) ? pk : throw new CliException("invalidKey", "The holder JWK is not a public key.");
            }

            StatusListReference? status = null;
            if (parse.GetValue(statusList) is { } listUrl)
            {
                if (!Uri.TryCreate(listUrl, UriKind.Absolute, out var uri) || parse.GetValue(statusIndex) is not { } index || index < 0)
                {
                    throw new CliException("badUsage", "--status-list needs an absolute URL and --status-index N.");
                }

                status = new StatusListReference(index, uri);
            }

            var token = await new SdJwtVcIssuer(new KeySigner(signingKey, parse.GetValue(kid))).IssueAsync(new SdJwtVcIssuanceRequest
            {
                Issuer = iss,
                Vct = vct,
                Subject = sub,
                ExpiresAt = exp,
                ValidFrom = nbf,
                Claims = claims,
                Disclosable = Pointers(parse.GetValue(sd)),
                HolderPublicKey = holder,
                Status = status,
            }, ct);
            CliIo.WriteToken(token.ToCompact());
            return ExitCodes.Success;
        }));

        var chain = new ChainOptions();
        var input = new Argument<string>("CREDENTIAL") { Description = "The credential or presentation (literal, @FILE or -)" };
        var aud = new Option<string?>("--aud") { Description = "The audience the key binding must name (requires key binding with --nonce)" };
        var nonce = new Option<string?>("--nonce") { Description = "The nonce the key binding must carry" };
        var trusted = new Option<string[]>("--trusted-issuer") { Description = "Accept only these issuers (repeatable)", AllowMultipleArgumentsPerToken = true };
        var issuerJwkOption = new Option<string?>("--issuer-jwk") { Description = "The issuer's public JWK, for issuers not identified by a DID" };
        var loopback = new Option<bool>("--allow-loopback-http") { Description = "Fetch status lists from loopback hosts over plain http (local testing only)" };
        var verify = new Command("verify", "Verify a credential or presentation; prints {\"verified\",\"format\",\"issuer\",\"claims\",\"problems\"}.") { input, aud, nonce, trusted, issuerJwkOption, loopback };
        chain.AddTo(verify);
        verify.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var text = (await CliIo.ReadInputAsync(parse.GetValue(input)!, ct)).Trim();
            var issuerKeys = new Dictionary<string, PublicKeyMaterial>(StringComparer.Ordinal);
            if (parse.GetValue(issuerJwkOption) is { } jwkValue)
            {
                var jwk = await DidCommands.ReadJwkAsync(jwkValue, ct);
                var pk = jwk.TryGetPublicKey(out var k) ? k : throw new CliException("invalidKey", "The issuer JWK is not a public key.");

                // The key is for whoever this credential names as its issuer; the signature check decides the rest.
                if (SdJwtToken.TryParse(text, null, out var peek, out _) && Jws.ReadCompact(peek.IssuerSignedJwt).Token is { } jws
                    && JwtClaims.TryParse(jws.Payload.Span, out var claims, out _) && claims.Issuer is { } issuer)
                {
                    issuerKeys[issuer] = pk;
                }
            }

            var expectedNonce = parse.GetValue(nonce);
            var resolver = new CachingDidResolver(await DidCommands.ResolverAsync(parse, chain, http, ct));
            var trustedIssuers = parse.GetValue(trusted);
            var allowLoopback = parse.GetValue(loopback);
            var verifier = new CredentialVerifier(new CredentialVerifierOptions
            {
                Resolver = resolver,
                TrustPolicy = trustedIssuers is { Length: > 0 } ? new TrustedIssuersPolicy(trustedIssuers) : null,
                StatusListFetcher = new HttpStatusListCredentialFetcher(http) { AllowHttpForLoopback = allowLoopback },
                FormatHandlers =
                [
                    new SdJwtVcFormatHandler(new SdJwtVcFormatHandlerOptions
                    {
                        RequireKeyBinding = expectedNonce is not null,
                        ExpectedAudience = parse.GetValue(aud),
                        ExpectedNonce = expectedNonce,
                        IssuerKeys = issuerKeys,
                        StatusChecker = new TokenStatusChecker(new HttpStatusListFetcher(http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = allowLoopback })),
                    }),
                ],
            });
            var result = await verifier.VerifyAsync(text, ct);
            CliIo.WriteJson(Result(result));
            return result.Verified ? ExitCodes.Success : ExitCodes.NotVerified;
        }));
        return new Command("vc", "Issue and verify verifiable credentials.") { issue, verify };
    }

    /// <summary><c>didsdk vp issue|verify</c>: VP-JWT presentations bound to an audience and nonce.</summary>
    public static Command BuildVp(HttpClient http)
    {
        var key = new Option<string>("--key") { Description = "The holder's private JWK", Required = true };
        var kid = new Option<string>("--kid") { Description = "The holder's verification method (DID URL); the DID is the holder", Required = true };
        var aud = new Option<string>("--aud") { Description = "The verifier", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The verifier's nonce", Required = true };
        var credentials = new Argument<string[]>("CREDENTIAL") { Description = "VC-JWTs to present (literal, @FILE or -)", Arity = ArgumentArity.OneOrMore };
        var issue = new Command("issue", "Present credentials; prints the VP-JWT.") { key, kid, aud, nonce, credentials };
        issue.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var jwk = await DidCommands.ReadJwkAsync(parse.GetValue(key)!, ct);
            using var holderKey = jwk.HasPrivateKey ? jwk.ToPrivateKey(PrivateKeyExportPolicy.None) : throw new CliException("invalidKey", "The key file has no private key (d).");
            var keyId = parse.GetValue(kid)!;
            var holder = DidSdk.Core.Dids.DidUrl.TryParse(keyId, out var url, out _) ? url.Did.ToString() : throw new CliException("invalidDidUrl", "--kid must be a DID URL.");
            var tokens = new List<string>();
            foreach (var value in parse.GetValue(credentials)!)
            {
                tokens.Add((await CliIo.ReadInputAsync(value, ct)).Trim());
            }

            CliIo.WriteToken(await VcJwt.PresentJwt11Async(holder, tokens, new KeySigner(holderKey, keyId), parse.GetValue(aud)!, parse.GetValue(nonce)!, ct));
            return ExitCodes.Success;
        }));

        var chain = new ChainOptions();
        var vp = new Argument<string>("VP") { Description = "The presentation (literal, @FILE or -)" };
        var verifyAud = new Option<string>("--aud") { Description = "This verifier's audience", Required = true };
        var verifyNonce = new Option<string>("--nonce") { Description = "The nonce this verifier issued", Required = true };
        var verify = new Command("verify", "Verify a presentation and its credentials; prints a result like vc verify.") { vp, verifyAud, verifyNonce };
        chain.AddTo(verify);
        verify.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var text = (await CliIo.ReadInputAsync(parse.GetValue(vp)!, ct)).Trim();
            var resolver = new CachingDidResolver(await DidCommands.ResolverAsync(parse, chain, http, ct));
            var result = await new PresentationVerifier(new CredentialVerifierOptions { Resolver = resolver, StatusListFetcher = new HttpStatusListCredentialFetcher(http) })
                .VerifyAsync(text, parse.GetValue(verifyAud)!, parse.GetValue(verifyNonce)!, ct);
            var json = Result(result);
            json["credentials"] = new JsonArray([.. result.Credentials.Select(c => (JsonNode)Result(c))]);
            CliIo.WriteJson(json);
            return result.Verified ? ExitCodes.Success : ExitCodes.NotVerified;
        }));
        return new Command("vp", "Issue and verify verifiable presentations.") { issue, verify };
    }

    /// <summary><c>didsdk status create|set|check</c>: Bitstring Status List credentials.</summary>
    public static Command BuildStatus(HttpClient http)
    {
        var url = new Option<string>("--list-url") { Description = "Where the status list credential is published", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "revocation (default), suspension, refresh or message", DefaultValueFactory = _ => "revocation" };
        var key = new Option<string>("--key") { Description = "The issuer's private Ed25519/ES256/ES256K JWK", Required = true };
        var kid = new Option<string>("--kid") { Description = "The issuer's verification method (DID URL)", Required = true };
        var create = new Command("create", "Create an empty status list credential (131,072 entries); prints it as a VC-JOSE JWT.") { url, purpose, key, kid };
        create.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var issuer = new BitstringStatusListIssuer(new Uri(parse.GetValue(url)!), parse.GetValue(purpose)!);
            CliIo.WriteToken(await SignListAsync(issuer, parse.GetValue(key)!, parse.GetValue(kid)!, ct));
            return ExitCodes.Success;
        }));

        var list = new Argument<string>("LIST") { Description = "The current status list credential (VC-JOSE JWT, literal, @FILE or -)" };
        var index = new Option<int>("--index") { Description = "The entry", Required = true };
        var value = new Option<int>("--value") { Description = "The new status (1 = revoked/suspended, 0 = valid)", DefaultValueFactory = _ => 1 };
        var set = new Command("set", "Set an entry and re-issue the status list credential.") { list, index, value, key, kid };
        set.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var (issuer, _) = await ReadListAsync(parse.GetValue(list)!, ct);
            issuer.List.Set(parse.GetValue(index), parse.GetValue(value));
            CliIo.WriteToken(await SignListAsync(issuer, parse.GetValue(key)!, parse.GetValue(kid)!, ct));
            return ExitCodes.Success;
        }));

        var chain = new ChainOptions();
        var checkList = new Argument<string>("LIST") { Description = "A status list credential (VC-JOSE JWT)" };
        var checkIndex = new Option<int>("--index") { Description = "The entry", Required = true };
        var check = new Command("check", "Verify a status list credential and print an entry: {\"verified\",\"purpose\",\"index\",\"status\"}.") { checkList, checkIndex };
        chain.AddTo(check);
        check.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var text = (await CliIo.ReadInputAsync(parse.GetValue(checkList)!, ct)).Trim();
            var resolver = await DidCommands.ResolverAsync(parse, chain, http, ct);
            var verified = await new CredentialVerifier(new CredentialVerifierOptions { Resolver = resolver }).VerifyAsync(text, ct);
            var (issuer, _) = await ReadListAsync(text, ct);
            var i = parse.GetValue(checkIndex);
            CliIo.WriteJson(new JsonObject
            {
                ["verified"] = verified.Verified,
                ["issuer"] = verified.Issuer,
                ["purpose"] = issuer.StatusPurpose,
                ["index"] = i,
                ["status"] = i >= 0 && i < issuer.List.Length ? issuer.List.Get(i) : throw new CliException("invalidInput", "--index is outside the list."),
                ["problems"] = new JsonArray([.. verified.Problems.Select(p => (JsonNode)new JsonObject { ["code"] = p.Code, ["message"] = p.Message })]),
            });
            return verified.Verified ? ExitCodes.Success : ExitCodes.NotVerified;
        }));
        return new Command("status", "Bitstring Status List credentials.") { create, set, check };
    }

    private static async Task<string> SignListAsync(BitstringStatusListIssuer issuer, string keyValue, string kid, CancellationToken ct)
    {
        var jwk = await DidCommands.ReadJwkAsync(keyValue, ct);
        using var signingKey = jwk.HasPrivateKey ? jwk.ToPrivateKey(PrivateKeyExportPolicy.None) : throw new CliException("invalidKey", "The key file has no private key (d).");
        var did = DidSdk.Core.Dids.DidUrl.TryParse(kid, out var url, out _) ? url.Did.ToString() : throw new CliException("invalidDidUrl", "--kid must be a DID URL.");
        return await VcJwt.IssueJoseAsync(issuer.ListCredential(did, DateTimeOffset.UtcNow), new KeySigner(signingKey, kid), ct);
    }

    private static async Task<(BitstringStatusListIssuer Issuer, JsonObject Credential)> ReadListAsync(string value, CancellationToken ct)
    {
        var text = (await CliIo.ReadInputAsync(value, ct)).Trim();
        var read = Jws.ReadCompact(text);
        var credential = read.IsValid ? JsonNode.Parse(read.Token!.Payload.Span) as JsonObject : null;
        var subject = credential?["credentialSubject"] as JsonObject;
        if (credential?["id"]?.GetValue<string>() is not { } id || subject?["encodedList"]?.GetValue<string>() is not { } encoded || subject["statusPurpose"]?.GetValue<string>() is not { } purpose)
        {
            throw new CliException("invalidInput", "Not a BitstringStatusListCredential secured as a VC-JOSE JWT.");
        }

        if (!BitstringStatusList.TryDecode(encoded, 1, 16 * 1024 * 1024, out var decoded, out var problem))
        {
            throw new CliException(problem.Code, problem.Message);
        }

        var issuer = new BitstringStatusListIssuer(new Uri(id), purpose, decoded.Length);
        for (var i = 0; i < decoded.Length; i++)
        {
            if (decoded.Get(i) != 0)
            {
                issuer.List.Set(i, decoded.Get(i));
            }
        }

        return (issuer, credential!);
    }

    private static async Task<int> IssueW3cAsync(string format, JsonObject credential, string keyValue, string kid, string? statusList, long? statusIndex, CancellationToken ct)
    {
        var jwk = await DidCommands.ReadJwkAsync(keyValue, ct);
        using var signingKey = jwk.HasPrivateKey ? jwk.ToPrivateKey(PrivateKeyExportPolicy.None) : throw new CliException("invalidKey", "The issuer key file has no private key (d).");
        if (statusList is not null)
        {
            if (!Uri.TryCreate(statusList, UriKind.Absolute, out var listUrl) || statusIndex is not { } index || index < 0)
            {
                throw new CliException("badUsage", "--status-list needs an absolute URL and --status-index N.");
            }

            credential["credentialStatus"] = new BitstringStatusListIssuer(listUrl).Entry((int)index);
        }

        if (!VerifiableCredential.TryParse(credential, out var parsed, out var problems))
        {
            throw new CliException(problems[0].Code, problems[0].Message);
        }

        var signer = new KeySigner(signingKey, kid);
        if (format == "di")
        {
            if (signingKey.KeyType != KeyType.Ed25519)
            {
                throw new CliException("invalidKey", "eddsa-jcs-2022 needs an Ed25519 key.");
            }

            CliIo.WriteJson(await DataIntegrity.AddProofAsync(credential, signer, new DataIntegrityProofOptions { VerificationMethod = kid, Created = DateTimeOffset.UtcNow }, ct));
            return ExitCodes.Success;
        }

        CliIo.WriteToken(parsed!.Version == VcDataModelVersion.V1 ? await VcJwt.IssueJwt11Async(credential, signer, ct) : await VcJwt.IssueJoseAsync(credential, signer, ct));
        return ExitCodes.Success;
    }

    private static JsonObject Result(CredentialVerificationResult result) => new()
    {
        ["verified"] = result.Verified,
        ["format"] = result.Format,
        ["issuer"] = result.Issuer,
        ["claims"] = result.Claims?.DeepClone(),
        ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode)new JsonObject { ["code"] = p.Code, ["message"] = p.Message })]),
    };

    public static Command BuildSdJwt()
    {
        var token = new Argument<string>("SDJWT") { Description = "The SD-JWT as issued (literal, @FILE or -)" };
        var disclose = new Option<string>("--disclose") { Description = "Comma-separated JSON Pointers of the claims to show", Required = true };
        var holderKey = new Option<string?>("--holder-key") { Description = "The holder's private JWK: adds a key binding JWT (with --aud and --nonce)" };
        var aud = new Option<string?>("--aud") { Description = "The verifier the presentation is for" };
        var nonce = new Option<string?>("--nonce") { Description = "The verifier's nonce" };
        var present = new Command("present", "Choose what to disclose; prints the presentation (compact).") { token, disclose, holderKey, aud, nonce };
        present.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var text = (await CliIo.ReadInputAsync(parse.GetValue(token)!, ct)).Trim();
            if (!SdJwtToken.TryParse(text, null, out var sdJwt, out var problem))
            {
                throw new CliException(problem.Code, problem.Message);
            }

            if (!SdJwtHolder.TrySelect(sdJwt, Pointers(parse.GetValue(disclose)), out var selected, out problem))
            {
                throw new CliException(problem.Code, problem.Message);
            }

            if (parse.GetValue(holderKey) is { } keyValue)
            {
                if (parse.GetValue(aud) is not { } audience || parse.GetValue(nonce) is not { } n)
                {
                    throw new CliException("badUsage", "Key binding needs --aud and --nonce.");
                }

                var jwk = await DidCommands.ReadJwkAsync(keyValue, ct);
                if (!jwk.HasPrivateKey)
                {
                    throw new CliException("invalidKey", "The holder key file has no private key (d).");
                }

                using var key = jwk.ToPrivateKey(PrivateKeyExportPolicy.None);
                var kb = await SdJwtHolder.CreateKeyBindingJwtAsync(selected, new KeyBindingRequest { HolderSigner = new KeySigner(key), Audience = audience, Nonce = n, IssuedAt = DateTimeOffset.UtcNow }, ct);
                selected = selected.With(selected.Disclosures, kb);
            }

            CliIo.WriteToken(selected.ToCompact());
            return ExitCodes.Success;
        }));
        return new Command("sd-jwt", "Work with SD-JWTs as a holder.") { present };
    }

    private static string[] Pointers(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Take(JsonObject claims, string name)
    {
        if (claims[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        claims.Remove(name);
        return value.GetValue<string>();
    }

    private static DateTimeOffset? TakeTime(JsonObject claims, string name)
    {
        if (claims[name] is not JsonValue value || !value.TryGetValue<long>(out var seconds))
        {
            return null;
        }

        claims.Remove(name);
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
