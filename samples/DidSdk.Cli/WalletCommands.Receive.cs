using System.CommandLine;
using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Wallet;

namespace DidSdk.Cli;

/// <summary>
/// <c>didsdk wallet receive OFFER_URI [--tx-code CODE | --client-id ID] --wallet FILE</c>: OpenID4VCI 1.0 with the
/// Pre-Authorized Code grant, or the Authorization Code Flow with PKCE through the user's browser and a loopback redirect
/// (RFC 8252 §7.3), into the wallet. The credential is bound to a wallet key (new unless <c>--key</c> names one), verified with the
/// issuer key its DID authorizes, and stored only when every credential of the response verified.
/// </summary>
internal static partial class WalletCommands
{
    private static Command Receive(CliContext context)
    {
        var (wallet, passphraseFile) = CommonOptions();
        var offer = new Argument<string>("OFFER_URI") { Description = "The credential offer: openid-credential-offer://?credential_offer=... or ?credential_offer_uri=..., or the https URL of the offer itself (literal, @FILE or -)" };
        var txCode = new Option<string?>("--tx-code") { Description = "The transaction code (PIN) the issuer sent by another channel" };
        var keyId = new Option<string?>("--key") { Description = "The wallet key (key-...) to bind the credential to; default a new Ed25519 key generated in the wallet" };
        var configuration = new Option<string?>("--configuration") { Description = "The offered credential_configuration_id to request (default the offer's first)" };
        var loopback = new Option<bool>("--allow-loopback-http") { Description = "Accept plain http issuer and status list URLs on loopback hosts (local testing only)" };
        var clientId = new Option<string?>("--client-id") { Description = "authorization_code offers: the client id the issuer's authorization server registered for this wallet (redirect URI http://127.0.0.1:PORT/callback)" };
        var authTimeout = new Option<int>("--auth-timeout") { Description = "authorization_code offers: seconds to wait for the browser to come back (default 300)", DefaultValueFactory = _ => 300 };
        var chain = new ChainOptions();
        var command = new Command("receive", "Receive a credential over OpenID4VCI (pre-authorized code, or authorization code in the browser), verify it and store it; prints {\"ids\",\"key\",\"credentials\"}.")
        {
            wallet, passphraseFile, offer, txCode, keyId, configuration, loopback, clientId, authTimeout,
        };
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            // Read the input and build the verifier before the wallet is unlocked: a bad input costs no key derivation.
            var offerUri = (await context.Input.ReadTextAsync(parse.GetValue(offer)!, "credential offer", ct)).Trim();

            // A bare https URL is where the offer is served (what a bank's back office hands out as credential_offer_uri).
            if (offerUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || offerUri.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                offerUri = Uri.TryCreate(offerUri, UriKind.Absolute, out var location)
                    ? CredentialOffer.ToReferenceUri(location)
                    : throw new CliException(OpenId4VcProblemCodes.InvalidOffer, "The offer URL is not an absolute URL.");
            }
            var allowLoopback = parse.GetValue(loopback);
            var timeout = parse.GetValue(authTimeout);
            if (timeout is < 1 or > 3600)
            {
                throw new CliException("badUsage", "--auth-timeout must be between 1 and 3600 seconds.");
            }

            // The Authorization Code Flow's redirect target: bound before the request names it, used only if the offer needs it.
            var authClientId = parse.GetValue(clientId);
            using var redirect = authClientId is not null ? new LoopbackRedirectListener() : null;
            var verifier = new CredentialVerifier(
                new CachingDidResolver(await chain.DidResolverAsync(parse, context.Http, ct)),
                statusListFetcher: new HttpStatusListCredentialFetcher(context.Http) { AllowHttpForLoopback = allowLoopback },
                formatHandlers:
                [
                    new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false },
                        new TokenStatusChecker(new HttpStatusListFetcher(context.Http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = allowLoopback }))),
                ]);
            return await WithWalletAsync(parse, wallet, passphraseFile, async w =>
            {
                var (key, generated) = parse.GetValue(keyId) is { } existing
                    ? (await Run(() => w.GetKeyAsync(existing, ct)), false)
                    : (await Run(() => w.GenerateKeyAsync(KeyType.Ed25519, cancellationToken: ct)), true);
                var client = new OpenId4VciWalletClient(
                    context.Http,
                    new OpenId4VciWalletClientOptions { AllowLoopbackHttp = allowLoopback, ClientId = authClientId, RedirectUri = redirect?.RedirectUri },
                    context.Time);
                var store = new ReceivedCredentialStore(w);
                CredentialReceiveResult result;
                try
                {
                    result = await client.ReceiveAsync(new CredentialReceiveRequest
                    {
                        OfferUri = offerUri,
                        TxCode = parse.GetValue(txCode),
                        HolderKeys = [new HolderBindingKey(await Run(() => w.GetSignerAsync(key.Id, cancellationToken: ct)), key.PublicKey)],
                        Verifier = verifier,
                        Store = store,
                        CredentialConfigurationId = parse.GetValue(configuration),
                        AuthorizationUserAgent = async (url, token) =>
                        {
                            // stdout keeps the command's result; the URL to open goes to stderr, one JSON line.
                            Console.Error.WriteLine(new JsonObject { ["authorizationUrl"] = url.AbsoluteUri, ["redirectUri"] = redirect!.RedirectUri }.ToJsonString());
                            return await redirect.WaitAsync(TimeSpan.FromSeconds(timeout), token);
                        },
                    }, ct);
                }
                catch (InvalidOperationException) when (authClientId is null)
                {
                    // Only the authorization code grant is offered, and the client id for it was not given.
                    if (generated)
                    {
                        await w.DeleteKeyAsync(key.Id, CancellationToken.None);
                    }

                    throw new CliException("clientIdRequired", "The offer has no pre-authorized code: the authorization code flow needs --client-id (the client id the issuer registered for this wallet).");
                }

                if (!result.Succeeded)
                {
                    // Nothing of a failed exchange stays in the wallet: neither a credential nor the key made for it.
                    foreach (var stored in store.Stored)
                    {
                        await w.DeleteCredentialAsync(stored.Id, CancellationToken.None);
                    }

                    if (generated)
                    {
                        await w.DeleteKeyAsync(key.Id, CancellationToken.None);
                    }

                    var problem = result.Problems[0];
                    throw new CliException(problem.Code, ReceiveMessage(result), ReceiveExitCode(problem.Code));
                }

                CliOutput.WriteJson(new JsonObject
                {
                    ["ids"] = new JsonArray([.. store.Stored.Select(c => (JsonNode)JsonValue.Create(c.Id))]),
                    ["key"] = key.Id,
                    ["credentials"] = new JsonArray([.. store.Stored.Select(c => (JsonNode)CredentialJson(c, withClaims: false))]),
                });
                return ExitCodes.Success;
            }, ct);
        });
        return command;
    }

    /// <summary>The first problem with its first cause (why a credential did not verify), never the credential itself.</summary>
    private static string ReceiveMessage(CredentialReceiveResult result) =>
        result.Problems.Count > 1 ? $"{result.Problems[0].Message} ({result.Problems[1].Code}: {result.Problems[1].Message})" : result.Problems[0].Message;

    /// <summary>
    /// Exit 1 when a credential arrived and did not verify (or the wallet refused it), 3 when the issuer could not be
    /// reached or answered outside the protocol, 2 for a bad offer, a refused transaction code or an insecure URL.
    /// </summary>
    private static int ReceiveExitCode(string code) => code switch
    {
        OpenId4VcProblemCodes.CredentialNotVerified or OpenId4VcProblemCodes.CredentialNotStored => ExitCodes.NotVerified,
        OpenId4VcProblemCodes.HttpFailure or OpenId4VcProblemCodes.InvalidMetadata or OpenId4VcProblemCodes.CredentialRequestFailed
            or OpenId4VcProblemCodes.UnsupportedGrant or OpenId4VcProblemCodes.UnsupportedConfiguration => ExitCodes.Network,
        _ => ExitCodes.BadInput,
    };

    /// <summary>
    /// The OpenID4VCI client's store over the wallet. The client has verified the credential (signature by a key the
    /// issuer's DID authorizes, validity, status, binding to the wallet key) before it calls this; the wallet parses it
    /// again on import and keeps it encrypted.
    /// </summary>
    private sealed class ReceivedCredentialStore(DidSdk.Wallet.Wallet wallet) : IOpenId4VciCredentialStore
    {
        public List<StoredCredential> Stored { get; } = [];

        public async Task<string?> StoreAsync(string credential, string format, CancellationToken cancellationToken = default)
        {
            var imported = await wallet.ImportCredentialAsync(credential, cancellationToken: cancellationToken);
            if (!imported.Succeeded)
            {
                return null;
            }

            Stored.Add(imported.Credential);
            return imported.Credential.Id;
        }
    }
}
