using System.Globalization;
using System.Text.Json;

namespace DidSdk.Core.Resolution;

/// <summary>
/// DID document metadata (<see href="https://www.w3.org/TR/did-core/#did-document-metadata">DID Core 1.0 §7.1.3</see>).
/// Immutable.
/// </summary>
public sealed class DidDocumentMetadata
{
    private readonly IReadOnlyList<string> _equivalentId = [];
    private readonly IReadOnlyDictionary<string, JsonElement> _additional = Dids.DidJson.NoProperties;

    /// <summary>Empty metadata.</summary>
    public static DidDocumentMetadata Empty { get; } = new();

    /// <summary><c>created</c>: when the DID was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary><c>updated</c>: when the DID document was last updated.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary><c>deactivated</c>: <see langword="true"/> when the DID has been deactivated.</summary>
    public bool? Deactivated { get; init; }

    /// <summary><c>nextUpdate</c>: when the next version of the resolved document was made, if a version was requested.</summary>
    public DateTimeOffset? NextUpdate { get; init; }

    /// <summary><c>versionId</c>: the version of the returned document.</summary>
    public string? VersionId { get; init; }

    /// <summary><c>nextVersionId</c>: the version after the returned one, if a version was requested.</summary>
    public string? NextVersionId { get; init; }

    /// <summary><c>equivalentId</c>: logically equivalent DIDs asserted by the method.</summary>
    public IReadOnlyList<string> EquivalentId { get => _equivalentId; init => _equivalentId = [.. value]; }

    /// <summary><c>canonicalId</c>: the canonical DID asserted by the method.</summary>
    public string? CanonicalId { get; init; }

    /// <summary>Other metadata properties (method-specific), preserved as JSON.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get => _additional; init => _additional = Dids.DidJson.Freeze(value); }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteTime(writer, "created", Created);
        WriteTime(writer, "updated", Updated);
        if (Deactivated is { } deactivated)
        {
            writer.WriteBoolean("deactivated", deactivated);
        }

        WriteTime(writer, "nextUpdate", NextUpdate);
        if (VersionId is not null)
        {
            writer.WriteString("versionId", VersionId);
        }

        if (NextVersionId is not null)
        {
            writer.WriteString("nextVersionId", NextVersionId);
        }

        Dids.DidJson.WriteSetIfAny(writer, "equivalentId", _equivalentId);
        if (CanonicalId is not null)
        {
            writer.WriteString("canonicalId", CanonicalId);
        }

        Dids.DidJson.WriteAdditional(writer, _additional);
        writer.WriteEndObject();
    }

    /// <summary>XML Schema <c>dateTime</c> in UTC with a <c>Z</c> and whole seconds, as DID Core §7.1.3 requires.</summary>
    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
    }
}
