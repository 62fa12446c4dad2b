namespace DidSdk.Core.Resolution;

/// <summary>Dereferencing metadata (<see href="https://www.w3.org/TR/did-core/#did-url-dereferencing-metadata">DID Core 1.0 §7.2.2</see>).</summary>
public sealed class DidDereferencingMetadata
{
    /// <summary><c>contentType</c> of the content, when dereferencing succeeded.</summary>
    public string? ContentType { get; init; }

    /// <summary><c>error</c>: one of <see cref="DidResolutionErrors"/>, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>A human-readable explanation of <see cref="Error"/>.</summary>
    public string? ErrorMessage { get; init; }
}
