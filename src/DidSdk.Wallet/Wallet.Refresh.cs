using DidSdk.Core;
using DidSdk.Credentials;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.Wallet;

public sealed partial class Wallet
{
    /// <summary>
    /// Checks every stored credential's validity period and status and stores the result with it
    /// (<see cref="StoredCredential.Status"/>, <see cref="StoredCredential.CheckedAt"/>). An expired credential is
    /// marked without a network call; the others go through <paramref name="verifier"/>, whose status fetchers read the
    /// Token Status List (SD-JWT VC: give it an <see cref="SdJwtVcFormatHandler"/> with a <see cref="TokenStatusChecker"/>
    /// and <c>RequireKeyBinding = false</c>) or the Bitstring Status List (its <c>StatusListFetcher</c>).
    /// </summary>
    public async Task<IReadOnlyList<CredentialRefreshResult>> RefreshAsync(CredentialVerifier verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        List<RecordRow> rows;
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            rows = await ReadRowsAsync(KindCredential, null, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        var results = new List<CredentialRefreshResult>(rows.Count);
        foreach (var row in rows)
        {
            StoredCredential credential;
            try
            {
                credential = DecryptCredential(row);
            }
            catch (WalletException ex) when (ex.Code == WalletProblemCodes.RecordTampered)
            {
                results.Add(new CredentialRefreshResult(row.Id, CredentialStatusMark.Invalid, [new Problem(ex.Code, ex.Message)]));
                continue;
            }

            var now = _timeProvider.GetUtcNow();
            CredentialStatusMark mark;
            IReadOnlyList<Problem> problems;
            if (credential.ValidUntil is { } until && until < now)
            {
                (mark, problems) = (CredentialStatusMark.Expired, []);
            }
            else
            {
                var verification = await verifier.VerifyAsync(credential.Credential, cancellationToken).ConfigureAwait(false);
                problems = verification.Problems;
                mark = Classify(verification);
            }

            await MarkAsync(row, mark, now, cancellationToken).ConfigureAwait(false);
            results.Add(new CredentialRefreshResult(row.Id, mark, problems));
        }

        return results;
    }

    private static CredentialStatusMark Classify(CredentialVerificationResult verification)
    {
        if (verification.Succeeded)
        {
            return CredentialStatusMark.Valid;
        }

        var codes = verification.Problems.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        if (codes.Contains(CredentialProblemCodes.Revoked) || codes.Contains(TokenStatusProblemCodes.Revoked))
        {
            return CredentialStatusMark.Revoked;
        }

        if (codes.Contains(CredentialProblemCodes.Suspended) || codes.Contains(TokenStatusProblemCodes.Suspended))
        {
            return CredentialStatusMark.Suspended;
        }

        return codes.Contains(CredentialProblemCodes.Expired) ? CredentialStatusMark.Expired : CredentialStatusMark.Invalid;
    }

    /// <summary>Re-seals the record with its new mark (the mark is in the associated data, so it cannot be edited in the clear).</summary>
    private async Task MarkAsync(RecordRow row, CredentialStatusMark mark, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadRowsAsync(KindCredential, row.Id, null, cancellationToken).ConfigureAwait(false);
            if (current.Count == 0)
            {
                return; // deleted meanwhile
            }

            var plaintext = OpenRecord(current[0]);
            var updated = current[0] with { Status = mark.ToString(), CheckedAt = at.ToUnixTimeSeconds() };
            await WriteRecordAsync(updated, plaintext, replace: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
