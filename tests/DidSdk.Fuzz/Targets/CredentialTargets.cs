using DidSdk.Core.Json;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;

namespace DidSdk.Fuzz.Targets;

/// <summary>
/// The credential verifier end to end (VC-JOSE, VC-COSE, VC-JWT 1.1, Data Integrity, presentations) with did:key and did:jwk
/// issuers resolved offline, and the Bitstring Status List decoder and loader.
/// </summary>
internal static class CredentialTargets
{
    private static readonly CredentialVerifier Verifier = new(
        new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver()),
        new CredentialVerifierOptions(),
        FixedClock.Instance);

    private static readonly PresentationVerifier Presentations = new(Verifier);

    public static IEnumerable<FuzzTarget> All()
    {
        yield return new("vc-jose", VerifyCredential);
        yield return new("data-integrity", DataIntegrityTarget);
        yield return new("vp", VerifyPresentation);
        yield return new("vc-cose", VerifyCose);
        yield return new("bitstring-status-list", BitstringStatusListTarget);
    }

    private static void VerifyCredential(byte[] data)
    {
        // Claims may be built on first read (a vc+jwt read from its bytes): reading them must not fail.
        var result = Verifier.VerifyAsync(FuzzInput.Text(data)).GetAwaiter().GetResult();
        _ = result.Claims?.Count;
        _ = result.Credential?.Credential.Count;
    }

    private static void DataIntegrityTarget(byte[] data)
    {
        VerifyCredential(data);
        if (StrictJson.TryParseNode(data, 64, out var node) == StrictJsonStatus.Ok)
        {
            _ = VerifiableCredential.TryParse(node, out _, out _);
            _ = VerifiablePresentation.TryParse(node, out _, out _);
        }
    }

    private static void VerifyPresentation(byte[] data) =>
        _ = Presentations.VerifyAsync(FuzzInput.Text(data), SeedValues.Audience, SeedValues.Nonce).GetAwaiter().GetResult();

    /// <summary>The first byte picks a credential (even) or a presentation (odd); the rest is the COSE message, also tried as base64 text.</summary>
    private static void VerifyCose(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var message = data.AsMemory(1);
        if ((data[0] & 1) == 0)
        {
            _ = Verifier.VerifyCoseAsync(message).GetAwaiter().GetResult();
            _ = Verifier.VerifyAsync(Convert.ToBase64String(message.Span)).GetAwaiter().GetResult();
        }
        else
        {
            _ = Presentations.VerifyCoseAsync(message, SeedValues.Audience, SeedValues.Nonce).GetAwaiter().GetResult();
        }
    }

    private static void BitstringStatusListTarget(byte[] data)
    {
        // The first byte picks the status size (1, 2, 4 or 8 bits), the rest is the encodedList or the list credential.
        if (data.Length == 0)
        {
            return;
        }

        var rest = data.AsSpan(1);
        var text = FuzzInput.Text(rest.ToArray());
        if (BitstringStatusList.TryDecode(text, 1 << (data[0] & 3), 1 << 20, out var list, out _))
        {
            _ = list.Get(list.Length - 1);
            _ = list.Encode();
        }

        if (StrictJson.TryParseObject(rest, 64, out var credential) == StrictJsonStatus.Ok && credential is not null)
        {
            _ = BitstringStatusListIssuer.TryLoad(credential, out _, out _);
        }
    }
}
