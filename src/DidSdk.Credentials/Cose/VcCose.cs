using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;

namespace DidSdk.Credentials;

/// <summary>
/// Securing credentials and presentations with COSE (VC-JOSE-COSE §3.3, https://www.w3.org/TR/vc-jose-cose/#securing-with-cose):
/// a tagged COSE_Sign1 (RFC 9052 §4.2) whose payload is the JSON credential (<c>application/vc+cose</c>) or
/// presentation (<c>application/vp+cose</c>), the sibling of <see cref="VcJwt"/>. The protected header carries
/// <c>alg</c>, the content type (<c>application/vc</c> / <c>application/vp</c>), <c>typ</c> (label 16, RFC 9596) and
/// <c>kid</c>: the signer's key id, a DID URL of the issuer's (holder's) verification method.
/// </summary>
public static class VcCose
{
    /// <summary>The media type of a credential secured with COSE, the <c>typ</c> value (VC-JOSE-COSE §3.3.1).</summary>
    public const string CredentialMediaType = "application/vc+cose";

    /// <summary>The media type of a presentation secured with COSE, the <c>typ</c> value (VC-JOSE-COSE §3.3.2).</summary>
    public const string PresentationMediaType = "application/vp+cose";

    /// <summary>The content type (label 3) of a secured credential.</summary>
    public const string CredentialContentType = "application/vc";

    /// <summary>The content type (label 3) of a secured presentation.</summary>
    public const string PresentationContentType = "application/vp";

    /// <summary>The prefix of a data: URL that envelops a COSE-secured credential (VC-JOSE-COSE §3.3.1: base64, never raw bytes).</summary>
    public const string EnvelopedCredentialPrefix = "data:application/vc+cose;base64,";

    /// <summary>The prefix of a data: URL that envelops a COSE-secured presentation.</summary>
    public const string EnvelopedPresentationPrefix = "data:application/vp+cose;base64,";

