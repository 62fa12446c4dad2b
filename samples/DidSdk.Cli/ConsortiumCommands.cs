using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Consortium;
using DidSdk.Core.Dids;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Cli;

/// <summary>
/// <c>didsdk consortium deploy|propose|approve|execute|members|accreditations|check</c>: a <c>ConsortiumTrustRegistry</c>
/// governed by its members (proposals that execute after <c>threshold</c> approvals), and the accreditation check
/// verifiers use. Writes are sent by a member's secp256k1 key (<c>--key</c>); the registry is <c>--contract ADDRESS</c>
/// on the chain at <c>--rpc URL</c>. A refusal by the contract is <c>transactionReverted</c> (exit 3) with the
/// contract's error name (<c>NotEnoughApprovals</c>, <c>AlreadyApproved</c>, ...) as the message.
/// </summary>
internal static class ConsortiumCommands
{
    private const int MaxMembers = 256;
    private const int MaxTextLength = 1024;
    private const long DefaultProposalLifetimeSeconds = 7 * 24 * 3600;
    private const long MaxProposalLifetimeSeconds = 10L * 365 * 24 * 3600;

    // The range DateTimeOffset holds (years 0001 to 9999); the contract stores seconds from 1970 as uint64.
    private const long MaxUnixSeconds = 253_402_300_799;

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("consortium", "Govern a consortium trust registry and check accreditations on the chain.")
        {
            BuildDeploy(context),
            BuildPropose(context),
            BuildVote(context, "approve", "Approve a proposal; prints {\"proposalId\",\"transactionHash\",\"blockNumber\",\"executed\",\"approvals\",\"threshold\"}."),
            BuildVote(context, "execute", "Execute a proposal that enough current members approved; prints {\"proposalId\",\"transactionHash\",\"blockNumber\",\"executed\"}."),
            BuildMembers(context),
            BuildAccreditations(context),
            BuildCheck(context),
        };
    }

    private static Command BuildDeploy(CliContext context)
    {
        var chain = new RegistryChain(withContract: false);
        var key = KeyOption("The deployer's secp256k1 private JWK (FILE, @FILE or -); it pays for the deployment and has no power afterwards");
        var members = new Option<string>("--members") { Description = "The founding members: a JSON array of {\"address\",\"did\",\"name\"} (FILE as @FILE, - or the JSON)", Required = true };
        var threshold = new Option<int>("--threshold") { Description = "Approvals a proposal needs (1 to the number of members)", Required = true };
        var lifetime = new Option<long>("--proposal-lifetime") { Description = "Seconds a proposal stays open (default 604800, seven days)", DefaultValueFactory = _ => DefaultProposalLifetimeSeconds };
        var command = new Command("deploy", "Deploy a registry seeded with the founding members and threshold; prints {\"contract\",\"transactionHash\",\"blockNumber\"}.") { key, members, threshold, lifetime };
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            var seconds = parse.GetValue(lifetime);
            if (seconds is < 1 or > MaxProposalLifetimeSeconds)
            {
                throw new CliException("badUsage", $"--proposal-lifetime must be between 1 and {MaxProposalLifetimeSeconds} seconds.");
            }

            var seed = ParseMembers(await context.Input.ReadTextAsync(parse.GetValue(members)!, "member list", ct));
            var count = parse.GetValue(threshold);
            if (count < 1 || count > seed.Count)
            {
                throw new CliException("badUsage", $"--threshold must be between 1 and the number of members ({seed.Count}).");
            }

            using var deployer = await ReadAccountKeyAsync(context, parse.GetValue(key)!, ct);
            var (rpc, chainId) = await chain.ConnectAsync(parse, context.Http, ct);
            var deployment = await Refusals(ConsortiumTrustRegistry.DeployAsync(Sender(rpc, deployer, chainId), seed, count, TimeSpan.FromSeconds(seconds), ct));
            CliOutput.WriteJson(new JsonObject
            {
                ["contract"] = deployment.Contract.ToString(),
                ["transactionHash"] = deployment.TransactionHash,
                ["blockNumber"] = deployment.BlockNumber,
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildPropose(CliContext context)
    {
        var propose = new Command("propose", "Propose a change; the proposer's approval is included. Prints {\"proposalId\",\"transactionHash\",\"blockNumber\"}.");

        var address = new Option<string>("--address") { Description = "The member's account address", Required = true };
        var did = new Option<string>("--did") { Description = "The member's DID", Required = true };
        var name = new Option<string>("--name") { Description = "The member's display name", Required = true };
        propose.Subcommands.Add(Proposal(context, "admit", "Propose admitting a member.", [address, did, name], parse =>
        {
            var member = new ConsortiumMember(Address(parse.GetValue(address)!), Text(parse.GetValue(did)!, "--did", requireDid: true), Text(parse.GetValue(name)!, "--name"));
            return (registry, sender, ct) => registry.ProposeAdmitMemberAsync(sender, member, ct);
        }));

        var removed = new Option<string>("--address") { Description = "The member's account address", Required = true };
        propose.Subcommands.Add(Proposal(context, "remove", "Propose removing a member; its approvals of pending proposals stop counting once it is removed.", [removed], parse =>
        {
            var member = Address(parse.GetValue(removed)!);
            return (registry, sender, ct) => registry.ProposeRemoveMemberAsync(sender, member, ct);
        }));

        var threshold = new Option<int>("--threshold") { Description = "The new number of approvals a proposal needs (1 to the member count)", Required = true };
        propose.Subcommands.Add(Proposal(context, "threshold", "Propose a new threshold.", [threshold], parse =>
        {
            var value = parse.GetValue(threshold);
            return value is < 1 or > MaxMembers
                ? throw new CliException("badUsage", $"--threshold must be between 1 and {MaxMembers}.")
                : (registry, sender, ct) => registry.ProposeThresholdAsync(sender, value, ct);
        }));

        var issuer = IssuerOption();
        var type = TypeOption();
        var validFrom = new Option<string?>("--valid-from") { Description = "Start of the accreditation (RFC 3339 date-time or seconds since 1970; default: always)" };
        var validUntil = new Option<string?>("--valid-until") { Description = "End of the accreditation, exclusive (RFC 3339 date-time or seconds since 1970; default: none)" };
        propose.Subcommands.Add(Proposal(context, "accredit", "Propose accrediting an issuer DID for a credential type (an SD-JWT VC vct or a VC type), or renewing its window.", [issuer, type, validFrom, validUntil], parse =>
        {
            var from = parse.GetValue(validFrom) is { } f ? Time(f, "--valid-from") : (DateTimeOffset?)null;
            var until = parse.GetValue(validUntil) is { } u ? Time(u, "--valid-until") : (DateTimeOffset?)null;
            if (until is { } end && end <= (from ?? DateTimeOffset.UnixEpoch))
            {
                throw new CliException("badUsage", "--valid-until must be after --valid-from.");
            }

            var issuerDid = Text(parse.GetValue(issuer)!, "--issuer", requireDid: true);
            var credentialType = Text(parse.GetValue(type)!, "--type");
            return (registry, sender, ct) => registry.ProposeAccreditAsync(sender, issuerDid, credentialType, from, until, ct);
        }));

        foreach (var (verb, description, action) in new (string, string, Func<ConsortiumTrustRegistry, TransactionSender, string, string, CancellationToken, Task<ConsortiumWriteResult>>)[]
        {
            ("suspend", "Propose suspending an accreditation (it may be reinstated).", (r, s, i, t, ct) => r.ProposeSuspendAsync(s, i, t, ct)),
            ("reinstate", "Propose reinstating a suspended accreditation.", (r, s, i, t, ct) => r.ProposeReinstateAsync(s, i, t, ct)),
            ("revoke", "Propose revoking an accreditation (final).", (r, s, i, t, ct) => r.ProposeRevokeAsync(s, i, t, ct)),
        })
        {
            var statusIssuer = IssuerOption();
            var statusType = TypeOption();
            propose.Subcommands.Add(Proposal(context, verb, description, [statusIssuer, statusType], parse =>
            {
                var issuerDid = Text(parse.GetValue(statusIssuer)!, "--issuer", requireDid: true);
                var credentialType = Text(parse.GetValue(statusType)!, "--type");
                return (registry, sender, ct) => action(registry, sender, issuerDid, credentialType, ct);
            }));
        }

        return propose;
    }

    /// <summary>Reads and checks the proposal's options (before anything is sent) and returns what sends it.</summary>
    private delegate Func<ConsortiumTrustRegistry, TransactionSender, CancellationToken, Task<ConsortiumWriteResult>> ProposeAction(ParseResult parse);

    private static Command Proposal(CliContext context, string name, string description, Option[] options, ProposeAction action)
    {
        var chain = new RegistryChain(withContract: true);
        var key = KeyOption("A member's secp256k1 private JWK (FILE, @FILE or -)");
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.Options.Add(key);
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            var send = action(parse);
            using var member = await ReadAccountKeyAsync(context, parse.GetValue(key)!, ct);
            var (registry, rpc, chainId) = await chain.RegistryAsync(parse, context.Http, ct);
            var result = await Refusals(send(registry, Sender(rpc, member, chainId), ct));
            CliOutput.WriteJson(new JsonObject
            {
                ["proposalId"] = result.ProposalId,
                ["transactionHash"] = result.TransactionHash,
                ["blockNumber"] = result.BlockNumber,
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildVote(CliContext context, string name, string description)
    {
        var chain = new RegistryChain(withContract: true);
        var id = new Argument<ulong>("PROPOSAL_ID") { Description = "The proposal (as propose printed it)" };
        var key = KeyOption("A member's secp256k1 private JWK (FILE, @FILE or -)");
        var command = new Command(name, description) { id, key };
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            var proposalId = parse.GetValue(id);
            if (proposalId == 0)
            {
                throw new CliException("badUsage", "Proposal ids start at 1.");
            }

            using var member = await ReadAccountKeyAsync(context, parse.GetValue(key)!, ct);
            var (registry, rpc, chainId) = await chain.RegistryAsync(parse, context.Http, ct);
            var sender = Sender(rpc, member, chainId);
            var output = new JsonObject { ["proposalId"] = proposalId };
            if (name == "approve")
            {
                var approved = await Refusals(registry.ApproveAsync(sender, proposalId, ct));
                var proposal = await registry.GetProposalAsync(proposalId, ct);
                output["transactionHash"] = approved.TransactionHash;
                output["blockNumber"] = approved.BlockNumber;
                output["executed"] = proposal.Executed;
                output["approvals"] = proposal.Approvals;
                output["threshold"] = await registry.GetThresholdAsync(ct);
            }
            else
            {
                var executed = await Refusals(registry.ExecuteAsync(sender, proposalId, ct));
                output["transactionHash"] = executed.TransactionHash;
                output["blockNumber"] = executed.BlockNumber;
                output["executed"] = executed.Executed;
            }

            CliOutput.WriteJson(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildMembers(CliContext context)
    {
        var chain = new RegistryChain(withContract: true);
        var command = new Command("members", "List the current members; prints [{\"address\",\"did\",\"name\"}].");
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            var (registry, _) = chain.Registry(parse, context.Http);
            var members = await Refusals(registry.GetMembersAsync(ct));
            CliOutput.WriteJson(new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["address"] = m.Address.ToString(), ["did"] = m.Did, ["name"] = m.Name })]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildAccreditations(CliContext context)
    {
        var chain = new RegistryChain(withContract: true);
        var issuer = new Option<string?>("--issuer") { Description = "Only this issuer's accreditations" };
        var command = new Command("accreditations", "List every accreditation in its current state; prints [{\"id\",\"issuer\",\"type\",\"status\",\"validFrom\",\"validUntil\",\"updatedAt\"}].") { issuer };
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            var only = parse.GetValue(issuer);
            var (registry, _) = chain.Registry(parse, context.Http);
            var accreditations = await Refusals(registry.GetAccreditationsAsync(ct));
            CliOutput.WriteJson(new JsonArray([.. accreditations
                .Where(a => only is null || string.Equals(a.IssuerDid, only, StringComparison.Ordinal))
                .Select(a => (JsonNode)new JsonObject
                {
                    ["id"] = "0x" + Convert.ToHexStringLower(a.Id.Span),
                    ["issuer"] = a.IssuerDid,
                    ["type"] = a.CredentialType,
                    ["status"] = a.Status.ToString().ToLowerInvariant(),
                    ["validFrom"] = Stamp(a.ValidFrom),
                    ["validUntil"] = a.ValidUntil is { } until ? Stamp(until) : null,
                    ["updatedAt"] = Stamp(a.UpdatedAt),
                })]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command BuildCheck(CliContext context)
    {
        var chain = new RegistryChain(withContract: true);
        var issuer = IssuerOption();
        var type = TypeOption();
        var at = new Option<string?>("--at") { Description = "The time to judge (RFC 3339 date-time or seconds since 1970); default: now" };
        var command = new Command("check", "Whether the issuer is accredited for the type (now, or at --at), from the registry's history; prints {\"accredited\",\"reason\",\"code\",\"at\"}; exit 1 when not.") { issuer, type, at };
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            var when = parse.GetValue(at) is { } text ? Time(text, "--at") : (DateTimeOffset?)null;
            var issuerDid = Text(parse.GetValue(issuer)!, "--issuer", requireDid: true);
            var credentialType = Text(parse.GetValue(type)!, "--type");
            var (registry, rpc) = chain.Registry(parse, context.Http);

            // The threshold read fails loudly when the address holds no registry, rather than answering "never accredited".
            _ = await Refusals(registry.GetThresholdAsync(ct));
            var decision = await new ConsortiumTrustPolicy(rpc, registry.Address, null, context.Time).CheckAccreditationAsync(issuerDid, credentialType, when, ct);
            if (decision.Problem?.Code == ConsortiumProblemCodes.RegistryUnavailable)
            {
                throw new CliException("networkError", "The consortium registry could not be read.", ExitCodes.Network);
            }

            CliOutput.WriteJson(new JsonObject
            {
                ["accredited"] = decision.Succeeded,
                ["reason"] = decision.Rule,
                ["code"] = decision.Problem?.Code,
                ["at"] = Stamp(when ?? context.Time.GetUtcNow()),
            });
            return decision.Succeeded ? ExitCodes.Success : ExitCodes.NotVerified;
        });
        return command;
    }

    private static Option<string> KeyOption(string description) => new("--key") { Description = description, Required = true };

    private static Option<string> IssuerOption() => new("--issuer") { Description = "The issuer's DID", Required = true };

    private static Option<string> TypeOption() => new("--type") { Description = "The credential type: an SD-JWT VC vct or a VC type", Required = true };

    private static TransactionSender Sender(IEthereumRpc rpc, PrivateKey key, ulong chainId) =>
        new(rpc, new KeyTransactionSigner(key), new TransactionSenderOptions { ChainId = chainId, PollInterval = TimeSpan.FromMilliseconds(200) });

    private static async Task<PrivateKey> ReadAccountKeyAsync(CliContext context, string value, CancellationToken ct)
    {
        var key = await context.Input.ReadPrivateKeyAsync(value, "member key", ct);
        if (key.KeyType != KeyType.Secp256k1)
        {
            key.Dispose();
            throw new CliException("invalidKey", "Ethereum accounts use secp256k1 (ES256K) keys.");
        }

        return key;
    }

    /// <summary>The contract's refusals, named by its custom error; a registry read at an address without one is a chain failure.</summary>
    private static async Task<T> Refusals<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (ConsortiumRegistryException e)
        {
            throw new CliException("transactionReverted", e.Error == ConsortiumRegistryError.Unknown ? e.Reason.Message : e.Error.ToString(), ExitCodes.Network);
        }
    }

    private static List<ConsortiumMember> ParseMembers(string text)
    {
        var status = StrictJson.TryParseNode(Encoding.UTF8.GetBytes(text), 8, out var node);
        if (status != StrictJsonStatus.Ok || node is not JsonArray array)
        {
            throw new CliException("invalidJson", "The member list must be a JSON array of {\"address\",\"did\",\"name\"} objects (no repeated members).");
        }

        if (array.Count is 0 or > MaxMembers)
        {
            throw new CliException("invalidInput", $"The member list must hold 1 to {MaxMembers} members.");
        }

        var members = new List<ConsortiumMember>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject member || member.Count != 3
                || Member(member, "address") is not { } address || Member(member, "did") is not { } did || Member(member, "name") is not { } name)
            {
                throw new CliException("invalidInput", "Each member is an object with exactly the strings address, did and name.");
            }

            var account = Address(address);
            if (members.Any(m => m.Address == account))
            {
                throw new CliException("invalidInput", "An address appears twice in the member list.");
            }

            members.Add(new ConsortiumMember(account, Text(did, "member did", requireDid: true), Text(name, "member name")));
        }

        return members;
    }

    private static string? Member(JsonObject member, string name) =>
        member.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static EthereumAddress Address(string text) =>
        EthereumAddress.TryParse(text, out var address) && address != EthereumAddress.FromBytes(new byte[EthereumAddress.Size])
            ? address
            : throw new CliException("invalidInput", "The address is not an Ethereum address (0x and 40 hex digits, not zero).");

    private static string Text(string value, string what, bool requireDid = false)
    {
        if (value.Length is 0 or > MaxTextLength || value.Any(char.IsControl))
        {
            throw new CliException("invalidInput", $"The {what} must be 1 to {MaxTextLength} characters without control characters.");
        }

        return requireDid && !Did.IsValid(value) ? throw new CliException("invalidDid", $"The {what} is not a DID.") : value;
    }

    /// <summary>An RFC 3339 date-time (a zone is required) or whole seconds since 1970.</summary>
    private static DateTimeOffset Time(string text, string what)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= MaxUnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : throw new CliException("badUsage", $"{what} is beyond the year 9999.");
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && (text[^1] is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-'))
            && time >= DateTimeOffset.UnixEpoch
            ? time
            : throw new CliException("badUsage", $"{what} must be an RFC 3339 date-time with a zone (2027-01-31T09:00:00Z) or seconds since 1970.");
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>vc verify --consortium ADDRESS [--trust-at issuance|now|both]</c>: trust from the registry instead of a list,
    /// on the chain of <c>--rpc</c>. The signing key's validity at issuance is checked with the verifier's resolver.
    /// </summary>
    internal sealed class VerifyOptions
    {
        public Option<string?> Consortium { get; } = new("--consortium") { Description = "Trust issuers as the consortium trust registry at this address (on the chain of --rpc) accredits them" };

        public Option<string?> TrustAt { get; } = new("--trust-at") { Description = "With --consortium: when the accreditation (and the signing key) must hold: issuance, now or both (default both)" };

        public void AddTo(Command command)
        {
            TrustAt.AcceptOnlyFromAmong("issuance", "now", "both");
            command.Options.Add(Consortium);
            command.Options.Add(TrustAt);
        }

        /// <summary>The consortium policy, or <see langword="null"/> when <c>--consortium</c> is not given; conflicting options are usage errors.</summary>
        public ITrustPolicy? Policy(ParseResult parse, ChainOptions chain, IDidResolver resolver, CliContext context, bool trustedIssuersGiven)
        {
            if (parse.GetValue(Consortium) is not { } text)
            {
                return parse.GetValue(TrustAt) is null ? null : throw new CliException("badUsage", "--trust-at needs --consortium.");
            }

            if (trustedIssuersGiven)
            {
                throw new CliException("badUsage", "Use either --trusted-issuer or --consortium.");
            }

            if (!EthereumAddress.TryParse(text, out var registry))
            {
                throw new CliException("badUsage", "--consortium needs the registry's address (0x and 40 hex digits).");
            }

            var rpc = RegistryChain.Connect(parse.GetValue(chain.Rpc), context.Http, "--consortium");
            var trustAt = parse.GetValue(TrustAt) switch
            {
                "issuance" => TrustTime.Issuance,
                "now" => TrustTime.Now,
                _ => TrustTime.Both,
            };

            return new ConsortiumTrustPolicy(rpc, registry, new ConsortiumTrustPolicyOptions { TrustAt = trustAt }, context.Time, resolver);
        }
    }

    /// <summary><c>--rpc URL [--chain-id N]</c> and, for commands on a deployed registry, <c>--contract ADDRESS</c>.</summary>
    private sealed class RegistryChain(bool withContract)
    {
        private readonly Option<string> _rpc = new("--rpc") { Description = "JSON-RPC URL of the chain holding the registry", Required = true };
        private readonly Option<ulong?> _chainId = new("--chain-id") { Description = "Chain id (default: asked of the node)" };
        private readonly Option<string> _contract = new("--contract") { Description = "Address of the ConsortiumTrustRegistry", Required = true };

        public void AddTo(Command command)
        {
            if (withContract)
            {
                command.Options.Add(_contract);
            }

            command.Options.Add(_rpc);
            command.Options.Add(_chainId);
        }

        public static EthereumRpcClient Connect(string? rpcText, HttpClient http, string what) =>
            rpcText is not null && Uri.TryCreate(rpcText, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = url })
                : throw new CliException("badUsage", $"{what} needs --rpc with an http(s) URL.");

        /// <summary>The node and, for writes, the chain id (asked of the node unless given).</summary>
        public async Task<(EthereumRpcClient Rpc, ulong ChainId)> ConnectAsync(ParseResult parse, HttpClient http, CancellationToken cancellationToken)
        {
            var rpc = Connect(parse.GetValue(_rpc), http, "The consortium command");
            return (rpc, parse.GetValue(_chainId) ?? await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false));
        }

        /// <summary>The registry client on the node (no request is sent yet).</summary>
        public (ConsortiumTrustRegistry Registry, EthereumRpcClient Rpc) Registry(ParseResult parse, HttpClient http)
        {
            if (!EthereumAddress.TryParse(parse.GetValue(_contract), out var contract))
            {
                throw new CliException("badUsage", "--contract needs the registry's address (0x and 40 hex digits).");
            }

            var rpc = Connect(parse.GetValue(_rpc), http, "The consortium command");
            return (new ConsortiumTrustRegistry(rpc, contract), rpc);
        }

        /// <summary>The registry client and the chain id, for writes.</summary>
        public async Task<(ConsortiumTrustRegistry Registry, EthereumRpcClient Rpc, ulong ChainId)> RegistryAsync(ParseResult parse, HttpClient http, CancellationToken cancellationToken)
        {
            var (registry, rpc) = Registry(parse, http);
            return (registry, rpc, parse.GetValue(_chainId) ?? await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false));
        }
    }
}
