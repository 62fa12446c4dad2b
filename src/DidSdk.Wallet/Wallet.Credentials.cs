using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Json;
using DidSdk.Credentials;

namespace DidSdk.Wallet;

public sealed partial class Wallet
{
    /// <summary>
    /// Parses and checks a credential (SD-JWT VC, VC-JOSE, VC-JWT 1.1, Data Integrity, or VC-COSE as base64 / base64url
    /// text or a <c>data:application/vc+cose;base64,</c> URL, imported as by <see cref="ImportCoseCredentialAsync"/>) and stores it encrypted.
    /// A malformed credential is refused and nothing is written. With <paramref name="verifier"/> the credential must
    /// also verify (issuer signature, validity, status, trust); for SD-JWT VC give it an <c>SdJwtVcFormatHandler</c>
    /// with <c>RequireKeyBinding = false</c>, since an issued credential has no key binding yet.
    /// </summary>
    public async Task<CredentialImportResult> ImportCredentialAsync(string credential, CredentialVerifier? verifier = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.Length > _options.MaxCredentialLength)
        {
            return CredentialImportResult.Fail(WalletProblemCodes.CredentialTooLarge, "The credential is larger than the wallet accepts.");
        }

        if (CredentialParser.TryDecodeCoseText(credential, out var cose))
        {
            return await ImportCoseCredentialAsync(cose, verifier, cancellationToken).ConfigureAwait(false);
        }

        if (!CredentialParser.TryParse(credential, out var parsed, out var problems) || parsed is null)
        {
            return CredentialImportResult.Fail(problems);
        }

        if (verifier is not null)
        {
            var verification = await verifier.VerifyAsync(credential.Trim(), cancellationToken).ConfigureAwait(false);
            if (!verification.Succeeded)
            {
                return CredentialImportResult.Fail(WalletProblemCodes.CredentialNotVerified, "The credential did not verify; it was not stored.", verification.Problems);
            }
        }

