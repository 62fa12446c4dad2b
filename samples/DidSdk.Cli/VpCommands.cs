using System.CommandLine;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.Cli;

/// <summary><c>didsdk vp issue|verify</c>: presentations bound to an audience and a nonce, as VP-JWT 1.1, VP-JOSE, VP-COSE or <c>vp+sd-jwt</c>.</summary>
internal static class VpCommands
{
    private const string V2Context = "https://www.w3.org/ns/credentials/v2";
    private const string EnvelopedPrefix = "data:application/vc+jwt,";

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("vp", "Issue and verify verifiable presentations.") { BuildIssue(context), BuildVerify(context) };
    }

    private static Command BuildIssue(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "jwt (VP-JWT 1.1, the vp claim; default), jose (VP-JOSE, typ vp+jwt, credentials enveloped or embedded), cose (VP-COSE, application/vp+cose, printed in base64) or sd-jwt (typ vp+sd-jwt, vc+sd-jwt credentials enveloped with the disclosures chosen)", DefaultValueFactory = _ => "jwt" };
        format.AcceptOnlyFromAmong("jwt", "jose", "cose", "sd-jwt");
        var disclose = new Option<string[]>("--disclose") { Description = "sd-jwt: comma-separated JSON Pointers of the claims to disclose, once per credential in order (repeatable; missing ones disclose nothing)" };
        var key = new Option<string>("--key") { Description = "The holder's private JWK (FILE, @FILE, - or the JSON)", Required = true };
        var kid = new Option<string?>("--kid") { Description = "The holder's verification method (DID URL); the DID is the holder. With --presentation: required for a DID holder (a method of that DID); otherwise optional (default: the key's JWK thumbprint)" };
        var aud = new Option<string>("--aud") { Description = "The verifier", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The verifier's nonce", Required = true };
        var given = new Option<string?>("--presentation") { Description = "jose/cose: sign this VC 2.0 presentation object as given (FILE, @FILE, - or the JSON) instead of building one from CREDENTIALs; its holder may be a DID, a URL or absent" };
        var credentials = new Argument<string[]>("CREDENTIAL") { Description = "Credentials to present, each literal, @FILE or - (jwt: VC-JWTs; jose: VC-JOSE tokens or Data Integrity JSON; cose: VC-COSE (base64 or binary), VC-JOSE tokens or Data Integrity JSON; sd-jwt: vc+sd-jwt tokens as issued)", Arity = ArgumentArity.ZeroOrMore };
        var issue = new Command("issue", "Present credentials; prints the VP-JWT (or VP-JOSE token, VP-COSE in base64, or vp+sd-jwt).") { format, key, kid, aud, nonce, given, credentials, disclose };
        issue.SetCliAction(async (parse, ct) =>
        {
            if (parse.GetValue(given) is { } givenValue)
            {
                return await IssueGivenAsync(context, parse, givenValue, parse.GetValue(format)!, key, kid, aud, nonce, credentials, disclose, ct);
            }

            if (parse.GetValue(credentials) is not { Length: > 0 })
            {
                throw new CliException("badUsage", "Give the credentials to present, or --presentation FILE (jose, cose).");
            }

            var keyId = parse.GetValue(kid) ?? throw new CliException("badUsage", "--kid is required: the holder's verification method (DID URL).");
            var holder = DidUrl.TryParse(keyId, out var url, out _) ? url.Did.ToString() : throw new CliException("invalidDidUrl", "--kid must be a DID URL.");
            if (parse.GetValue(format) == "sd-jwt")
            {
                return await IssueSdJwtAsync(context, parse, keyId, holder, key, aud, nonce, credentials, disclose, ct);
            }

            if (parse.GetValue(disclose) is { Length: > 0 })
            {
                throw new CliException("badUsage", "--disclose is for --format sd-jwt.");
            }

            var cose = parse.GetValue(format) == "cose";
            var jose = cose || parse.GetValue(format) == "jose";
            var entries = new List<JsonNode>();
            var tokens = new List<string>();
            foreach (var value in parse.GetValue(credentials)!)
            {
                var (binary, read) = cose ? await context.Input.ReadTextOrCoseAsync(value, "credential", ct) : (null, await context.Input.ReadTextAsync(value, "credential", ct));
                if (binary is not null || (cose && TryDecodeBase64Cose(read!, out binary)))
                {
                    CheckCoseCredential(binary);
                    entries.Add(VcCose.EnvelopeCredential(binary));
                    continue;
                }

                var text = read!;
                if (text.StartsWith('{'))
                {
                    if (!jose)
                    {
                        throw new CliException("badUsage", "A VP-JWT 1.1 carries VC-JWTs; present a Data Integrity credential with --format jose or cose.");
                    }

                    entries.Add(CheckDataIntegrity(CliInput.ParseJsonObject(text, "credential")));
                }
                else
                {
                    CheckToken(text, jose);
                    if (jose)
                    {
                        entries.Add(Enveloped(text));
                    }
                    else
                    {
                        tokens.Add(text);
                    }
                }
            }

            using var holderKey = await context.Input.ReadPrivateKeyAsync(parse.GetValue(key)!, "holder key", ct);
            var signer = new KeySigner(holderKey, keyId);
            if (!jose)
            {
                CliOutput.WriteToken(await VcJwt.PresentJwt11Async(holder, tokens, signer, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct));
                return ExitCodes.Success;
            }

            var presentation = new JsonObject
            {
                ["@context"] = new JsonArray(V2Context),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["holder"] = holder,
                ["verifiableCredential"] = new JsonArray([.. entries]),
            };
            if (cose)
            {
                CliOutput.WriteToken(Convert.ToBase64String(await PresentCoseAsync(presentation, signer, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct)));
                return ExitCodes.Success;
            }

            CliOutput.WriteToken(await VcJwt.PresentJoseAsync(presentation, signer, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct));
            return ExitCodes.Success;
        });
        return issue;
    }

    private static Command BuildVerify(CliContext context)
    {
        var chain = new ChainOptions();
        var vp = new Argument<string>("VP") { Description = "The presentation: VP-JWT, VP-JOSE, vp+sd-jwt or Data Integrity JSON (literal, @FILE or -)" };
        var aud = new Option<string?>("--aud") { Description = "This verifier's audience (required unless --no-exchange-binding)" };
        var nonce = new Option<string?>("--nonce") { Description = "The nonce this verifier issued (required unless --no-exchange-binding)" };
        var noBinding = new Option<bool>("--no-exchange-binding") { Description = "Do not check aud and nonce: a presentation made for another verifier, or replayed, verifies too (test vectors, archived presentations; never for a live exchange). Not for vp+sd-jwt" };
        var holderJwk = new Option<string?>("--holder-jwk") { Description = "VP-JOSE/VP-COSE: the public JWK of a holder that is not a DID (e.g. a URL holder); a DID holder's key always comes from its DID" };
        var trusted = new Option<string[]>("--trusted-issuer") { Description = "Accept only credentials from these issuers (repeatable)", AllowMultipleArgumentsPerToken = true };
        var loopback = new Option<bool>("--allow-loopback-http") { Description = "Fetch status lists from loopback hosts over plain http (local testing only)" };
        var verify = new Command("verify", "Verify a presentation and its credentials; prints a result like vc verify with \"credentials\".") { vp, aud, nonce, noBinding, holderJwk, trusted, loopback };
        chain.AddTo(verify);
        verify.SetCliAction(async (parse, ct) =>
        {
            var (expectedAudience, expectedNonce) = (parse.GetValue(aud), parse.GetValue(nonce));
            var unbound = parse.GetValue(noBinding);
            if (unbound && (expectedAudience is not null || expectedNonce is not null))
            {
                throw new CliException("badUsage", "--no-exchange-binding checks no audience or nonce: leave out --aud and --nonce.");
            }

            if (!unbound && (expectedAudience is null || expectedNonce is null))
            {
                throw new CliException("badUsage", "--aud and --nonce are required: the exchange the presentation must be bound to (--no-exchange-binding skips that check).");
            }

            var (binary, text) = await context.Input.ReadTextOrCoseAsync(parse.GetValue(vp)!, "presentation", ct);
            var sdJwt = binary is null && VpSdJwt.IsVpSdJwt(text!);
            if (sdJwt && (unbound || parse.GetValue(holderJwk) is not null))
            {
                throw new CliException("badUsage", "--no-exchange-binding and --holder-jwk are for VP-JOSE and VP-COSE; a vp+sd-jwt is verified with --aud and --nonce.");
            }

            var holderKey = parse.GetValue(holderJwk) is { } jwkValue ? await context.Input.ReadPublicKeyAsync(jwkValue, "holder key", ct) : null;
            if (unbound)
            {
                CliOutput.WriteWarning("noExchangeBinding", "The presentation's aud and nonce are not checked: it may have been made for another verifier or replayed.");
            }

            var resolver = new CachingDidResolver(await chain.DidResolverAsync(parse, context.Http, ct));
            var trustedIssuers = parse.GetValue(trusted);
            var credentialVerifier = new CredentialVerifier(
                resolver,
                trustPolicy: trustedIssuers is { Length: > 0 } ? new TrustedIssuersPolicy(trustedIssuers) : null,
                statusListFetcher: new HttpStatusListCredentialFetcher(context.Http) { AllowHttpForLoopback = parse.GetValue(loopback) },
                // Enveloped vc+sd-jwt credentials in VP-JOSE/VP-COSE: the presentation's signature is the holder's proof, as for
                // enveloped vc+jwt, so a Key Binding JWT is not required; one that is present must be for this exchange.
                formatHandlers: [new VcSdJwtFormatHandler(expectedAudience, expectedNonce, new SdJwtVerifierOptions { RequireKeyBinding = false })]);
            async Task<CredentialVerificationResult> VerifyAsync(PresentationVerifier presentations) => (binary, unbound) switch
            {
                (not null, true) => await presentations.VerifyCoseWithoutExchangeBindingAsync(binary, ct),
                (not null, false) => await presentations.VerifyCoseAsync(binary, expectedAudience!, expectedNonce!, ct),
                (null, true) => await presentations.VerifyWithoutExchangeBindingAsync(text!, ct),
                (null, false) => await presentations.VerifyAsync(text!, expectedAudience!, expectedNonce!, ct),
            };

            var result = sdJwt
                ? await new VpSdJwtVerifier(credentialVerifier).VerifyAsync(text!, expectedAudience!, expectedNonce!, ct)
                : await VerifyAsync(new PresentationVerifier(credentialVerifier));
            if (holderKey is not null && NonDidHolderWithoutKey(result) is { } holder)
            {
                // The holder is known only once the presentation is read: bind the supplied key to it (never to a DID,
                // whose authentication methods decide) and verify again.
                result = await VerifyAsync(new PresentationVerifier(credentialVerifier, new Dictionary<string, PublicKeyMaterial>(StringComparer.Ordinal) { [holder] = holderKey }));
            }

            var json = VerificationJson.From(result);
            json["credentials"] = new JsonArray([.. result.Credentials.Select(c => (JsonNode)VerificationJson.From(c))]);
            CliOutput.WriteJson(json);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.NotVerified;
        });
        return verify;
    }

    /// <summary>The holder of a VP-JOSE or VP-COSE whose signature failed only for want of a key, when it is not a DID.</summary>
    private static string? NonDidHolderWithoutKey(CredentialVerificationResult result) =>
        result.Format is CredentialFormats.VpJose or CredentialFormats.VpCose
        && result.Issuer is { } holder && !holder.StartsWith("did:", StringComparison.OrdinalIgnoreCase)
        && result.Problems.Any(p => p.Code == CredentialProblemCodes.IssuerKeyUnavailable) ? holder : null;

    /// <summary>
    /// <c>--presentation</c>: a VC 2.0 presentation object signed as given (VP-JOSE or VP-COSE, bound to <c>--aud</c> and
    /// <c>--nonce</c>). A DID holder signs with one of its own methods; a holder that is a URL (or none) with the key
    /// alone, its <c>kid</c> by default the JWK thumbprint (RFC 7638).
    /// </summary>
    private static async Task<int> IssueGivenAsync(CliContext context, ParseResult parse, string value, string format, Option<string> key, Option<string?> kid, Option<string> aud, Option<string> nonce, Argument<string[]> credentials, Option<string[]> disclose, CancellationToken ct)
    {
        if (format is not ("jose" or "cose"))
        {
            throw new CliException("badUsage", "--presentation signs a VP-JOSE or VP-COSE: give --format jose or cose.");
        }

        if (parse.GetValue(credentials) is { Length: > 0 } || parse.GetValue(disclose) is { Length: > 0 })
        {
            throw new CliException("badUsage", "--presentation carries its own credentials: give no CREDENTIAL and no --disclose.");
        }

        var presentation = await context.Input.ReadJsonObjectAsync(value, "presentation", ct);
        if (!VerifiablePresentation.TryParse(presentation, out var parsed, out var problems))
        {
            throw new CliException(problems[0].Code, problems[0].Message);
        }

        var keyId = parse.GetValue(kid);
        var isDidUrl = keyId is not null && DidUrl.TryParse(keyId, out _, out _);
        if (parsed.Holder is { } holder && holder.StartsWith("did:", StringComparison.OrdinalIgnoreCase))
        {
            if (keyId is null || !DidUrl.TryParse(keyId, out var url, out _) || url.Did.ToString() != holder)
            {
                throw new CliException("badUsage", "The presentation's holder is a DID: --kid must name one of that DID's verification methods.");
            }
        }
        else if (isDidUrl)
        {
            throw new CliException("badUsage", "The presentation's holder is not a DID: a DID URL --kid would name another signer.");
        }

        using var holderKey = await context.Input.ReadPrivateKeyAsync(parse.GetValue(key)!, "holder key", ct);
        var signer = new KeySigner(holderKey, keyId ?? Jwk.FromPublicKey(holderKey.PublicKey).ComputeThumbprint());
        try
        {
            CliOutput.WriteToken(format == "cose"
                ? Convert.ToBase64String(await VcCose.PresentAsync(presentation, signer, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct))
                : await VcJwt.PresentJoseAsync(presentation, signer, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct));
        }
        catch (ArgumentException e)
        {
            throw new CliException("invalidInput", e.Message);
        }

        return ExitCodes.Success;
    }

    /// <summary>A <c>vp+sd-jwt</c>: each <c>vc+sd-jwt</c> with the disclosures its <c>--disclose</c> names, and a Key Binding JWT when it has <c>cnf</c>.</summary>
    private static async Task<int> IssueSdJwtAsync(CliContext context, ParseResult parse, string keyId, string holder, Option<string> key, Option<string> aud, Option<string> nonce, Argument<string[]> credentials, Option<string[]> disclose, CancellationToken ct)
    {
        var values = parse.GetValue(credentials)!;
        var disclosures = parse.GetValue(disclose) ?? [];
        if (disclosures.Length > values.Length)
        {
            throw new CliException("badUsage", "--disclose is given more often than there are credentials.");
        }

        if (values.Length > VpSdJwt.MaxCredentials)
        {
            throw new CliException("badUsage", $"A vp+sd-jwt carries at most {VpSdJwt.MaxCredentials} credentials.");
        }

        var items = new List<VpSdJwtCredential>();
        for (var i = 0; i < values.Length; i++)
        {
            var text = (await context.Input.ReadTextAsync(values[i], "credential", ct)).Trim();
            if (!VcSdJwt.IsVcSdJwt(text))
            {
                throw new CliException("badUsage", "A vp+sd-jwt envelopes W3C vc+sd-jwt credentials (an SD-JWT VC is presented with sd-jwt present).");
            }

            if (!SdJwtToken.TryParse(text, null, out var token, out _) || token.KeyBindingJwt is not null)
            {
                throw new CliException("invalidCredential", "A credential to present is not a vc+sd-jwt as issued (no Key Binding JWT).");
            }

            items.Add(new VpSdJwtCredential { Credential = token, Disclose = i < disclosures.Length ? CliInput.SplitList(disclosures[i]) : [] });
        }

        using var holderKey = await context.Input.ReadPrivateKeyAsync(parse.GetValue(key)!, "holder key", ct);
        try
        {
            CliOutput.WriteToken(await VpSdJwt.PresentAsync(
                new VpSdJwtPresentationRequest
                {
                    Holder = holder,
                    HolderSigner = new KeySigner(holderKey, keyId),
                    Audience = parse.GetValue(aud)!,
                    Nonce = parse.GetValue(nonce)!,
                    IssuedAt = context.Time.GetUtcNow(),
                    Credentials = items,
                },
                ct));
        }
        catch (ArgumentException e)
        {
            throw new CliException("invalidInput", e.Message);
        }

        return ExitCodes.Success;
    }

    private static async Task<byte[]> PresentCoseAsync(JsonObject presentation, KeySigner signer, string audience, string nonce, CancellationToken ct)
    {
        try
        {
            return await VcCose.PresentAsync(presentation, signer, audience, nonce, ct);
        }
        catch (ArgumentException e)
        {
            throw new CliException("invalidInput", e.Message);
        }
    }

    /// <summary>Base64 (or base64url) text, or a <c>data:application/vc+cose;base64,</c> URL, whose bytes start like a COSE_Sign1.</summary>
    internal static bool TryDecodeBase64Cose(string text, out byte[] message)
    {
        message = [];
        if (text.StartsWith(VcCose.EnvelopedCredentialPrefix, StringComparison.Ordinal))
        {
            text = text[VcCose.EnvelopedCredentialPrefix.Length..];
        }
        else if (text.StartsWith('{') || text.Contains('.') || text.Contains('~'))
        {
            return false;
        }

        var normalized = text.Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
        var buffer = new byte[normalized.Length * 3 / 4];
        if (!Convert.TryFromBase64String(normalized, buffer, out var written) || buffer[..written] is not ([0xD2, 0x84, ..] or [0x84, ..]))
        {
            return false;
        }

        message = buffer[..written];
        return true;
    }

    /// <summary>
    /// A holder does not verify what it presents, but it envelops as <c>vc+cose</c> only a COSE_Sign1 the library reads
    /// as a credential: canonical CBOR, <c>typ</c> <c>application/vc+cose</c>, a payload that passes the data model.
    /// </summary>
    private static void CheckCoseCredential(byte[] message)
    {
        if (!VcCose.TryReadCredential(message, out _, out var problem))
        {
            throw new CliException("invalidCredential", $"A credential to present is not a VC-COSE credential ({problem.Code}): {problem.Message}");
        }
    }

    /// <summary>A VC-JOSE token as an EnvelopedVerifiableCredential (VC Data Model 2.0 §4.13, VC-JOSE-COSE §3.3).</summary>
    private static JsonObject Enveloped(string token) => new()
    {
        ["@context"] = new JsonArray(V2Context),
        ["id"] = EnvelopedPrefix + token,
        ["type"] = "EnvelopedVerifiableCredential",
    };

    /// <summary>
    /// A holder does not verify what it presents, but it does not wrap what is not a credential either: a VC-JOSE token
    /// whose payload passes the data model, or (VP-JWT 1.1 only) a VC-JWT 1.1 with a <c>vc</c> claim and readable JWT
    /// claims.
    /// </summary>
    private static void CheckToken(string token, bool jose)
    {
        if (token.Contains('~', StringComparison.Ordinal))
        {
            throw new CliException("badUsage", "An SD-JWT VC is presented on its own (sd-jwt present), not inside a VP.");
        }

        var read = Jws.ReadCompact(token);
        if (!read.Succeeded)
        {
            throw new CliException("invalidCredential", "A credential to present is not a compact JWS.");
        }

        if (StrictJson.TryParseNode(read.Token!.Payload.Span, StrictJson.DefaultMaxDepth, out var node) != StrictJsonStatus.Ok || node is not JsonObject payload)
        {
            throw new CliException("invalidCredential", "A credential to present has a payload that is not a JSON object.");
        }

        if (read.Token.Type == CredentialFormats.VcJose)
        {
            if (!VerifiableCredential.TryParse(payload, out _, out var problems))
            {
                throw new CliException("invalidCredential", $"A credential to present does not pass the data model checks ({problems[0].Code}).");
            }

            return;
        }

        if (jose)
        {
            throw new CliException("badUsage", "VP-JOSE envelopes VC-JOSE credentials (typ vc+jwt); present a VC-JWT 1.1 with --format jwt.");
        }

        if (payload["vc"] is not JsonObject || !JwtClaims.TryParse(payload, out _, out _))
        {
            throw new CliException("invalidCredential", "A credential to present is neither VC-JOSE (typ vc+jwt) nor a VC-JWT 1.1 (a vc claim with valid JWT claims).");
        }
    }

    private static JsonObject CheckDataIntegrity(JsonObject credential)
    {
        if (!VerifiableCredential.TryParse(credential, out _, out var problems))
        {
            throw new CliException("invalidCredential", $"A credential to present does not pass the data model checks ({problems[0].Code}).");
        }

        return credential["proof"] is JsonObject or JsonArray
            ? credential
            : throw new CliException("invalidCredential", "A JSON credential to present needs its Data Integrity proof.");
    }
}
