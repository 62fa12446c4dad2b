using DidSdk.Core.Json;
using DidSdk.Core.Methods;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.Fuzz.Targets;

/// <summary>SD-JWT (compact and JSON serializations) with disclosures and a Key Binding JWT; the Token Status List.</summary>
internal static class SdJwtTargets
{
    private static readonly SdJwtVcVerifier Verifier = new(
        new SdJwtVerifierOptions(),
        new Core.Resolution.CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver()),
        timeProvider: FixedClock.Instance);

    public static IEnumerable<FuzzTarget> All()
    {
        yield return new("sd-jwt", SdJwtTarget);
        yield return new("token-status-list", TokenStatusListTarget);
    }

    private static void SdJwtTarget(byte[] data)
    {
        var text = FuzzInput.Text(data);
        if (SdJwtToken.TryParse(text, SdJwtReaderOptions.Default, out var token, out _))
        {
            _ = SdJwtHolder.TryGetDisclosableClaims(token, out _, out _, out _);
        }

        _ = Verifier.VerifyAsync(text, SeedValues.Audience, SeedValues.Nonce).GetAwaiter().GetResult();
    }

    private static void TokenStatusListTarget(byte[] data)
    {
        // JSON: a status_list object or a whole status claim; otherwise the first byte picks bits, the rest is lst.
        var node = StrictJson.TryParseNode(data, 64, out var parsed) == StrictJsonStatus.Ok ? parsed : null;
        if (node is not null)
        {
            if (TokenStatusList.TryParse(node, 1 << 20, out var list, out _))
            {
                _ = list.ToJson();
            }

            _ = StatusListReference.TryParse(node, out _, out _);
        }
        else if (data.Length > 0)
        {
            _ = TokenStatusList.TryDecode(1 << (data[0] & 3), FuzzInput.Text(data[1..]), 1 << 20, out _, out _);
        }
    }
}
