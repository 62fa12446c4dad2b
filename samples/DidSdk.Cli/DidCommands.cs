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
    public static Command Build(HttpClient httpClient)
    {
        var method = new Option<string>("--method") { Description = "key or jwk (ethr: see the Ethereum commands)", Required = true };
        method.AcceptOnlyFromAmong("key", "jwk");
        var keyFile = new Option<string>("--key") { Description = "A JWK file (public or private), @FILE or -", Required = true };
        var create = new Command("create", "Create a DID from a key; prints {\"did\",\"didDocument\"}.") { method, keyFile };
        create.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var jwk = await ReadJwkAsync(parse.GetValue(keyFile)!, ct);
            if (!jwk.TryGetPublicKey(out var publicKey))
            {
                throw new CliException("invalidKey", "The JWK is not a usable public key.");
            }

            string did;
            DidDocument document;
            if (parse.GetValue(method) == "key")
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

            CliIo.WriteJson(new JsonObject { ["did"] = did, ["didDocument"] = JsonNode.Parse(document.ToJson(DidRepresentation.JsonLd)) });
            return ExitCodes.Success;
        }));

        var didUrl = new Argument<string>("DIDURL") { Description = "A DID or a DID URL (a fragment dereferences to the resource)" };
        var accept = new Option<string?>("--accept") { Description = "application/did+json or application/did+ld+json (default)" };
        var resolve = new Command("resolve", "Resolve a DID (did:key, did:jwk, did:web) or dereference a DID URL.") { didUrl, accept };
        resolve.SetAction(CommandCatalog.Run(async (parse, ct) =>
        {
            var input = parse.GetValue(didUrl)!;
            var resolver = new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver(), new DidWebResolver(httpClient));
            if (!DidUrl.TryParse(input, out var parsed, out var problem))
            {
                throw new CliException("invalidDidUrl", problem?.Message ?? "Not a DID URL.");
            }

            if (parsed.Fragment is not null || parsed.Query is not null || parsed.Path is not null)
            {
                var dereferenced = await new DidUrlDereferencer(resolver).DereferenceAsync(input, new DidDereferencingOptions { Accept = parse.GetValue(accept) }, ct);
                if (!dereferenced.IsSuccess)
                {
                    throw new CliException(dereferenced.DereferencingMetadata.Error!, $"Could not dereference {input}.", ExitCodes.NotVerified);
                }

                CliIo.WriteJson(JsonNode.Parse(dereferenced.ContentToJson()));
                return ExitCodes.Success;
            }

            var result = await resolver.ResolveAsync(input, new DidResolutionOptions { Accept = parse.GetValue(accept) }, ct);
            CliIo.WriteJson(JsonNode.Parse(result.ToJson()));
            return result.IsSuccess ? ExitCodes.Success : ExitCodes.NotVerified;
        }));

        return new Command("did", "Create and resolve DIDs.") { create, resolve };
    }

    private static async Task<Jwk> ReadJwkAsync(string value, CancellationToken cancellationToken)
    {
        var text = await CliIo.ReadInputAsync(value.StartsWith('@') || value == "-" || value.TrimStart().StartsWith('{') ? value : "@" + value, cancellationToken);
        return Jwk.TryParse(text, out var jwk, out var error) ? jwk : throw new CliException("invalidKey", error ?? "Not a JWK.");
    }
}
