namespace DidSdk.Core.Dids;

/// <summary>Media types of the DID document representations and of DID resolution.</summary>
public static class DidMediaTypes
{
    /// <summary><c>application/did+json</c>.</summary>
    public const string DidJson = "application/did+json";

    /// <summary><c>application/did+ld+json</c>.</summary>
    public const string DidLdJson = "application/did+ld+json";

    /// <summary><c>application/did-resolution</c> (a whole DID resolution result), per W3C DID Resolution.</summary>
    public const string DidResolution = "application/did-resolution";

    /// <summary>The media type of <paramref name="representation"/>.</summary>
    public static string ToMediaType(this DidRepresentation representation) =>
        representation == DidRepresentation.JsonLd ? DidLdJson : DidJson;

    /// <summary>Maps a media type (parameters ignored) to a representation.</summary>
    public static bool TryParse(string? mediaType, out DidRepresentation representation)
    {
        var bare = mediaType?.Split(';', 2)[0].Trim();
        representation = bare switch
        {
            DidJson => DidRepresentation.Json,
            DidLdJson => DidRepresentation.JsonLd,
            _ => 0,
        };
        return representation != 0;
    }
}
