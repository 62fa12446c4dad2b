using System.Numerics;
using System.Text.Json;
using DidSdk.Crypto;
using DidSdk.Ethereum;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Consortium;

/// <summary>
/// A typed client for a <c>ConsortiumTrustRegistry</c> contract (source and compiled artifact ship in this package):
/// deployment, reads, proposals, approvals, execution and the accreditation history. Refusals by the contract throw
/// <see cref="ConsortiumRegistryException"/> with the decoded <see cref="ConsortiumRegistryError"/>; nothing is sent
/// when the gas estimate already reverts.
/// </summary>
public sealed class ConsortiumTrustRegistry
{
    private static readonly (string Signature, ConsortiumRegistryError Error)[] Errors =
    [
        ("NotMember(address)", ConsortiumRegistryError.NotMember),
        ("AlreadyMember(address)", ConsortiumRegistryError.AlreadyMember),
        ("UnknownProposal(uint256)", ConsortiumRegistryError.UnknownProposal),
        ("ProposalExpired(uint256,uint64)", ConsortiumRegistryError.ProposalExpired),
        ("AlreadyApproved(uint256,address)", ConsortiumRegistryError.AlreadyApproved),
        ("AlreadyExecuted(uint256)", ConsortiumRegistryError.AlreadyExecuted),
        ("NotEnoughApprovals(uint256,uint256,uint256)", ConsortiumRegistryError.NotEnoughApprovals),
        ("InvalidThreshold(uint256,uint256)", ConsortiumRegistryError.InvalidThreshold),
        ("InvalidWindow(uint64,uint64)", ConsortiumRegistryError.InvalidWindow),
        ("EmptyValue()", ConsortiumRegistryError.EmptyValue),
        ("UnknownAccreditation(bytes32)", ConsortiumRegistryError.UnknownAccreditation),
        ("InvalidTransition(bytes32,uint8,uint8)", ConsortiumRegistryError.InvalidTransition),
        ("InvalidSeed()", ConsortiumRegistryError.InvalidSeed),
    ];

    private static readonly Dictionary<uint, ConsortiumRegistryError> ErrorsBySelector =
        Errors.ToDictionary(e => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(AbiCodec.Selector(e.Signature)), e => e.Error);

    private static readonly Lazy<byte[]> CreationBytecode = new(LoadBytecode);

    private readonly IEthereumRpc _rpc;

