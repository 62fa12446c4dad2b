using System.Text.Json;

namespace DidSdk.Core.Dids;

/// <summary>
/// A service of a DID document, per <see href="https://www.w3.org/TR/did-core/#services">DID Core 1.0 §5.4 Services</see>.
/// Immutable once built; safe to share between threads and cached resolution results.
/// </summary>
public sealed class Service
{
    private readonly IReadOnlyList<string> _type = [];
    private readonly IReadOnlyDictionary<string, JsonElement> _additional = DidJson.NoProperties;

    /// <summary>The service <c>id</c> (a URI; a relative <c>#fragment</c> is resolved against the DID document <c>id</c> on consumption).</summary>
    public required string Id { get; init; }

    /// <summary>The service <c>type</c>: one string or a set of strings (written as a string when there is exactly one).</summary>
    public required IReadOnlyList<string> Type { get => _type; init => _type = [.. value]; }

    /// <summary>The <c>serviceEndpoint</c>: a URI string, a map, or a set of strings and maps (§5.4). The element is detached from any parser buffer.</summary>
    public required JsonElement ServiceEndpoint { get; init; }

    /// <summary>Properties other than <c>id</c>, <c>type</c> and <c>serviceEndpoint</c>, preserved for round trips.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get => _additional; init => _additional = DidJson.Freeze(value); }

    /// <summary>Whether <see cref="Type"/> contains <paramref name="type"/>.</summary>
    public bool HasType(string type) => _type.Contains(type, StringComparer.Ordinal);

    /// <summary>The endpoint when it is a single URI string, otherwise <see langword="null"/>.</summary>
    public string? ServiceEndpointUri => ServiceEndpoint.ValueKind == JsonValueKind.String ? ServiceEndpoint.GetString() : null;

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        DidJson.WriteStringOrSet(writer, "type", _type);
        writer.WritePropertyName("serviceEndpoint");
        ServiceEndpoint.WriteTo(writer);
        DidJson.WriteAdditional(writer, _additional);
        writer.WriteEndObject();
    }
}
