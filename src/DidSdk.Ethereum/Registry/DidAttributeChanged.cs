using System.Numerics;

namespace DidSdk.Ethereum.Registry;

/// <summary><c>DIDAttributeChanged(address indexed identity, bytes32 name, bytes value, uint validTo, uint previousChange)</c>.</summary>
public sealed record DidAttributeChanged : Erc1056Event
{
    /// <summary>The attribute name, e.g. <c>did/pub/Ed25519/veriKey/base64</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The attribute value.</summary>
    public required byte[] Value { get; init; }

    /// <summary>Unix seconds until which the attribute is valid (0 when revoked).</summary>
    public required BigInteger ValidTo { get; init; }
}
