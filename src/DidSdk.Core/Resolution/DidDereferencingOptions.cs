namespace DidSdk.Core.Resolution;

/// <summary>Options of DID URL dereferencing (<see href="https://www.w3.org/TR/did-core/#did-url-dereferencing-options">DID Core 1.0 §7.2.1</see>).</summary>
public sealed class DidDereferencingOptions
{
    /// <summary><c>accept</c>: the representation of a dereferenced DID document (see <see cref="DidResolutionOptions.Accept"/>).</summary>
    public string? Accept { get; init; }

    /// <summary><c>noCache</c>: passed on to resolution.</summary>
    public bool NoCache { get; init; }
}
