using System.Text.Json;

namespace DidSdk.Ethereum.Rpc;

/// <summary>A JSON-RPC error object (JSON-RPC 2.0 §5.1), e.g. a revert: code 3 with the revert data in <see cref="Data"/>.</summary>
/// <param name="Code">The error code.</param>
/// <param name="Message">The node's message.</param>
/// <param name="Data">The <c>data</c> member, if any.</param>
public sealed record RpcError(long Code, string Message, JsonElement? Data);
