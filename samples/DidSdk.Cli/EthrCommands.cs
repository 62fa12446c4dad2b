using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Cli;

/// <summary>
/// <c>didsdk ethr set-attribute|revoke-attribute|add-delegate|revoke-delegate|change-owner|deactivate</c>: ERC-1056
/// registry writes, sent by the owner (<c>--key</c>) or, with <c>--signed --relayer-key FILE</c>, signed by the owner and
/// sent by a relayer who pays the gas. Each prints <c>{"transactionHash","blockNumber"}</c>.
/// </summary>
internal static class EthrCommands
{
    // About 3,170 years: far beyond any use, and within what TimeSpan holds.
    private const long MaxTtlSeconds = 100_000_000_000;

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new Command("ethr", "Update did:ethr DIDs in an ERC-1056 registry.");
        root.Subcommands.Add(Write(context, "set-attribute", "Set an attribute (did/pub/..., did/svc/...). VALUE: 0x hex, base64/base58 per the name's encoding, else UTF-8 text.", ["NAME", "VALUE"], withTtl: true,
            (r, w, did, a, ttl, ct) => r.SetAttributeAsync(w, did, a[0], AttributeValue(a[0], a[1]), ttl, ct)));
        root.Subcommands.Add(Write(context, "revoke-attribute", "Revoke an attribute (same NAME and VALUE as set).", ["NAME", "VALUE"], withTtl: false,
            (r, w, did, a, _, ct) => r.RevokeAttributeAsync(w, did, a[0], AttributeValue(a[0], a[1]), ct)));
        root.Subcommands.Add(Write(context, "add-delegate", "Add a delegate account of TYPE veriKey or sigAuth.", ["TYPE", "ADDRESS"], withTtl: true,
            (r, w, did, a, ttl, ct) => r.AddDelegateAsync(w, did, a[0], Address(a[1]), ttl, ct)));
        root.Subcommands.Add(Write(context, "revoke-delegate", "Revoke a delegate.", ["TYPE", "ADDRESS"], withTtl: false,
            (r, w, did, a, _, ct) => r.RevokeDelegateAsync(w, did, a[0], Address(a[1]), ct)));
        root.Subcommands.Add(Write(context, "change-owner", "Hand the DID to another account.", ["ADDRESS"], withTtl: false,
            (r, w, did, a, _, ct) => r.ChangeOwnerAsync(w, did, Address(a[0]), ct)));
        root.Subcommands.Add(Write(context, "deactivate", "Deactivate the DID for good (owner = the zero address).", [], withTtl: false,
            (r, w, did, _, _, ct) => r.DeactivateAsync(w, did, ct)));
        return root;
    }

    private delegate Task<RegistryWriteResult> WriteAction(EthrDidRegistrar registrar, EthrDidWriter writer, string did, string[] arguments, TimeSpan ttl, CancellationToken cancellationToken);

    private static Command Write(CliContext context, string name, string description, string[] argumentNames, bool withTtl, WriteAction action)
    {
        var chain = new ChainOptions();
        var did = new Argument<string>("DID") { Description = "The did:ethr to update" };
        var arguments = argumentNames.Select(a => new Argument<string>(a)).ToArray();
        var ttl = new Option<long>("--ttl") { Description = "Validity in seconds (default 31536000, one year)", DefaultValueFactory = _ => 31_536_000 };
        var key = new Option<string>("--key") { Description = "The owner's secp256k1 private JWK (FILE, @FILE or -)", Required = true };
        var signed = new Option<bool>("--signed") { Description = "Send the *Signed meta-transaction: the owner signs, the relayer sends and pays" };
        var relayerKey = new Option<string?>("--relayer-key") { Description = "The relayer's secp256k1 private JWK (with --signed)" };
        var command = new Command(name, description) { did };
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        if (withTtl)
        {
            command.Options.Add(ttl);
        }

        command.Options.Add(key);
        command.Options.Add(signed);
        command.Options.Add(relayerKey);
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            // Everything the tool can check locally is checked before the node is asked anything.
            var seconds = parse.GetValue(ttl);
            if (withTtl && seconds is < 1 or > MaxTtlSeconds)
            {
                throw new CliException("badUsage", $"--ttl must be between 1 and {MaxTtlSeconds} seconds.");
            }

            var target = parse.GetValue(did)!;
            if (!EthrDid.TryParse(target, out _))
            {
                throw new CliException("invalidDid", "Not a did:ethr DID.");
            }

            if (parse.GetValue(signed) && parse.GetValue(relayerKey) is null)
            {
                throw new CliException("badUsage", "--signed needs --relayer-key.");
            }

            using var owner = await PrivateKeyAsync(context, parse.GetValue(key)!, "owner key", ct);
            using var relayer = parse.GetValue(signed) ? await PrivateKeyAsync(context, parse.GetValue(relayerKey)!, "relayer key", ct) : null;
            var (rpc, registry, chainId) = await chain.ConnectAsync(parse, context.Http, ct);
            var options = new TransactionSenderOptions { ChainId = chainId, PollInterval = TimeSpan.FromMilliseconds(200) };
            var writer = relayer is not null
                ? EthrDidWriter.Relayed(new TransactionSender(rpc, new KeyTransactionSigner(relayer), options), owner)
                : EthrDidWriter.Direct(new TransactionSender(rpc, new KeyTransactionSigner(owner), options));
            var result = await action(new EthrDidRegistrar(new EthereumDidRegistry(rpc, registry)), writer, target, [.. arguments.Select(a => parse.GetValue(a)!)], TimeSpan.FromSeconds(Math.Max(1, seconds)), ct);
            CliOutput.WriteJson(new JsonObject { ["transactionHash"] = result.TransactionHash, ["blockNumber"] = result.BlockNumber });
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<PrivateKey> PrivateKeyAsync(CliContext context, string value, string what, CancellationToken ct)
    {
        var key = await context.Input.ReadPrivateKeyAsync(value, what, ct);
        if (key.KeyType != KeyType.Secp256k1)
        {
            key.Dispose();
            throw new CliException("invalidKey", "Ethereum accounts use secp256k1 (ES256K) keys.");
        }

        return key;
    }

    private static EthereumAddress Address(string text) =>
        EthereumAddress.TryParse(text, out var address) ? address : throw new CliException("invalidInput", "The address is not an Ethereum address (0x and 40 hex digits).");

    /// <summary>Like ethr-did: 0x hex as bytes; base64/base58 decoded when the name says so; otherwise UTF-8 text.</summary>
    private static byte[] AttributeValue(string name, string value)
    {
        if (value.StartsWith("0x", StringComparison.Ordinal) && DidSdk.Ethereum.Hex.TryParseData(value, out var bytes))
        {
            return bytes;
        }

        if (name.EndsWith("/base64", StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
                throw new CliException("invalidInput", "The value is not base64.");
            }
        }

        if (name.EndsWith("/base58", StringComparison.Ordinal))
        {
            return Multibase.TryDecode("z" + value, MultibaseEncoding.Base58Btc, out var decoded) ? decoded : throw new CliException("invalidInput", "The value is not base58.");
        }

        return Encoding.UTF8.GetBytes(value);
    }
}
