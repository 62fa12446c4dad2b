using System.Text.Json.Nodes;

namespace DidSdk.Wallet;

/// <summary>What import extracts from a credential before sealing it.</summary>
internal sealed record ParsedCredential(
    string Format,
    string Securing,
    string Issuer,
    IReadOnlyList<string> Types,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    string? StatusReference,
    JsonObject Claims,
    IReadOnlyList<string> DisclosablePaths);
