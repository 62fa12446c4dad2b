using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.Cli;

/// <summary><c>didsdk vc issue|verify</c> and <c>didsdk sd-jwt present</c>.</summary>
internal static class VcCommands
{
    public static Command Build(HttpClient http)
    {
        var format = new Option<string>("--format") { Description = "sd-jwt (SD-JWT VC); jwt and di arrive with the credentials module", Required = true };
        format.AcceptOnlyFromAmong("jwt", "sd-jwt", "di");
        var key = new Option<string>("--key") { Description = "The issuer's private JWK (FILE, @FILE or -)", Required = true };
        var kid = new Option<string>("--kid") { Description = "The verification method's DID URL (goes into kid)", Required = true };
        var credential = new Argument<string>("CREDENTIAL") { Description = "For sd-jwt: the claims object with iss and vct (literal, @FILE or -)" };
        var sd = new Option<string?>("--sd") { Description = "Comma-separated JSON Pointers of the claims to make selectively disclosable" };
        var holderJwk = new Option<string?>("--holder-jwk") { Description = "The holder's public JWK, bound as cnf.jwk" };
        var statusList = new Option<string?>("--status-list") { Description = "URL of the Token Status List the credential is entered in" };
        var statusIndex = new Option<long?>("--status-index") { Description = "The credential's index in that list" };
        var issue = new Command("issue", "Issue a credential; prints the compact token.") { format, key, kid, credential, sd, holderJwk, statusList, statusIndex };
        issue.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            if (parse.GetValue(format) != "sd-jwt")
            {
                throw new CliException("unsupportedFormat", "This build issues --format sd-jwt; VC-JWT and Data Integrity come with the credentials module.");
            }

            var claims = await CliIo.ReadJsonObjectAsync(parse.GetValue(credential)!, "credential", ct);
            var issuerJwk = await DidCommands.ReadJwkAsync(parse.GetValue(key)!, ct);
            if (!issuerJwk.HasPrivateKey)
            {
                throw new CliException("invalidKey", "The issuer key file has no private key (d).");
            }

            using var signingKey = issuerJwk.ToPrivateKey(KeyExportPolicies.None);
            var iss = Take(claims, "iss") ?? throw new CliException("invalidInput", "The credential needs an iss string.");
            var vct = Take(claims, "vct") ?? throw new CliException("invalidInput", "The credential needs a vct string.");
            var sub = Take(claims, "sub");
            var exp = TakeTime(claims, "exp");
            var nbf = TakeTime(claims, "nbf");
            claims.Remove("iat");
            PublicKey? holder = null;
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
            if (!text.Contains('~', StringComparison.Ordinal))
            {
                throw new CliException("unsupportedFormat", "This build verifies SD-JWT VCs (compact, with '~'); VC-JWT and Data Integrity come with the credentials module.");
            }

            var issuerKeys = new Dictionary<string, PublicKey>(StringComparer.Ordinal);
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
            var result = await new SdJwtVcVerifier(new SdJwtVcVerifierOptions
            {
                SdJwt = new SdJwtVerifierOptions { RequireKeyBinding = expectedNonce is not null, ExpectedAudience = parse.GetValue(aud), ExpectedNonce = expectedNonce },
                DidVerifier = new DidSignatureVerifier(resolver),
                IssuerKeys = issuerKeys,
                TrustedIssuers = trustedIssuers is { Length: > 0 } ? trustedIssuers : null,
                StatusChecker = new TokenStatusChecker(new HttpStatusListFetcher(http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = parse.GetValue(loopback) })),
            }).VerifyAsync(text, ct);
            CliIo.WriteJson(new JsonObject
            {
                ["verified"] = result.IsValid,
                ["format"] = SdJwtVc.Type,
                ["issuer"] = result.Issuer,
                ["claims"] = result.Claims?.DeepClone(),
                ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode)new JsonObject { ["code"] = p.Code, ["message"] = p.Message })]),
            });
            return result.IsValid ? ExitCodes.Success : ExitCodes.NotVerified;
        }));
        return new Command("vc", "Issue and verify verifiable credentials.") { issue, verify };
    }

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

                using var key = jwk.ToPrivateKey(KeyExportPolicies.None);
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
