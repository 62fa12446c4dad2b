using System.CommandLine;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
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
        var kid = new Option<string>("--kid") { Description = "The holder's verification method (DID URL); the DID is the holder", Required = true };
        var aud = new Option<string>("--aud") { Description = "The verifier", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The verifier's nonce", Required = true };
        var credentials = new Argument<string[]>("CREDENTIAL") { Description = "Credentials to present, each literal, @FILE or - (jwt: VC-JWTs; jose: VC-JOSE tokens or Data Integrity JSON; cose: VC-COSE (base64 or binary), VC-JOSE tokens or Data Integrity JSON; sd-jwt: vc+sd-jwt tokens as issued)", Arity = ArgumentArity.OneOrMore };
        var issue = new Command("issue", "Present credentials; prints the VP-JWT (or VP-JOSE token, VP-COSE in base64, or vp+sd-jwt).") { format, key, kid, aud, nonce, credentials, disclose };
        issue.SetCliAction(async (parse, ct) =>
        {
            var keyId = parse.GetValue(kid)!;
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
        var aud = new Option<string>("--aud") { Description = "This verifier's audience", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The nonce this verifier issued", Required = true };
        var trusted = new Option<string[]>("--trusted-issuer") { Description = "Accept only credentials from these issuers (repeatable)", AllowMultipleArgumentsPerToken = true };
        var loopback = new Option<bool>("--allow-loopback-http") { Description = "Fetch status lists from loopback hosts over plain http (local testing only)" };
        var verify = new Command("verify", "Verify a presentation and its credentials; prints a result like vc verify with \"credentials\".") { vp, aud, nonce, trusted, loopback };
        chain.AddTo(verify);
        verify.SetCliAction(async (parse, ct) =>
        {
            var (binary, text) = await context.Input.ReadTextOrCoseAsync(parse.GetValue(vp)!, "presentation", ct);
            var resolver = new CachingDidResolver(await chain.DidResolverAsync(parse, context.Http, ct));
            var trustedIssuers = parse.GetValue(trusted);
            var credentialVerifier = new CredentialVerifier(
                resolver,
                trustPolicy: trustedIssuers is { Length: > 0 } ? new TrustedIssuersPolicy(trustedIssuers) : null,
                statusListFetcher: new HttpStatusListCredentialFetcher(context.Http) { AllowHttpForLoopback = parse.GetValue(loopback) });
            var presentations = new PresentationVerifier(credentialVerifier);
            var result = binary is not null
                ? await presentations.VerifyCoseAsync(binary, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct)
                : VpSdJwt.IsVpSdJwt(text!)
                    ? await new VpSdJwtVerifier(credentialVerifier).VerifyAsync(text!, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct)
                    : await presentations.VerifyAsync(text!, parse.GetValue(aud)!, parse.GetValue(nonce)!, ct);
            var json = VerificationJson.From(result);
            json["credentials"] = new JsonArray([.. result.Credentials.Select(c => (JsonNode)VerificationJson.From(c))]);
            CliOutput.WriteJson(json);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.NotVerified;
        });
        return verify;
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
    private static bool TryDecodeBase64Cose(string text, out byte[] message)
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