        return await StoreAsync(parsed, credential.Trim(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Parses and checks a VC-COSE credential (<c>application/vc+cose</c>, a COSE_Sign1 whose payload is a VC 2.0
    /// credential) and stores it encrypted; <see cref="StoredCredential.CoseMessage"/> gives back the same bytes and
    /// <see cref="StoredCredential.Credential"/> holds them in base64url. The message is read as strictly as
    /// <see cref="CredentialVerifier.VerifyCoseAsync"/> reads it (canonical CBOR, no duplicate labels, protected
    /// <c>alg</c> on the allow-list, <c>typ</c> <c>application/vc+cose</c>); anything else is refused with
    /// <see cref="WalletProblemCodes.CredentialMalformed"/> followed by the COSE problem, and nothing is written.
    /// With <paramref name="verifier"/> the signature, validity, status and trust must also verify
    /// (<see cref="WalletProblemCodes.CredentialNotVerified"/> otherwise). The record's <see cref="StoredCredential.Format"/>
    /// is <c>vc+cose</c>, which is not a DCQL format identifier: DCQL queries never select it.
    /// </summary>
    public async Task<CredentialImportResult> ImportCoseCredentialAsync(ReadOnlyMemory<byte> message, CredentialVerifier? verifier = null, CancellationToken cancellationToken = default)
    {
        if (Base64Url.GetEncodedLength(message.Length) > _options.MaxCredentialLength)
        {
            return CredentialImportResult.Fail(WalletProblemCodes.CredentialTooLarge, "The credential is larger than the wallet accepts.");
        }

        if (!CredentialParser.TryParseCose(message, out var parsed, out var problems) || parsed is null)
        {
            return CredentialImportResult.Fail(problems);
        }

        if (verifier is not null)
        {
            var verification = await verifier.VerifyCoseAsync(message, cancellationToken).ConfigureAwait(false);
            if (!verification.Succeeded)
            {
                return CredentialImportResult.Fail(WalletProblemCodes.CredentialNotVerified, "The credential did not verify; it was not stored.", verification.Problems);
            }
        }

        return await StoreAsync(parsed, Base64Url.EncodeToString(message.Span), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CredentialImportResult> StoreAsync(ParsedCredential parsed, string raw, CancellationToken cancellationToken)
    {
        var row = new RecordRow
        {
            Id = NewRecordId("cred"),
            Kind = KindCredential,
            Created = Now(),
            Format = parsed.Format,
            Issuer = parsed.Issuer,
            Types = JsonSerializer.Serialize(parsed.Types.ToArray(), WalletJsonContext.Default.StringArray),
            ValidFrom = parsed.ValidFrom?.ToUnixTimeSeconds(),
            ValidUntil = parsed.ValidUntil?.ToUnixTimeSeconds(),
            StatusReference = parsed.StatusReference,
            Status = null,
            CheckedAt = null,
            Nonce = [],
            Ciphertext = [],
        };
        var payload = new JsonObject
        {
            ["v"] = 1,
            ["securing"] = parsed.Securing,
            ["raw"] = raw,
            ["claims"] = parsed.Claims.DeepClone(),
            ["sd"] = new JsonArray([.. parsed.DisclosablePaths.Select(p => (JsonNode)JsonValue.Create(p))]),
        };
        var plaintext = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteRecordAsync(row, plaintext, replace: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        return CredentialImportResult.Success(ToStored(row, parsed.Securing, raw, parsed.Claims, parsed.DisclosablePaths));
    }

    /// <summary>One credential, decrypted and authenticated.</summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.NotFound"/>, or <see cref="WalletProblemCodes.RecordTampered"/> naming the record.</exception>
    public async Task<StoredCredential> GetCredentialAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialId);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await ReadRowsAsync(KindCredential, credentialId, null, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                throw new WalletException(WalletProblemCodes.NotFound, "No credential with that id.", credentialId);
            }

            return DecryptCredential(rows[0]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>All credentials; records that fail authentication are listed in <see cref="CredentialListResult.Problems"/> and the rest are returned.</summary>
    public async Task<CredentialListResult> ListCredentialsAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await ReadRowsAsync(KindCredential, null, null, cancellationToken).ConfigureAwait(false);
            var credentials = new List<StoredCredential>(rows.Count);
            var problems = new List<WalletRecordProblem>();
            foreach (var row in rows)
            {
                try
                {
                    credentials.Add(DecryptCredential(row));
                }
                catch (WalletException ex) when (ex.Code == WalletProblemCodes.RecordTampered)
                {
                    problems.Add(new WalletRecordProblem(row.Id, new Problem(ex.Code, ex.Message)));
                }
            }

            return new CredentialListResult(credentials, problems);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes a credential; <see langword="false"/> when there was none with that id.</summary>
    public async Task<bool> DeleteCredentialAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialId);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DeleteRecordAsync(KindCredential, credentialId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private StoredCredential DecryptCredential(in RecordRow row)
    {
        var plaintext = OpenRecord(row);
        try
        {
            if (StrictJson.TryParseObject(plaintext, 64, out var payload) != StrictJsonStatus.Ok || payload is null
                || payload["securing"] is not JsonValue securing || securing.GetValueKind() != JsonValueKind.String
                || payload["raw"] is not JsonValue raw || raw.GetValueKind() != JsonValueKind.String
                || payload["claims"] is not JsonObject claims || payload["sd"] is not JsonArray sd)
            {
                throw new WalletException(WalletProblemCodes.RecordTampered, $"Credential record '{row.Id}' is not readable.", row.Id);
            }

            var paths = new List<string>(sd.Count);
            foreach (var p in sd)
            {
                if (p is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    paths.Add(v.GetValue<string>());
                }
            }

            payload.Remove("claims");
            return ToStored(row, securing.GetValue<string>(), raw.GetValue<string>(), claims, paths);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static StoredCredential ToStored(in RecordRow row, string securing, string raw, JsonObject claims, IReadOnlyList<string> paths)
    {
        string[] types = [];
        if (row.Types is not null)
        {
            try
            {
                types = JsonSerializer.Deserialize(row.Types, WalletJsonContext.Default.StringArray) ?? [];
            }
            catch (JsonException)
            {
                types = [];
            }
        }

        return new StoredCredential(
            row.Id,
            row.Format ?? string.Empty,
            securing,
            row.Issuer ?? string.Empty,
            types,
            row.ValidFrom is { } vf ? DateTimeOffset.FromUnixTimeSeconds(vf) : null,
            row.ValidUntil is { } vu ? DateTimeOffset.FromUnixTimeSeconds(vu) : null,
            row.StatusReference,
            Enum.TryParse<CredentialStatusMark>(row.Status, out var mark) ? mark : CredentialStatusMark.Unchecked,
            row.CheckedAt is { } c ? DateTimeOffset.FromUnixTimeSeconds(c) : null,
            DateTimeOffset.FromUnixTimeSeconds(row.Created),
            raw,
            claims,
            paths,
            securing == CredentialFormats.VcCose ? DecodeCose(row.Id, raw) : default);
    }

    private static byte[] DecodeCose(string id, string raw)
    {
        try
        {
            return Base64Url.DecodeFromChars(raw);
        }
        catch (FormatException)
        {
            throw new WalletException(WalletProblemCodes.RecordTampered, $"Credential record '{id}' is not readable.", id);
        }
    }
}
