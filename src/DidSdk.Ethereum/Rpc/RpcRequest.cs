using System.Text.Json.Nodes;

namespace DidSdk.Ethereum.Rpc;

/// <summary>One JSON-RPC 2.0 call: a method and its positional parameters.</summary>
/// <param name="Method">The method, e.g. <c>eth_call</c>.</param>
/// <param name="Parameters">The positional parameters.</param>
public sealed record RpcRequest(string Method, JsonArray Parameters);
