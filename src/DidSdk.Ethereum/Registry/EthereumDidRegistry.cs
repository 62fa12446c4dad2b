using System.Numerics;
using System.Text;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Ethereum.Registry;

/// <summary>
/// A client for an ERC-1056 <c>EthereumDIDRegistry</c> contract: reads (<c>identityOwner</c>, <c>validDelegate</c>,
/// <c>changed</c>, <c>nonce</c>), writes sent by the identity owner, and every <c>*Signed</c> variant, where the owner
/// only signs and a relayer sends (and pays for) the transaction.
/// </summary>
public sealed class EthereumDidRegistry
{
    private readonly IEthereumRpc _rpc;

    /// <summary>Creates a client for the registry at <paramref name="address"/>.</summary>
    public EthereumDidRegistry(IEthereumRpc rpc, EthereumAddress address)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(address);
        this._rpc = rpc;
        Address = address;
    }

    /// <summary>The registry contract's address.</summary>
    public EthereumAddress Address { get; }

    /// <summary><c>identityOwner(identity)</c>: the current owner (the identity itself until changed).</summary>
    public async Task<EthereumAddress> IdentityOwnerAsync(EthereumAddress identity, string blockTag = BlockTags.Latest, CancellationToken cancellationToken = default) =>
        (await ReadAsync("identityOwner(address)", [AbiType.Address], blockTag, cancellationToken, AbiValue.Address(identity)).ConfigureAwait(false))[0].AsAddress();

    /// <summary><c>validDelegate(identity, delegateType, delegate)</c>.</summary>
    public async Task<bool> ValidDelegateAsync(EthereumAddress identity, string delegateType, EthereumAddress @delegate, CancellationToken cancellationToken = default) =>
        (await ReadAsync("validDelegate(address,bytes32,address)", [AbiType.Bool], BlockTags.Latest, cancellationToken, AbiValue.Address(identity), AbiValue.Bytes32String(delegateType), AbiValue.Address(@delegate)).ConfigureAwait(false))[0].AsBool();

    /// <summary><c>changed(identity)</c>: the block of the identity's last change (0 if never changed).</summary>
    public async Task<ulong> ChangedAsync(EthereumAddress identity, string blockTag = BlockTags.Latest, CancellationToken cancellationToken = default) =>
        (ulong)(await ReadAsync("changed(address)", [AbiType.Uint256], blockTag, cancellationToken, AbiValue.Address(identity)).ConfigureAwait(false))[0].AsInteger();

    /// <summary><c>nonce(owner)</c>: the owner's meta-transaction counter.</summary>
    public async Task<BigInteger> NonceAsync(EthereumAddress owner, CancellationToken cancellationToken = default) =>
        (await ReadAsync("nonce(address)", [AbiType.Uint256], BlockTags.Latest, cancellationToken, AbiValue.Address(owner)).ConfigureAwait(false))[0].AsInteger();

    /// <summary><c>changeOwner(identity, newOwner)</c>, sent by the current owner. The zero address deactivates the DID.</summary>
    public Task<RegistryWriteResult> ChangeOwnerAsync(TransactionSender owner, EthereumAddress identity, EthereumAddress newOwner, CancellationToken cancellationToken = default) =>
        WriteAsync(owner, "changeOwner(address,address)", cancellationToken, AbiValue.Address(identity), AbiValue.Address(newOwner));

    /// <summary><c>addDelegate(identity, delegateType, delegate, validity)</c>.</summary>
    public Task<RegistryWriteResult> AddDelegateAsync(TransactionSender owner, EthereumAddress identity, string delegateType, EthereumAddress @delegate, TimeSpan validity, CancellationToken cancellationToken = default) =>
        WriteAsync(owner, "addDelegate(address,bytes32,address,uint256)", cancellationToken, AbiValue.Address(identity), AbiValue.Bytes32String(delegateType), AbiValue.Address(@delegate), Seconds(validity));

    /// <summary><c>revokeDelegate(identity, delegateType, delegate)</c>.</summary>
    public Task<RegistryWriteResult> RevokeDelegateAsync(TransactionSender owner, EthereumAddress identity, string delegateType, EthereumAddress @delegate, CancellationToken cancellationToken = default) =>
        WriteAsync(owner, "revokeDelegate(address,bytes32,address)", cancellationToken, AbiValue.Address(identity), AbiValue.Bytes32String(delegateType), AbiValue.Address(@delegate));

    /// <summary><c>setAttribute(identity, name, value, validity)</c>.</summary>
    public Task<RegistryWriteResult> SetAttributeAsync(TransactionSender owner, EthereumAddress identity, string name, ReadOnlyMemory<byte> value, TimeSpan validity, CancellationToken cancellationToken = default) =>
        WriteAsync(owner, "setAttribute(address,bytes32,bytes,uint256)", cancellationToken, AbiValue.Address(identity), AbiValue.Bytes32String(name), AbiValue.Bytes(value.Span), Seconds(validity));

    /// <summary><c>revokeAttribute(identity, name, value)</c>.</summary>
    public Task<RegistryWriteResult> RevokeAttributeAsync(TransactionSender owner, EthereumAddress identity, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        WriteAsync(owner, "revokeAttribute(address,bytes32,bytes)", cancellationToken, AbiValue.Address(identity), AbiValue.Bytes32String(name), AbiValue.Bytes(value.Span));

    /// <summary><c>changeOwnerSigned</c>: <paramref name="ownerKey"/> signs, <paramref name="relayer"/> sends and pays.</summary>
    public async Task<RegistryWriteResult> ChangeOwnerSignedAsync(TransactionSender relayer, PrivateKey ownerKey, EthereumAddress identity, EthereumAddress newOwner, CancellationToken cancellationToken = default)
    {
        var hash = ChangeOwnerHash(await OwnerNonceAsync(identity, cancellationToken).ConfigureAwait(false), identity, newOwner);
        return await WriteSignedAsync(relayer, ownerKey, hash, "changeOwnerSigned(address,uint8,bytes32,bytes32,address)", identity, cancellationToken, AbiValue.Address(newOwner)).ConfigureAwait(false);
    }

    /// <summary><c>addDelegateSigned</c>.</summary>
    public async Task<RegistryWriteResult> AddDelegateSignedAsync(TransactionSender relayer, PrivateKey ownerKey, EthereumAddress identity, string delegateType, EthereumAddress @delegate, TimeSpan validity, CancellationToken cancellationToken = default)
    {
        var hash = AddDelegateHash(await OwnerNonceAsync(identity, cancellationToken).ConfigureAwait(false), identity, delegateType, @delegate, validity);
        return await WriteSignedAsync(relayer, ownerKey, hash, "addDelegateSigned(address,uint8,bytes32,bytes32,bytes32,address,uint256)", identity, cancellationToken, AbiValue.Bytes32String(delegateType), AbiValue.Address(@delegate), Seconds(validity)).ConfigureAwait(false);
    }

    /// <summary><c>revokeDelegateSigned</c>.</summary>
    public async Task<RegistryWriteResult> RevokeDelegateSignedAsync(TransactionSender relayer, PrivateKey ownerKey, EthereumAddress identity, string delegateType, EthereumAddress @delegate, CancellationToken cancellationToken = default)
    {
        var hash = RevokeDelegateHash(await OwnerNonceAsync(identity, cancellationToken).ConfigureAwait(false), identity, delegateType, @delegate);
        return await WriteSignedAsync(relayer, ownerKey, hash, "revokeDelegateSigned(address,uint8,bytes32,bytes32,bytes32,address)", identity, cancellationToken, AbiValue.Bytes32String(delegateType), AbiValue.Address(@delegate)).ConfigureAwait(false);
    }

    /// <summary><c>setAttributeSigned</c>.</summary>
    public async Task<RegistryWriteResult> SetAttributeSignedAsync(TransactionSender relayer, PrivateKey ownerKey, EthereumAddress identity, string name, ReadOnlyMemory<byte> value, TimeSpan validity, CancellationToken cancellationToken = default)
    {
        var hash = SetAttributeHash(await OwnerNonceAsync(identity, cancellationToken).ConfigureAwait(false), identity, name, value.Span, validity);
        return await WriteSignedAsync(relayer, ownerKey, hash, "setAttributeSigned(address,uint8,bytes32,bytes32,bytes32,bytes,uint256)", identity, cancellationToken, AbiValue.Bytes32String(name), AbiValue.Bytes(value.Span), Seconds(validity)).ConfigureAwait(false);
    }

    /// <summary><c>revokeAttributeSigned</c>.</summary>
    public async Task<RegistryWriteResult> RevokeAttributeSignedAsync(TransactionSender relayer, PrivateKey ownerKey, EthereumAddress identity, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var hash = RevokeAttributeHash(await OwnerNonceAsync(identity, cancellationToken).ConfigureAwait(false), identity, name, value.Span);
        return await WriteSignedAsync(relayer, ownerKey, hash, "revokeAttributeSigned(address,uint8,bytes32,bytes32,bytes32,bytes)", identity, cancellationToken, AbiValue.Bytes32String(name), AbiValue.Bytes(value.Span)).ConfigureAwait(false);
    }

    /// <summary>
    /// The hash <c>changeOwnerSigned</c> checks: <c>keccak256(abi.encodePacked(bytes1(0x19), bytes1(0), this,
    /// nonce[identityOwner(identity)], identity, "changeOwner", newOwner))</c>. For signers that work offline (an HSM);
    /// <paramref name="ownerNonce"/> is <c>nonce(identityOwner(identity))</c>.
    /// </summary>
    public byte[] ChangeOwnerHash(BigInteger ownerNonce, EthereumAddress identity, EthereumAddress newOwner)
    {
        ArgumentNullException.ThrowIfNull(newOwner);
        return MetaTransactionHash(ownerNonce, identity, "changeOwner", newOwner.Bytes.ToArray());
    }

    /// <summary>The hash <c>addDelegateSigned</c> checks: <c>…, identity, "addDelegate", delegateType, delegate, validity</c>.</summary>
    public byte[] AddDelegateHash(BigInteger ownerNonce, EthereumAddress identity, string delegateType, EthereumAddress @delegate, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(@delegate);
        return MetaTransactionHash(ownerNonce, identity, "addDelegate", AbiValue.Bytes32String(delegateType).AsBytes(), @delegate.Bytes.ToArray(), Word(Seconds(validity).AsInteger()));
    }

    /// <summary>The hash <c>revokeDelegateSigned</c> checks: <c>…, identity, "revokeDelegate", delegateType, delegate</c>.</summary>
    public byte[] RevokeDelegateHash(BigInteger ownerNonce, EthereumAddress identity, string delegateType, EthereumAddress @delegate)
    {
        ArgumentNullException.ThrowIfNull(@delegate);
        return MetaTransactionHash(ownerNonce, identity, "revokeDelegate", AbiValue.Bytes32String(delegateType).AsBytes(), @delegate.Bytes.ToArray());
    }

    /// <summary>The hash <c>setAttributeSigned</c> checks: <c>…, identity, "setAttribute", name, value, validity</c>.</summary>
    public byte[] SetAttributeHash(BigInteger ownerNonce, EthereumAddress identity, string name, ReadOnlySpan<byte> value, TimeSpan validity) =>
        MetaTransactionHash(ownerNonce, identity, "setAttribute", AbiValue.Bytes32String(name).AsBytes(), value.ToArray(), Word(Seconds(validity).AsInteger()));

    /// <summary>The hash <c>revokeAttributeSigned</c> checks: <c>…, identity, "revokeAttribute", name, value</c>.</summary>
    public byte[] RevokeAttributeHash(BigInteger ownerNonce, EthereumAddress identity, string name, ReadOnlySpan<byte> value) =>
        MetaTransactionHash(ownerNonce, identity, "revokeAttribute", AbiValue.Bytes32String(name).AsBytes(), value.ToArray());

    /// <summary>
    /// The hash a <c>*Signed</c> call must carry a signature over, exactly as the contract computes it:
    /// <c>keccak256(abi.encodePacked(0x19, 0x00, registry, nonce[identityOwner(identity)], identity, functionName, args...))</c>,
    /// with <paramref name="packedArguments"/> already in <c>abi.encodePacked</c> form (addresses 20 bytes, <c>bytes32</c>
    /// and <c>uint256</c> 32 bytes, <c>bytes</c> as is).
    /// </summary>
    public byte[] MetaTransactionHash(BigInteger ownerNonce, EthereumAddress identity, string functionName, params IReadOnlyList<byte[]> packedArguments)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(functionName);
        ArgumentNullException.ThrowIfNull(packedArguments);
        ArgumentOutOfRangeException.ThrowIfNegative(ownerNonce);
        using var packed = new MemoryStream();
        packed.Write([0x19, 0x00]);
        packed.Write(Address.Bytes);
        packed.Write(Word(ownerNonce));
        packed.Write(identity.Bytes);
        packed.Write(Encoding.UTF8.GetBytes(functionName));
        foreach (var argument in packedArguments)
        {
            packed.Write(argument);
        }

        var hash = new byte[32];
        Hashes.Keccak256(packed.ToArray(), hash);
        return hash;
    }

    private async Task<BigInteger> OwnerNonceAsync(EthereumAddress identity, CancellationToken cancellationToken)
    {
        var owner = await IdentityOwnerAsync(identity, BlockTags.Latest, cancellationToken).ConfigureAwait(false);
        return await NonceAsync(owner, cancellationToken).ConfigureAwait(false);
    }

    private Task<RegistryWriteResult> WriteSignedAsync(TransactionSender relayer, PrivateKey ownerKey, byte[] hash, string signature, EthereumAddress identity, CancellationToken cancellationToken, params AbiValue[] rest)
    {
        ArgumentNullException.ThrowIfNull(ownerKey);
        var sig = SigningAlgorithm.Secp256k1.SignHashRecoverable(ownerKey, hash, out var recoveryId);
        AbiValue[] arguments = [AbiValue.Address(identity), AbiValue.Uint(27 + recoveryId, 8), AbiValue.FixedBytes(sig.AsSpan(0, 32)), AbiValue.FixedBytes(sig.AsSpan(32, 32)), .. rest];
        return WriteAsync(relayer, signature, cancellationToken, arguments);
    }

    private async Task<RegistryWriteResult> WriteAsync(TransactionSender sender, string signature, CancellationToken cancellationToken, params AbiValue[] arguments)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var receipt = await sender.SendAsync(new TransactionRequest { To = Address, Data = AbiCodec.EncodeCall(signature, arguments) }, cancellationToken).ConfigureAwait(false);
        return new RegistryWriteResult(receipt.TransactionHash, receipt.BlockNumber);
    }

    private async Task<IReadOnlyList<AbiValue>> ReadAsync(string signature, AbiType[] returns, string blockTag, CancellationToken cancellationToken, params AbiValue[] arguments)
    {
        var data = await _rpc.CallAsync(new CallRequest { To = Address, Data = AbiCodec.EncodeCall(signature, arguments) }, blockTag, cancellationToken).ConfigureAwait(false);
        return AbiCodec.TryDecode(returns, data, out var values, out var error)
            ? values
            : throw new EthereumTransportException($"The registry returned malformed data for {signature}: {error}");
    }

    private static AbiValue Seconds(TimeSpan validity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(validity, TimeSpan.FromSeconds(1));
        return AbiValue.Uint((BigInteger)validity.TotalSeconds);
    }

    private static byte[] Word(BigInteger value)
    {
        var word = new byte[32];
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }
}
