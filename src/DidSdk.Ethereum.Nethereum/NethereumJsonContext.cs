using System.Text.Json.Serialization;

namespace DidSdk.Ethereum.Nethereum;

/// <summary>Source-generated metadata for the few primitives this package serializes.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class NethereumJsonContext : JsonSerializerContext;
