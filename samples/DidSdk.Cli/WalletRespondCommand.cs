using System.CommandLine;
using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.OpenId4Vc;

namespace DidSdk.Cli;

// didsdk wallet respond REQUEST_URI [--yes]: answers an OpenID4VP request from the wallet and prints the verifier's answer.
internal static partial class WalletCommands
{
    private static Command Respond(CliContext context)
    {
        var (wallet, passphraseFile) = CommonOptions();
        var requestUri = new Argument<string>("REQUEST_URI") { Description = "The openid4vp:// request (by value or with request_uri)" };
        var yes = new Option<bool>("--yes") { Description = "Consent without asking (otherwise the disclosure is shown on stderr and a 'y' is read from stdin)" };
        var loopback = new Option<bool>("--allow-loopback-http") { Description = "Accept plain http verifier URLs on loopback hosts (local testing only)" };
        var chain = new ChainOptions();
        var command = new Command("respond", "Answer an OpenID4VP request: verify the verifier, show what would be disclosed, present with key binding, post, print the verifier's answer.") { wallet, passphraseFile, requestUri, yes, loopback };
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            var resolver = new CachingDidResolver(await chain.DidResolverAsync(parse, context.Http, ct));
            var client = new OpenId4VpWalletClient(context.Http, resolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = parse.GetValue(loopback) });
            var (request, problem) = await client.ResolveRequestAsync(parse.GetValue(requestUri)!, ct);
            if (request is null)
            {
                throw new CliException(problem!.Code, problem.Message, problem.Code == OpenId4VcProblemCodes.HttpFailure ? ExitCodes.Network : ExitCodes.NotVerified);
            }

            var agreeAll = parse.GetValue(yes);
            return await WithWalletAsync(parse, wallet, passphraseFile, async w =>
            {
                var result = await client.RespondAsync(request, w, (consent, _) =>
                {
                    if (agreeAll)
                    {
                        return ValueTask.FromResult(true);
                    }

                    var shown = new JsonObject
                    {
                        ["client_id"] = consent.ClientId,
                        ["response_uri"] = consent.ResponseUri,
                        ["disclose"] = new JsonObject([.. consent.Disclosures.Select(d => new KeyValuePair<string, JsonNode?>(d.Key, new JsonObject
                        {
                            ["credential"] = d.Value.CredentialId,
                            ["format"] = d.Value.Format,
                            ["claims"] = d.Value.Claims.DeepClone(),
                        }))]),
                    };
                    Console.Error.WriteLine(shown.ToJsonString());
                    Console.Error.Write("Disclose this to the verifier? [y/N] ");
                    var answer = Console.In.ReadLine()?.Trim();
                    return ValueTask.FromResult(answer is "y" or "Y" or "yes");
                }, ct);
                if (!result.Succeeded)
                {
                    var first = result.Problems[0];
                    throw new CliException(first.Code, first.Message, first.Code == OpenId4VcProblemCodes.HttpFailure ? ExitCodes.Network : ExitCodes.NotVerified);
                }

                CliOutput.WriteJson(new JsonObject { ["verified"] = true, ["answer"] = result.Answer.DeepClone() });
                return ExitCodes.Success;
            }, ct);
        });
        return command;
    }
}
