using System.CommandLine;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Cli;

/// <summary><c>didsdk did create --method key|jwk --key FILE</c> and <c>didsdk did resolve DIDURL [--accept MEDIA]</c>.</summary>
internal static class DidCommands
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var httpClient = context.Http;
        var method = new Option<string>("--method") { Description = "key, jwk or ethr", Required = true };
        method.AcceptOnlyFromAmong("key", "jwk", "ethr");
        var chain = new ChainOptions();
        var keyFile = new Option<string>("--key") { Description = "A JWK file (public or private), @FILE or -", Required = true };
        var create = new Command("create", "Create a DID from a key; prints {\"did\",\"didDocument\"}. did:ethr needs no transaction: give --chain-id, or --rpc and --registry to read the chain.") { method, keyFile };
        chain.AddTo(create);
        create.SetCliAction(async (parse, ct) =>
        {
            var jwk = await context.Input.ReadJwkAsync(parse.GetValue(keyFile)!, "key", ct);
            if (!jwk.TryGetPublicKey(out var publicKey))
            {
                throw new CliException("invalidKey", "The JWK is not a usable public key.");
            }

            string did;
            DidDocument document;
            if (parse.GetValue(method) == "ethr")
            {
                if (publicKey.KeyType != KeyType.Secp256k1)
                {
                    throw new CliException("invalidKey", "did:ethr needs a secp256k1 (ES256K) key.");
                }

                if (chain.IsSet(parse))
                {
                    var resolver = await chain.ResolverAsync(parse, httpClient, ct);
                    var (_, _, chainId) = await chain.ConnectAsync(parse, httpClient, ct);
                    did = DidSdk.Ethereum.Ethr.EthrDidRegistrar.Create(publicKey, chainId);
                    var resolved = await resolver.ResolveAsync(did, null, ct);
                    document = resolved.DidDocument ?? throw new CliException(resolved.DidResolutionMetadata.Error ?? "notFound", "The new DID did not resolve.", ExitCodes.Network);
                }
                else if (parse.GetValue(chain.ChainId) is { } chainId)
                {
                    did = DidSdk.Ethereum.Ethr.EthrDidRegistrar.Create(publicKey, chainId);
                    document = DidSdk.Ethereum.Ethr.EthrDid.CreateDocument(did, chainId);
                }
                else
                {
                    throw new CliException("badUsage", "did:ethr needs --chain-id, or --rpc and --registry.");
                }
            }
            else if (parse.GetValue(method) == "key")
            {
                did = DidKey.Create(publicKey);
                document = DidKey.CreateDocument(publicKey);
            }
            else
            {
                var publicJwk = jwk.ToPublicJwk();
                did = DidJwk.Create(publicJwk);
                document = DidJwk.CreateDocument(did, publicJwk);
            }

            CliOutput.WriteJson(new JsonObject { ["did"] = did, ["didDocument"] = JsonNode.Parse(document.ToJson(DidRepresentation.JsonLd)) });
            return ExitCodes.Success;
        });

        var didUrl = new Argument<string>("DIDURL") { Description = "A DID or a DID URL (a fragment dereferences to the resource)" };
        var accept = new Option<string?>("--accept") { Description = "application/did+json or application/did+ld+json (default)" };
        var resolve = new Command("resolve", "Resolve a DID (did:key, did:jwk, did:web, did:ethr with --rpc/--registry) or dereference a DID URL.") { didUrl, accept };
        chain.AddTo(resolve);
        resolve.SetCliAction(async (parse, ct) =>
        {
            var input = parse.GetValue(didUrl)!;
            var resolver = await chain.DidResolverAsync(parse, httpClient, ct);
            if (!DidUrl.TryParse(input, out var parsed, out var problem))
            {
                throw new CliException("invalidDidUrl", "Not a DID or DID URL.");
            }

            if (parsed.Fragment is not null || parsed.Query is not null || parsed.Path is not null)
            {
                var dereferenced = await new DidUrlDereferencer(resolver).DereferenceAsync(input, new DidDereferencingOptions { Accept = parse.GetValue(accept) }, ct);
                if (!dereferenced.Succeeded)
                {
                    throw new CliException(dereferenced.DereferencingMetadata.Error!, $"Could not dereference {input}.", ExitCodes.NotVerified);
                }

                CliOutput.WriteJson(JsonNode.Parse(dereferenced.ContentToJson()));
                return ExitCodes.Success;
            }

            var result = await resolver.ResolveAsync(input, new DidResolutionOptions { Accept = parse.GetValue(accept) }, ct);
            CliOutput.WriteJson(JsonNode.Parse(result.ToJson()));
            return result.Succeeded ? ExitCodes.Success : ExitCodes.NotVerified;
        });

        return new Command("did", "Create and resolve DIDs.") { create, resolve };
    }
}
