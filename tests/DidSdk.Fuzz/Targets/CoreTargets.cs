using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Ethereum.Ethr;

namespace DidSdk.Fuzz.Targets;

/// <summary>DID and DID URL syntax, DID documents, JWS (compact and JSON serializations), JWT claims, JCS.</summary>
internal static class CoreTargets
{
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new("did", Did);
        yield return new("did-url", DidUrlTarget);
        yield return new("did-document", DidDocumentTarget);
        yield return new("jws-compact", JwsCompact);
        yield return new("jws-json", JwsJson);
        yield return new("jwt-claims", JwtClaimsTarget);
        yield return new("jcs", JcsTarget);
    }

    private static void Did(byte[] data)
    {
        var text = FuzzInput.Text(data);
        if (Core.Dids.Did.TryParse(text, out var did, out _))
        {
            _ = did.ToString();
            _ = did.Method;
        }

        _ = EthrDid.TryParse(text, out _);
    }

    private static void DidUrlTarget(byte[] data)
    {
        if (DidUrl.TryParse(FuzzInput.Text(data), out var url, out _))
        {
            _ = url.ToString();
            _ = url.QueryParameters;
        }
    }

    private static void DidDocumentTarget(byte[] data)
    {
        foreach (var representation in new[] { DidRepresentation.Json, DidRepresentation.JsonLd })
        {
            if (DidDocument.TryParse(data, representation, out var document, out _))
            {
                _ = document.ToJson(representation);
            }
        }
    }

    private static void JwsCompact(byte[] data)
    {
        var result = Jws.ReadCompact(FuzzInput.Text(data));
        if (result.Succeeded)
        {
            // A header read from its bytes must parse on first use and say what the token reported.
            var header = result.Token.Header;
            if (Member(header, "kid") != result.Token.KeyId || Member(header, "typ") != result.Token.Type || Member(header, "cty") != result.Token.ContentType
                || Member(header, "alg") != result.Token.Algorithm)
            {
                throw new InvalidOperationException("A header read from its bytes disagrees with its tree.");
            }
        }

        if (result.Succeeded && JwtClaims.TryParse(result.Token.Payload.Span, out var claims, out _))
        {
            _ = JwtValidator.Validate(claims, new JwtValidationOptions(), FixedClock.Instance);
        }
    }

    private static string? Member(System.Text.Json.Nodes.JsonObject header, string name) =>
        header[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void JwsJson(byte[] data) => _ = Jws.ReadJson(FuzzInput.Text(data));

    private static void JwtClaimsTarget(byte[] data)
    {
        _ = JwtValidator.Validate(data, new JwtValidationOptions { ExpectedAudience = "https://verifier.example", RequireIssuedAt = true }, out _, FixedClock.Instance);
    }

    private static void JcsTarget(byte[] data)
    {
        if (Jcs.TryCanonicalize(data, out var canonical, out _))
        {
            // Canonical output is a fixed point: canonicalizing it again gives the same bytes.
            if (!Jcs.TryCanonicalize(canonical, out var again, out _) || !again.AsSpan().SequenceEqual(canonical))
            {
                throw new InvalidOperationException("JCS output is not a fixed point.");
            }
        }
    }
}