    /// <summary>Secures a VC 2.0 credential as <c>application/vc+cose</c>. The signer's key id should be a DID URL of the credential's issuer.</summary>
    /// <returns>The tagged COSE_Sign1 bytes.</returns>
    /// <exception cref="ArgumentException">The credential does not pass the data model checks, or the signer's algorithm has no COSE identifier.</exception>
    public static async ValueTask<byte[]> IssueAsync(JsonObject credential, ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(signer);
        if (!VerifiableCredential.TryParse(credential, copy: false, out _, out var problems))
        {
            throw new ArgumentException($"The credential is not valid: {string.Join("; ", problems)}", nameof(credential));
        }

        using var activity = CredentialsTelemetry.StartIssue(CredentialFormats.VcCose);
        return await SignAsync(credential, signer, CredentialContentType, CredentialMediaType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Secures a presentation as <c>application/vp+cose</c>, binding it to <paramref name="audience"/> and
    /// <paramref name="nonce"/> (the <c>aud</c> and <c>nonce</c> members of the payload, as <see cref="VcJwt.PresentJoseAsync"/> does).
    /// </summary>
    /// <returns>The tagged COSE_Sign1 bytes.</returns>
    /// <exception cref="ArgumentException">The presentation is not valid, or the signer's algorithm has no COSE identifier.</exception>
    public static ValueTask<byte[]> PresentAsync(JsonObject presentation, ISigner signer, string audience, string nonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (!VerifiablePresentation.TryParse(presentation, out _, out var problems))
        {
            throw new ArgumentException($"The presentation is not valid: {string.Join("; ", problems)}", nameof(presentation));
        }

        var payload = presentation.DeepClone().AsObject();
        payload["aud"] = audience;
        payload["nonce"] = nonce;
        return SignAsync(payload, signer, PresentationContentType, PresentationMediaType, cancellationToken);
    }

    /// <summary>The <c>EnvelopedVerifiableCredential</c> (VC Data Model 2.0 §4.13.1) that carries a COSE-secured credential in a presentation.</summary>
    public static JsonObject EnvelopeCredential(ReadOnlySpan<byte> message) => new()
    {
        ["@context"] = VcDataModel.V2Context,
        ["type"] = "EnvelopedVerifiableCredential",
        ["id"] = EnvelopedCredentialPrefix + Convert.ToBase64String(message),
    };

    /// <summary>
    /// Reads the credential a <c>vc+cose</c> message carries <b>without verifying its signature</b>, as a holder does
    /// before presenting it (VC-JOSE-COSE §3.3.1). Use <see cref="CredentialVerifier.VerifyCoseAsync"/> to verify.
    /// The message is read as strictly as the verifier reads it: a COSE_Sign1 in canonical CBOR, no duplicate header
    /// labels, <c>alg</c> protected and on the allow-list of <see cref="CoseReaderOptions.Default"/>, <c>typ</c>
    /// <c>application/vc+cose</c> (and a content type, when present, <c>application/vc</c>), and a payload that is a JSON
    /// object (no duplicate members, at most <see cref="StrictJson.DefaultMaxDepth"/> deep) passing the data model checks.
    /// Nothing is resolved and the issuer is not checked: the credential returned is not verified.
    /// Never throws for invalid input.
    /// </summary>
    /// <param name="message">The COSE_Sign1 bytes, tagged or not.</param>
    /// <param name="credential">The credential (a new object the caller owns), when read.</param>
    /// <param name="problem">Why the message was refused: a COSE code (<see cref="CredentialProblemCodes.InvalidCose"/>,
    /// <see cref="CredentialProblemCodes.CoseNotCanonical"/>, <see cref="CredentialProblemCodes.CoseDuplicateLabel"/>, ...),
    /// <see cref="CredentialProblemCodes.WrongType"/>, <see cref="CredentialProblemCodes.Malformed"/> for the payload, or
    /// the first data model problem.</param>
    /// <returns>Whether the message carries a credential.</returns>
    public static bool TryReadCredential(ReadOnlyMemory<byte> message, [NotNullWhen(true)] out JsonObject? credential, [NotNullWhen(false)] out Problem? problem) =>
        TryReadCredential(message, CoseReaderOptions.Default, out credential, out problem);

    /// <summary>
    /// As <see cref="TryReadCredential(ReadOnlyMemory{byte}, out JsonObject?, out Problem?)"/>, within the limits and
    /// algorithm allow-list of <paramref name="options"/>. The signature is <b>not</b> verified.
    /// </summary>
    /// <param name="message">The COSE_Sign1 bytes, tagged or not.</param>
    /// <param name="options">The limits and algorithm allow-list for reading the message.</param>
    /// <param name="credential">The credential (a new object the caller owns), when read.</param>
    /// <param name="problem">Why the message was refused.</param>
    /// <returns>Whether the message carries a credential.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryReadCredential(ReadOnlyMemory<byte> message, CoseReaderOptions options, [NotNullWhen(true)] out JsonObject? credential, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        credential = null;
        if (!CoseSign1.TryRead(message, options, out var cose, out problem))
        {
            return false;
        }

        problem = CheckCredentialHeaders(cose);
        if (problem is not null)
        {
            return false;
        }

        if (StrictJson.TryParseObject(cose.Payload.Span, StrictJson.DefaultMaxDepth, out var payload) != StrictJsonStatus.Ok)
        {
            problem = PayloadNotJson();
            return false;
        }

        // The payload was parsed for this call only, so the model can wrap it without a copy.
        if (!VerifiableCredential.TryParse(payload!, copy: false, out _, out var problems))
        {
            problem = problems[0];
            return false;
        }

        credential = payload!;
        return true;
    }

    /// <summary>VC-JOSE-COSE §3.3.1: <c>typ</c> <c>application/vc+cose</c>; a content type, when present, <c>application/vc</c>. A <c>vp+cose</c> is not a credential.</summary>
    internal static Problem? CheckCredentialHeaders(CoseSign1 cose) =>
        cose.Type != CredentialMediaType || (cose.ContentType is { } cty && cty != CredentialContentType)
            ? new Problem(CredentialProblemCodes.WrongType, "A COSE credential needs typ application/vc+cose (and content type application/vc).")
            : null;

    internal static Problem PayloadNotJson() => new(CredentialProblemCodes.Malformed, "The COSE payload is not a JSON object within the limits.");

    private static async ValueTask<byte[]> SignAsync(JsonObject payload, ISigner signer, string contentType, string type, CancellationToken cancellationToken)
    {
        var alg = CoseSign1.AlgorithmFor(signer.Algorithm);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            payload.WriteTo(writer);
        }

        var protectedHeader = CoseSign1.EncodeProtectedHeader(alg, contentType, signer.KeyId, type);
        var signature = await signer.SignAsync(CoseSign1.ToBeSigned(protectedHeader, buffer.WrittenSpan), cancellationToken).ConfigureAwait(false);
        return CoseSign1.Encode(protectedHeader, buffer.WrittenSpan, signature);
    }
}