    /// <summary>Creates a client for the registry at <paramref name="address"/>.</summary>
    public ConsortiumTrustRegistry(IEthereumRpc rpc, EthereumAddress address)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(address);
        this._rpc = rpc;
        Address = address;
    }

    /// <summary>The registry's address.</summary>
    public EthereumAddress Address { get; }

    /// <summary>The accreditation id the contract uses: <c>keccak256(abi.encode(issuerDid, credentialType))</c>.</summary>
    public static byte[] AccreditationIdOf(string issuerDid, string credentialType)
    {
        ArgumentNullException.ThrowIfNull(issuerDid);
        ArgumentNullException.ThrowIfNull(credentialType);
        return Hashes.Keccak256(AbiCodec.Encode([AbiValue.String(issuerDid), AbiValue.String(credentialType)]));
    }

    /// <summary>
    /// Deploys a registry seeded with the founding <paramref name="members"/> and <paramref name="threshold"/>; after this the
    /// deployer has no special power. Proposals expire <paramref name="proposalLifetime"/> after they are made.
    /// </summary>
    public static async Task<ConsortiumDeployment> DeployAsync(TransactionSender deployer, IReadOnlyList<ConsortiumMember> members, int threshold, TimeSpan proposalLifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployer);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A consortium needs at least one member.", nameof(members));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, members.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(proposalLifetime, TimeSpan.FromSeconds(1));
        var arguments = AbiCodec.Encode(
        [
            AbiValue.Array(AbiType.Address, [.. members.Select(m => AbiValue.Address(m.Address))]),
            AbiValue.Array(AbiType.String, [.. members.Select(m => AbiValue.String(m.Did))]),
            AbiValue.Array(AbiType.String, [.. members.Select(m => AbiValue.String(m.Name))]),
            AbiValue.Uint(threshold),
            AbiValue.Uint((ulong)proposalLifetime.TotalSeconds, 64),
        ]);
        var code = CreationBytecode.Value;
        var data = new byte[code.Length + arguments.Length];
        code.CopyTo(data, 0);
        arguments.CopyTo(data, code.Length);
        var receipt = await SendAsync(deployer, new TransactionRequest { Data = data }, cancellationToken).ConfigureAwait(false);
        var contract = receipt.ContractAddress ?? throw new EthereumTransportException("The deployment receipt names no contract address.");
        return new ConsortiumDeployment(contract, receipt.TransactionHash, receipt.BlockNumber);
    }

    /// <summary>The number of approvals a proposal needs.</summary>
    public async Task<int> GetThresholdAsync(CancellationToken cancellationToken = default) =>
        (int)(await ReadAsync("threshold()", [AbiType.Uint256], cancellationToken).ConfigureAwait(false))[0].AsInteger();

    /// <summary>Whether <paramref name="account"/> is a member.</summary>
    public async Task<bool> IsMemberAsync(EthereumAddress account, CancellationToken cancellationToken = default) =>
        (await ReadAsync("isMember(address)", [AbiType.Bool], cancellationToken, AbiValue.Address(account)).ConfigureAwait(false))[0].AsBool();

    /// <summary>The current members (two round trips: the count, then one batch).</summary>
    public async Task<IReadOnlyList<ConsortiumMember>> GetMembersAsync(CancellationToken cancellationToken = default)
    {
        var count = (int)(await ReadAsync("memberCount()", [AbiType.Uint256], cancellationToken).ConfigureAwait(false))[0].AsInteger();
        var rows = await ReadManyAsync("memberAt(uint256)", [AbiType.Address, AbiType.String, AbiType.String], count, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new ConsortiumMember(r[0].AsAddress(), r[1].AsString(), r[2].AsString()))];
    }

    /// <summary>Every accreditation ever made, in its current state.</summary>
    public async Task<IReadOnlyList<Accreditation>> GetAccreditationsAsync(CancellationToken cancellationToken = default)
    {
        var count = (int)(await ReadAsync("accreditationCount()", [AbiType.Uint256], cancellationToken).ConfigureAwait(false))[0].AsInteger();
        var rows = await ReadManyAsync(
            "accreditationAt(uint256)",
            [AbiType.Bytes32, AbiType.String, AbiType.String, AbiType.Uint(8), AbiType.Uint(64), AbiType.Uint(64), AbiType.Uint(64)],
            count,
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new Accreditation(
            r[0].AsBytes(),
            r[1].AsString(),
            r[2].AsString(),
            (AccreditationStatus)(int)r[3].AsInteger(),
            ConsortiumEvents.Time((ulong)r[4].AsInteger()),
            r[5].AsInteger() == 0 ? null : ConsortiumEvents.Time((ulong)r[5].AsInteger()),
            ConsortiumEvents.Time((ulong)r[6].AsInteger())))];
    }

    /// <summary>The contract's own answer for this block: active and inside the window.</summary>
    public async Task<bool> IsAccreditedAsync(string issuerDid, string credentialType, CancellationToken cancellationToken = default) =>
        (await ReadAsync("isAccredited(string,string)", [AbiType.Bool], cancellationToken, AbiValue.String(issuerDid), AbiValue.String(credentialType)).ConfigureAwait(false))[0].AsBool();

    /// <summary>A proposal; an unknown id throws <see cref="ConsortiumRegistryException"/> (<see cref="ConsortiumRegistryError.UnknownProposal"/>).</summary>
    public async Task<ConsortiumProposal> GetProposalAsync(ulong proposalId, CancellationToken cancellationToken = default)
    {
        var r = await ReadAsync(
            "getProposal(uint256)",
            [AbiType.Uint(8), AbiType.Address, AbiType.Uint(64), AbiType.Bool, AbiType.Uint256, AbiType.Bytes],
            cancellationToken,
            AbiValue.Uint(proposalId)).ConfigureAwait(false);
        return new ConsortiumProposal(proposalId, (ConsortiumAction)(int)r[0].AsInteger(), r[1].AsAddress(), ConsortiumEvents.Time((ulong)r[2].AsInteger()), r[3].AsBool(), (int)r[4].AsInteger(), r[5].AsBytes());
    }

    /// <summary>Whether <paramref name="member"/>'s approval of the proposal counts now.</summary>
    public async Task<bool> HasApprovedAsync(ulong proposalId, EthereumAddress member, CancellationToken cancellationToken = default) =>
        (await ReadAsync("hasApproved(uint256,address)", [AbiType.Bool], cancellationToken, AbiValue.Uint(proposalId), AbiValue.Address(member)).ConfigureAwait(false))[0].AsBool();

    /// <summary>Proposes admitting a member (the proposer's approval is included).</summary>
    public Task<ConsortiumWriteResult> ProposeAdmitMemberAsync(TransactionSender member, ConsortiumMember candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return ProposeAsync(member, "proposeAdmitMember(address,string,string)", cancellationToken, AbiValue.Address(candidate.Address), AbiValue.String(candidate.Did), AbiValue.String(candidate.Name));
    }

    /// <summary>Proposes removing a member. Its approvals of pending proposals stop counting once removed.</summary>
    public Task<ConsortiumWriteResult> ProposeRemoveMemberAsync(TransactionSender member, EthereumAddress memberToRemove, CancellationToken cancellationToken = default) =>
        ProposeAsync(member, "proposeRemoveMember(address)", cancellationToken, AbiValue.Address(memberToRemove));

    /// <summary>Proposes a new threshold (1 to the member count).</summary>
    public Task<ConsortiumWriteResult> ProposeThresholdAsync(TransactionSender member, int threshold, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        return ProposeAsync(member, "proposeThreshold(uint256)", cancellationToken, AbiValue.Uint(threshold));
    }

    /// <summary>Proposes accrediting <paramref name="issuerDid"/> for <paramref name="credentialType"/> (or renewing its window).</summary>
    public Task<ConsortiumWriteResult> ProposeAccreditAsync(TransactionSender member, string issuerDid, string credentialType, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuerDid);
        ArgumentException.ThrowIfNullOrEmpty(credentialType);
        return ProposeAsync(
            member,
            "proposeAccredit(string,string,uint64,uint64)",
            cancellationToken,
            AbiValue.String(issuerDid),
            AbiValue.String(credentialType),
            AbiValue.Uint(Seconds(validFrom), 64),
            AbiValue.Uint(Seconds(validUntil), 64));
    }

    /// <summary>Proposes suspending an accreditation.</summary>
    public Task<ConsortiumWriteResult> ProposeSuspendAsync(TransactionSender member, string issuerDid, string credentialType, CancellationToken cancellationToken = default) =>
        ProposeAsync(member, "proposeSuspend(bytes32)", cancellationToken, AbiValue.FixedBytes(AccreditationIdOf(issuerDid, credentialType)));

    /// <summary>Proposes reinstating a suspended accreditation.</summary>
    public Task<ConsortiumWriteResult> ProposeReinstateAsync(TransactionSender member, string issuerDid, string credentialType, CancellationToken cancellationToken = default) =>
        ProposeAsync(member, "proposeReinstate(bytes32)", cancellationToken, AbiValue.FixedBytes(AccreditationIdOf(issuerDid, credentialType)));

    /// <summary>Proposes revoking an accreditation (final).</summary>
    public Task<ConsortiumWriteResult> ProposeRevokeAsync(TransactionSender member, string issuerDid, string credentialType, CancellationToken cancellationToken = default) =>
        ProposeAsync(member, "proposeRevoke(bytes32)", cancellationToken, AbiValue.FixedBytes(AccreditationIdOf(issuerDid, credentialType)));

    /// <summary>Approves a proposal.</summary>
    public async Task<ConsortiumWriteResult> ApproveAsync(TransactionSender member, ulong proposalId, CancellationToken cancellationToken = default)
    {
        var receipt = await SendAsync(member, Call("approve(uint256)", AbiValue.Uint(proposalId)), cancellationToken).ConfigureAwait(false);
        return new ConsortiumWriteResult(receipt.TransactionHash, receipt.BlockNumber, proposalId, false);
    }

    /// <summary>Executes a proposal that enough current members approved.</summary>
    public async Task<ConsortiumWriteResult> ExecuteAsync(TransactionSender member, ulong proposalId, CancellationToken cancellationToken = default)
    {
        var receipt = await SendAsync(member, Call("execute(uint256)", AbiValue.Uint(proposalId)), cancellationToken).ConfigureAwait(false);
        var executed = receipt.Logs.Any(l => l.Address == Address && l.Topics.Count > 0 && l.Topics[0].AsSpan().SequenceEqual(ConsortiumEvents.ProposalExecutedTopic));
        return new ConsortiumWriteResult(receipt.TransactionHash, receipt.BlockNumber, proposalId, executed);
    }

    /// <summary>Every <c>AccreditationChanged</c> event from <paramref name="fromBlock"/> on, in chain order (one <c>eth_getLogs</c>).</summary>
    public async Task<IReadOnlyList<AccreditationChange>> GetAccreditationHistoryAsync(ulong fromBlock = 0, CancellationToken cancellationToken = default)
    {
        var logs = await _rpc.GetLogsAsync(new LogFilter { Address = Address, FromBlock = fromBlock, Topics = [ConsortiumEvents.AccreditationChangedTopic] }, cancellationToken).ConfigureAwait(false);
        var changes = new List<AccreditationChange>(logs.Count);
        foreach (var log in logs)
        {
            if (log.Address == Address && ConsortiumEvents.TryDecodeAccreditationChanged(log) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    /// <summary>
    /// Every event of the registry from <paramref name="fromBlock"/> on (through <paramref name="toBlock"/>, or the
    /// latest block), decoded and in chain order: members admitted and removed, threshold changes, proposals created,
    /// approved and executed, and accreditation changes — enough to rebuild the registry's state at any block (one
    /// <c>eth_getLogs</c>). Logs of other contracts, of unknown events and repeated logs are left out; a malformed log of
    /// a known event throws <see cref="EthereumTransportException"/>.
    /// </summary>
    public async Task<IReadOnlyList<ConsortiumRegistryEvent>> GetHistoryAsync(ulong fromBlock = 0, ulong? toBlock = null, CancellationToken cancellationToken = default)
    {
        var logs = await _rpc.GetLogsAsync(new LogFilter { Address = Address, FromBlock = fromBlock, ToBlock = toBlock }, cancellationToken).ConfigureAwait(false);
        var events = new List<ConsortiumRegistryEvent>(logs.Count);
        var seen = new HashSet<(ulong, ulong)>();
        foreach (var log in logs)
        {
            if (log.Address != Address || log.BlockNumber < fromBlock || (toBlock is { } last && log.BlockNumber > last) || !seen.Add((log.BlockNumber, log.LogIndex)))
            {
                continue;
            }

            ConsortiumRegistryEvent? decoded;
            try
            {
                decoded = ConsortiumEvents.Decode(log);
            }
            catch (FormatException e)
            {
                throw new EthereumTransportException(e.Message, e);
            }

            if (decoded is not null)
            {
                events.Add(decoded);
            }
        }

        events.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        return events;
    }

    private static ulong Seconds(DateTimeOffset? time) => time is { } t ? (ulong)Math.Max(0, t.ToUnixTimeSeconds()) : 0;

    private static byte[] LoadBytecode()
    {
        using var stream = typeof(ConsortiumTrustRegistry).Assembly.GetManifestResourceStream("DidSdk.Consortium.ConsortiumTrustRegistry.json")
            ?? throw new InvalidOperationException("The registry artifact is not embedded in the assembly.");
        using var artifact = JsonDocument.Parse(stream);
        return Hex.TryParseData(artifact.RootElement.GetProperty("bytecode").GetString(), out var code)
            ? code
            : throw new InvalidOperationException("The registry artifact's bytecode is not hex.");
    }

    private static async Task<TransactionReceipt> SendAsync(TransactionSender sender, TransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        try
        {
            return await sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionRevertedException e)
        {
            throw new ConsortiumRegistryException(Classify(e.Reason.Data), e.Reason, e);
        }
    }

    private static ConsortiumRegistryError Classify(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && ErrorsBySelector.TryGetValue(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data), out var error) ? error : ConsortiumRegistryError.Unknown;

    private TransactionRequest Call(string signature, params AbiValue[] arguments) => new() { To = Address, Data = AbiCodec.EncodeCall(signature, arguments) };

    private async Task<ConsortiumWriteResult> ProposeAsync(TransactionSender member, string signature, CancellationToken cancellationToken, params AbiValue[] arguments)
    {
        var receipt = await SendAsync(member, Call(signature, arguments), cancellationToken).ConfigureAwait(false);
        var created = receipt.Logs.FirstOrDefault(l => l.Address == Address && l.Topics.Count > 1 && l.Topics[0].AsSpan().SequenceEqual(ConsortiumEvents.ProposalCreatedTopic))
            ?? throw new EthereumTransportException("The proposal's receipt has no ProposalCreated event.");
        var id = new BigInteger(created.Topics[1], isUnsigned: true, isBigEndian: true);
        return new ConsortiumWriteResult(receipt.TransactionHash, receipt.BlockNumber, (ulong)id, false);
    }

    private async Task<IReadOnlyList<AbiValue>> ReadAsync(string signature, AbiType[] returns, CancellationToken cancellationToken, params AbiValue[] arguments)
    {
        byte[] data;
        try
        {
            data = await _rpc.CallAsync(new CallRequest { To = Address, Data = AbiCodec.EncodeCall(signature, arguments) }, BlockTags.Latest, cancellationToken).ConfigureAwait(false);
        }
        catch (EthereumRpcException e) when (RevertReason.FindRevertData(e.Error.Data) is { } revert)
        {
            throw new ConsortiumRegistryException(Classify(revert), RevertReason.Decode(revert), e);
        }

        return AbiCodec.TryDecode(returns, data, out var values, out var error)
            ? values
            : throw new EthereumTransportException($"The registry returned malformed data for {signature}: {error}");
    }

    private async Task<IReadOnlyList<IReadOnlyList<AbiValue>>> ReadManyAsync(string signature, AbiType[] returns, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        var requests = new RpcRequest[count];
        for (var i = 0; i < count; i++)
        {
            requests[i] = EthereumRpcRequests.Call(new CallRequest { To = Address, Data = AbiCodec.EncodeCall(signature, AbiValue.Uint(i)) });
        }

        var replies = await _rpc.SendBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        var rows = new List<IReadOnlyList<AbiValue>>(count);
        foreach (var reply in replies)
        {
            var data = EthereumRpcRequests.ParseData(reply.GetResultOrThrow("eth_call"));
            rows.Add(AbiCodec.TryDecode(returns, data, out var values, out var error)
                ? values
                : throw new EthereumTransportException($"The registry returned malformed data for {signature}: {error}"));
        }

        return rows;
    }
}
