using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Json;

namespace DidSdk.Credentials;

/// <content>VC-COSE (<c>application/vc+cose</c>, VC-JOSE-COSE §3.3.1) credentials.</content>
public sealed partial class CredentialVerifier
{
    /// <summary>
    /// Verifies a credential secured with COSE (<c>application/vc+cose</c>): a COSE_Sign1 read strictly within
    /// <see cref="CredentialVerifierOptions.CoseReaderOptions"/>, <c>typ</c> <c>application/vc+cose</c>, the
    /// <c>kid</c>'s verification method in the issuer's <c>assertionMethod</c> with a key that fits <c>alg</c>, then the
    /// checks every format gets (data model, validity period, status, trust). Never throws for invalid input.
    /// <see cref="VerifyAsync(string, CancellationToken)"/> takes the same message as base64 text or a
    /// <c>data:application/vc+cose;base64,</c> URL.
    /// </summary>
    public async Task<CredentialVerificationResult> VerifyCoseAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        using var activity = CredentialsTelemetry.StartVerify();
        var result = await VerifyCoseCoreAsync(message, cancellationToken).ConfigureAwait(false);
        CredentialsTelemetry.RecordVerification(activity, result);
        return result;
    }

    private async Task<CredentialVerificationResult> VerifyCoseCoreAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.VcCose;
        if (!CoseSign1.TryRead(message, Options.CoseReaderOptions, out var cose, out var readProblem))
        {
            return CredentialVerificationResult.Fail(readProblem, format);
        }

        if (VcCose.CheckCredentialHeaders(cose) is { } typeProblem)
        {
            return CredentialVerificationResult.Fail(typeProblem, format);
        }

        if (StrictJson.TryParseObject(cose.Payload.Span, Options.MaxJsonDepth, out var credential) != StrictJsonStatus.Ok)
        {
            return CredentialVerificationResult.Fail(VcCose.PayloadNotJson(), format);
        }

        // The payload was parsed for this call only, so the model can wrap it without a copy.
        if (!VerifiableCredential.TryParse(credential!, copy: false, out var vc, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, credential, modelProblems);
        }

        var problems = new List<Problem>();
        var method = await CheckSignatureAsync(cose.KeyId, cose.SigningAlgorithm, cose.ToBeSigned(), cose.Signature, vc.Issuer, VerificationRelationship.AssertionMethod, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, vc.Issuer, credential, problems);
        }

        CheckValidity(vc, null, null, problems);
        var trust = await CheckStatusAndTrustAsync(vc, format, vc.ValidFrom, method, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, vc.Issuer, credential, problems) { Trust = trust };
    }

    /// <summary>
    /// The COSE message a text input carries: a <c>data:application/vc+cose;base64,</c> URL (or, with
    /// <paramref name="prefix"/>, another data: URL), or base64 / base64url text whose bytes start like a COSE_Sign1.
    /// </summary>
    internal static bool TryDecodeCoseText(string input, string prefix, [NotNullWhen(true)] out byte[]? message)
    {
        message = null;
        var isDataUrl = input.StartsWith(prefix, StringComparison.Ordinal);
        var text = isDataUrl ? input.AsSpan(prefix.Length) : input.AsSpan();
        if (!isDataUrl && (text.IsEmpty || text[0] == '{' || text.Contains('.') || text.Contains('~') || text.StartsWith("data:", StringComparison.Ordinal)))
        {
            return false;
        }

        if (!TryDecodeBase64(text, out var bytes) || (!isDataUrl && !CoseSign1.LooksLikeCoseSign1(bytes)))
        {
            return false;
        }

        message = bytes;
        return true;
    }

    /// <summary>Base64 (RFC 4648 §4) or base64url (§5), padding optional; <see langword="false"/> for anything else.</summary>
    private static bool TryDecodeBase64(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.IsEmpty || text.Length % 4 == 1)
        {
            return false;
        }

        var padded = new char[(text.Length + 3) / 4 * 4];
        for (var i = 0; i < padded.Length; i++)
        {
            if (i >= text.Length)
            {
                padded[i] = '=';
                continue;
            }

            var c = text[i];
            padded[i] = c switch
            {
                '-' => '+',
                '_' => '/',
                _ when char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' => c,
                _ => '\0',
            };
            if (padded[i] == '\0')
            {
                return false;
            }
        }

        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
