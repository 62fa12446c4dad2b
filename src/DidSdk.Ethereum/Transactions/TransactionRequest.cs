using System.Numerics;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Transactions;

/// <summary>A transaction to send: the SDK fills in chain id, nonce, fees and gas.</summary>
public sealed class TransactionRequest
{
    /// <summary>The recipient, or <see langword="null"/> to deploy <see cref="Data"/> as a contract.</summary>
    public EthereumAddress? To { get; init; }

    /// <summary>Call data or init code.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The value in wei.</summary>
    public BigInteger Value { get; init; }

    /// <summary>A gas limit; <see langword="null"/> estimates it (× <see cref="TransactionSenderOptions.GasMargin"/>).</summary>
    public ulong? GasLimit { get; init; }
}
