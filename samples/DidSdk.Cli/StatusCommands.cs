using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Credentials;

namespace DidSdk.Cli;

/// <summary><c>didsdk status create|set|check</c>: Bitstring Status List credentials secured as VC-JOSE.</summary>
internal static class StatusCommands
{
    // 16 million entries: far more than a list holds in practice, and bounded work for a hostile one.
    private const int MaxDecodedListBytes = 2 * 1024 * 1024;

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("status", "Bitstring Status List credentials.") { BuildCreate(context), BuildSet(context), BuildCheck(context) };
    }

    private static Command BuildCreate(CliContext context)
    {
        var url = new Option<string>("--list-url") { Description = "Where the status list credential is published", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "revocation (default), suspension, refresh or message", DefaultValueFactory = _ => "revocation" };
        purpose.AcceptOnlyFromAmong("revocation", "suspension", "refresh", "message");
        var key = KeyOption();
        var kid = KidOption();
        var create = new Command("create", "Create an empty status list credential (131,072 entries); prints it as a VC-JOSE JWT.") { url, purpose, key, kid };
        create.SetCliAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var listUrl))
            {
                throw new CliException("badUsage", "--list-url must be an absolute URL.");
            }

            var issuer = new BitstringStatusListIssuer(listUrl, parse.GetValue(purpose)!);
            CliOutput.WriteToken(await SignListAsync(context, issuer, parse.GetValue(key)!, parse.GetValue(kid)!, ct));
            return ExitCodes.Success;
        });
        return create;
    }

    private static Command BuildSet(CliContext context)
    {
        var list = new Argument<string>("LIST") { Description = "The current status list credential (VC-JOSE JWT: literal, @FILE or -)" };
        var index = new Option<int>("--index") { Description = "The entry", Required = true };
        var value = new Option<int>("--value") { Description = "The new status (1 = revoked/suspended, 0 = valid)", DefaultValueFactory = _ => 1 };
        var key = KeyOption();
        var kid = KidOption();
        var set = new Command("set", "Set an entry and re-issue the status list credential.") { list, index, value, key, kid };
        set.SetCliAction(async (parse, ct) =>
        {
            var issuer = ReadList(await context.Input.ReadTextAsync(parse.GetValue(list)!, "status list", ct));
            var i = CheckIndex(issuer, parse.GetValue(index));
            var v = parse.GetValue(value);
            if (v < 0 || v >= 1 << issuer.List.StatusSize)
            {
                throw new CliException("badUsage", $"--value must be between 0 and {(1 << issuer.List.StatusSize) - 1}.");
            }

            issuer.List.Set(i, v);
            CliOutput.WriteToken(await SignListAsync(context, issuer, parse.GetValue(key)!, parse.GetValue(kid)!, ct));
            return ExitCodes.Success;
        });
        return set;
    }

    private static Command BuildCheck(CliContext context)
    {
        var chain = new ChainOptions();
        var list = new Argument<string>("LIST") { Description = "A status list credential (VC-JOSE JWT: literal, @FILE or -)" };
        var index = new Option<int>("--index") { Description = "The entry", Required = true };
        var check = new Command("check", "Verify a status list credential and print an entry: {\"verified\",\"issuer\",\"purpose\",\"index\",\"status\",\"problems\"}.") { list, index };
        chain.AddTo(check);
        check.SetCliAction(async (parse, ct) =>
        {
            var text = await context.Input.ReadTextAsync(parse.GetValue(list)!, "status list", ct);
            var issuer = ReadList(text);
            var i = CheckIndex(issuer, parse.GetValue(index));
            var resolver = await chain.DidResolverAsync(parse, context.Http, ct);
            var verified = await new CredentialVerifier(resolver).VerifyAsync(text, ct);
            CliOutput.WriteJson(new JsonObject
            {
                ["verified"] = verified.Succeeded,
                ["issuer"] = verified.Issuer,
                ["purpose"] = issuer.StatusPurpose,
                ["index"] = i,
                ["status"] = issuer.List.Get(i),
                ["problems"] = VerificationJson.Problems(verified.Problems),
            });
            return verified.Succeeded ? ExitCodes.Success : ExitCodes.NotVerified;
        });
        return check;
    }

    private static Option<string> KeyOption() => new("--key") { Description = "The issuer's private Ed25519/ES256/ES256K JWK (FILE, @FILE, - or the JSON)", Required = true };

    private static Option<string> KidOption() => new("--kid") { Description = "The issuer's verification method (DID URL)", Required = true };

    private static int CheckIndex(BitstringStatusListIssuer issuer, int index) =>
        index >= 0 && index < issuer.List.Length ? index : throw new CliException("badUsage", $"--index must be between 0 and {issuer.List.Length - 1}.");

    private static async Task<string> SignListAsync(CliContext context, BitstringStatusListIssuer issuer, string keyValue, string kid, CancellationToken ct)
    {
        var did = DidUrl.TryParse(kid, out var url, out _) ? url.Did.ToString() : throw new CliException("invalidDidUrl", "--kid must be a DID URL.");
        using var signingKey = await context.Input.ReadPrivateKeyAsync(keyValue, "issuer key", ct);
        return await VcJwt.IssueJoseAsync(issuer.ListCredential(did, context.Time.GetUtcNow()), new KeySigner(signingKey, kid), ct);
    }

    /// <summary>
    /// Reads the list out of a status list credential without trusting any of it: every member the tool needs must be
    /// there with the right JSON type, or the input is reported as not a status list (never an exception).
    /// </summary>
    private static BitstringStatusListIssuer ReadList(string text)
    {
        var read = Jws.ReadCompact(text);
        if (!read.Succeeded)
        {
            throw new CliException("invalidStatusList", "The status list is not a compact JWS (a VC-JOSE status list credential).");
        }

        if (StrictJson.TryParseNode(read.Token!.Payload.Span, StrictJson.DefaultMaxDepth, out var payload) != StrictJsonStatus.Ok || payload is not JsonObject credential)
        {
            throw new CliException("invalidStatusList", "The status list credential's payload is not a JSON object.");
        }

        var subject = credential["credentialSubject"] as JsonObject;
        if (StringOf(credential["id"]) is not { } id || !Uri.TryCreate(id, UriKind.Absolute, out var listUrl))
        {
            throw new CliException("invalidStatusList", "The status list credential needs an id that is an absolute URL.");
        }

        if (subject is null || StringOf(subject["encodedList"]) is not { } encoded || StringOf(subject["statusPurpose"]) is not { } purpose)
        {
            throw new CliException("invalidStatusList", "The status list credential needs a credentialSubject with string encodedList and statusPurpose.");
        }

        if (purpose is not ("revocation" or "suspension" or "refresh" or "message"))
        {
            throw new CliException("invalidStatusList", "The statusPurpose is not revocation, suspension, refresh or message.");
        }

        if (!BitstringStatusList.TryDecode(encoded, 1, MaxDecodedListBytes, out var decoded, out var problem))
        {
            throw new CliException(problem.Code, problem.Message);
        }

        var issuer = new BitstringStatusListIssuer(listUrl, purpose, decoded.Length);
        for (var i = 0; i < decoded.Length; i++)
        {
            if (decoded.Get(i) != 0)
            {
                issuer.List.Set(i, decoded.Get(i));
            }
        }

        return issuer;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
