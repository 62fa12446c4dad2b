using System.Text.Json;

namespace DidSdk.Core.Resolution;

/// <summary>
/// DID resolution metadata (<see href="https://www.w3.org/TR/did-core/#did-resolution-metadata">DID Core 1.0 §7.1.2</see>).
/// Immutable.
/// </summary>
public sealed class DidResolutionMetadata
{
    private readonly IReadOnlyDictionary<string, JsonElement> _additional = Dids.DidJson.NoProperties;

    /// <summary><c>contentType</c>: the media type of the returned representation, when resolution succeeded.</summary>
    public string? ContentType { get; init; }

    /// <summary><c>error</c>: one of <see cref="DidResolutionErrors"/>, or <see langword="null"/> on success.</summary>
    public string? Error { get; init; }

    /// <summary>A human-readable explanation of <see cref="Error"/> (never secrets).</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Other metadata properties (method-specific), preserved as JSON.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get => _additional; init => _additional = Dids.DidJson.Freeze(value); }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (ContentType is not null)
        {
            writer.WriteString("contentType", ContentType);
        }

        if (Error is not null)
        {
            writer.WriteString("error", Error);
        }

        if (ErrorMessage is not null)
        {
            writer.WriteString("errorMessage", ErrorMessage);
        }

        Dids.DidJson.WriteAdditional(writer, _additional);
        writer.WriteEndObject();
    }
}
