using System.Diagnostics.CodeAnalysis;
using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

/// <summary>Helpers shared by DID method resolvers.</summary>
public static class DidResolution
{
    /// <summary>
    /// Validates <paramref name="did"/> for a resolver of <paramref name="method"/> and picks the representation from
    /// <c>accept</c>; on failure returns the <c>invalidDid</c>, <c>methodNotSupported</c> or
    /// <c>representationNotSupported</c> result to return.
    /// </summary>
    public static bool TryBegin(
        string? did,
        string method,
        DidResolutionOptions? options,
        [NotNullWhen(true)] out Did? parsed,
        out DidRepresentation representation,
        [NotNullWhen(false)] out DidResolutionResult? failure)
    {
        ArgumentNullException.ThrowIfNull(method);
        parsed = null;
        representation = DidRepresentation.JsonLd;
        if (!Did.TryParse(did, out parsed, out var problem))
        {
            failure = DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, problem.Message);
            return false;
        }

        if (!string.Equals(parsed.Method, method, StringComparison.Ordinal))
        {
            failure = DidResolutionResult.Failure(DidResolutionErrors.MethodNotSupported, $"This resolver handles did:{method} only.");
            parsed = null;
            return false;
        }

        if (!TryGetRepresentation(options, out representation))
        {
            failure = DidResolutionResult.Failure(DidResolutionErrors.RepresentationNotSupported, "Supported representations: application/did+ld+json, application/did+json.");
            parsed = null;
            return false;
        }

        failure = null;
        return true;
    }

    /// <summary>Maps the <c>accept</c> option to a representation; no <c>accept</c> (or <c>application/did-resolution</c>) means JSON-LD.</summary>
    public static bool TryGetRepresentation(DidResolutionOptions? options, out DidRepresentation representation)
    {
        representation = DidRepresentation.JsonLd;
        var accept = options?.Accept;
        if (accept is null || accept.Split(';', 2)[0].Trim() is DidMediaTypes.DidResolution or "*/*")
        {
            return true;
        }

        return DidMediaTypes.TryParse(accept, out representation);
    }
}
