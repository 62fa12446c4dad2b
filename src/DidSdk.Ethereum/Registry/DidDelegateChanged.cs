using System.Numerics;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Registry;

/// <summary><c>DIDDelegateChanged(address indexed identity, bytes32 delegateType, address delegate, uint validTo, uint previousChange)</c>.</summary>
public sealed record DidDelegateChanged : Erc1056Event
{
    /// <summary>The delegate type, e.g. <c>veriKey</c> or <c>sigAuth</c> (the bytes32 as UTF-8, zero padding removed).</summary>
    public required string DelegateType { get; init; }

    /// <summary>The delegate account.</summary>
    public required EthereumAddress Delegate { get; init; }

    /// <summary>Unix seconds until which the delegate is valid.</summary>
    public required BigInteger ValidTo { get; init; }
}
