using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>Checks <c>BitstringStatusListEntry</c> entries (Bitstring Status List v1.0 §3.2, "Validate Algorithm").</summary>
internal static class BitstringStatusChecker
{
    private const int MaxDecompressedBytes = 16 * 1024 * 1024;

    public static async Task CheckAsync(VerifiableCredential vc, CredentialVerifier verifier, IStatusListCredentialFetcher fetcher, List<Problem> problems, CancellationToken cancellationToken)
    {
        foreach (var entry in vc.CredentialStatus)
        {
            if (entry["type"]?.GetValueKind() != JsonValueKind.String || entry["type"]!.GetValue<string>() != "BitstringStatusListEntry")
            {
                if (!verifier.Options.AllowUncheckedStatus)
                {
                    problems.Add(new Problem(CredentialProblemCodes.StatusUnchecked, "The credential has a status entry of a type this verifier cannot check."));
                }

                continue;
            }

            var purpose = entry["statusPurpose"]?.GetValueKind() == JsonValueKind.String ? entry["statusPurpose"]!.GetValue<string>() : null;

            // A statusSize that is present but unreadable is an error, never the default.
            var size = !entry.TryGetPropertyValue("statusSize", out var sizeNode) ? 1
                : sizeNode is JsonValue s && s.GetValueKind() == JsonValueKind.Number && s.TryGetValue<int>(out var n) ? n : 0;
            if (purpose is null
                || entry["statusListIndex"]?.GetValueKind() != JsonValueKind.String || !int.TryParse(entry["statusListIndex"]!.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || entry["statusListCredential"]?.GetValueKind() != JsonValueKind.String || !Uri.TryCreate(entry["statusListCredential"]!.GetValue<string>(), UriKind.Absolute, out var url)
                || size is < 1 or > 8)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidStatusEntry, "A BitstringStatusListEntry needs statusPurpose, a numeric statusListIndex, a URL statusListCredential and statusSize 1-8."));
                continue;
            }

            var fetched = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
            if (!fetched.Succeeded)
            {
                problems.Add(fetched.Problem);
                continue;
            }

            var listVerifier = verifier.ForStatusLists();
            var list = await listVerifier.VerifyAsync(fetched.Credential, cancellationToken).ConfigureAwait(false);
            if (!list.Succeeded)
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusListInvalid, "The status list credential does not verify.", list.Problems[0]));
                continue;
            }

            if (!string.Equals(list.Issuer, vc.Issuer, StringComparison.Ordinal))
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusListInvalid, "The status list is issued by someone else than the credential."));
                continue;
            }

            var subject = VcDataModel.Objects(list.Claims["credentialSubject"]) is [var first, ..] ? first : null;
            if (subject is null || subject["statusPurpose"]?.GetValueKind() != JsonValueKind.String || subject["statusPurpose"]!.GetValue<string>() != purpose)
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusListInvalid, "The status list's statusPurpose differs from the entry's."));
                continue;
            }

            if (!BitstringStatusList.TryDecode(subject["encodedList"]?.GetValueKind() == JsonValueKind.String ? subject["encodedList"]!.GetValue<string>() : null, size, MaxDecompressedBytes, out var bits, out var problem))
            {
                problems.Add(problem);
                continue;
            }

            if (index >= bits.Length)
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusListInvalid, "statusListIndex is outside the list."));
                continue;
            }

            var value = bits.Get(index);
            if (value != 0 && purpose == "revocation")
            {
                problems.Add(new Problem(CredentialProblemCodes.Revoked, "The credential has been revoked."));
            }
            else if (value != 0 && purpose == "suspension")
            {
                problems.Add(new Problem(CredentialProblemCodes.Suspended, "The credential is suspended."));
            }
        }
    }
}
