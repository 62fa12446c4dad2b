using System.Text.Json.Serialization;

namespace DidSdk.Wallet;

/// <summary>Source-generated JSON for the clear <c>types</c> column (AOT-safe).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class WalletJsonContext : JsonSerializerContext;
