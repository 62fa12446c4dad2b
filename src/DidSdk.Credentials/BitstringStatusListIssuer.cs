using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>
/// The issuer's side of a status list: hands out indexes without reuse (randomly, so a list reveals no issuance order),
/// builds the <c>BitstringStatusListEntry</c> for each credential and the (unsigned) <c>BitstringStatusListCredential</c>
/// to sign and publish again whenever a bit changes.
/// </summary>
public sealed class BitstringStatusListIssuer
{
    private readonly HashSet<int> _used = [];
    private readonly Lock _gate = new();

    /// <summary>Creates the issuer side of the list at <paramref name="listCredentialUrl"/>.</summary>
    public BitstringStatusListIssuer(Uri listCredentialUrl, string statusPurpose = "revocation", int entries = BitstringStatusList.MinimumEntries, int statusSize = 1)
    {
        ArgumentNullException.ThrowIfNull(listCredentialUrl);
        if (statusPurpose is not ("revocation" or "suspension" or "refresh" or "message"))
        {
            throw new ArgumentException("statusPurpose is revocation, suspension, refresh or message.", nameof(statusPurpose));
        }

        ListCredentialUrl = listCredentialUrl;
        StatusPurpose = statusPurpose;
        List = new BitstringStatusList(entries, statusSize);
    }

    /// <summary>
    /// Reloads the issuer side from a <c>BitstringStatusListCredential</c> (e.g. <see cref="CredentialVerificationResult.Claims"/>
    /// of a verified list, or the issuer's stored copy): its <c>id</c> URL, <c>statusPurpose</c>, <c>statusSize</c> and
    /// bits. Never throws for bad input: a missing or mistyped member is <see cref="CredentialProblemCodes.StatusListInvalid"/>.
    /// </summary>
    public static bool TryLoad(JsonObject listCredential, [NotNullWhen(true)] out BitstringStatusListIssuer? issuer, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(listCredential);
        issuer = null;
        var subject = VcDataModel.Objects(listCredential["credentialSubject"]) is [var first] ? first : null;
        var purpose = CredentialVerifier.StringValue(subject?["statusPurpose"]);
        if (CredentialVerifier.StringValue(listCredential["id"]) is not { } id || !Uri.TryCreate(id, UriKind.Absolute, out var url))
        {
            problem = new Problem(CredentialProblemCodes.StatusListInvalid, "The status list credential's id is not a URL string.");
            return false;
        }

        if (subject is null || purpose is not ("revocation" or "suspension" or "refresh" or "message"))
        {
            problem = new Problem(CredentialProblemCodes.StatusListInvalid, "The status list credential needs one credentialSubject with a known statusPurpose.");
            return false;
        }

        var size = 1;
        if (subject.TryGetPropertyValue("statusSize", out var sizeNode) && (sizeNode is not JsonValue sv || sv.GetValueKind() != JsonValueKind.Number || !sv.TryGetValue(out size) || size is < 1 or > 8))
        {
            problem = new Problem(CredentialProblemCodes.StatusListInvalid, "statusSize is not a number from 1 to 8.");
            return false;
        }

        if (!BitstringStatusList.TryDecode(CredentialVerifier.StringValue(subject["encodedList"]), size, MaxLoadBytes, out var decoded, out problem))
        {
            return false;
        }

        issuer = new BitstringStatusListIssuer(url, purpose, decoded.Length, size);
        for (var i = 0; i < decoded.Length; i++)
        {
            if (decoded.Get(i) is var value and not 0)
            {
                issuer.List.Set(i, value);
            }
        }

        return true;
    }

    private const int MaxLoadBytes = 16 * 1024 * 1024;

    /// <summary>Where the list credential is published.</summary>
    public Uri ListCredentialUrl { get; }

    /// <summary>The purpose.</summary>
    public string StatusPurpose { get; }

    /// <summary>The list.</summary>
    public BitstringStatusList List { get; }

    /// <summary>Marks <paramref name="index"/> as used (e.g. when reloading a list from storage).</summary>
    public void MarkUsed(int index)
    {
        lock (_gate)
        {
            _used.Add(index);
        }
    }

    /// <summary>Allocates an unused index at random and returns the credential's status entry.</summary>
    /// <exception cref="InvalidOperationException">The list is full.</exception>
    public JsonObject AllocateEntry()
    {
        int index;
        lock (_gate)
        {
            if (_used.Count >= List.Length)
            {
                throw new InvalidOperationException("The status list is full; start a new one.");
            }

            do
            {
                index = RandomNumberGenerator.GetInt32(List.Length);
            }
            while (!_used.Add(index));
        }

        return Entry(index);
    }

    /// <summary>The status entry for <paramref name="index"/>.</summary>
    public JsonObject Entry(int index)
    {
        var entry = new JsonObject
        {
            ["id"] = $"{ListCredentialUrl}#{index.ToString(CultureInfo.InvariantCulture)}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = StatusPurpose,
            ["statusListIndex"] = index.ToString(CultureInfo.InvariantCulture),
            ["statusListCredential"] = ListCredentialUrl.ToString(),
        };
        if (List.StatusSize > 1)
        {
            entry["statusSize"] = List.StatusSize;
        }

        return entry;
    }

    /// <summary>The unsigned <c>BitstringStatusListCredential</c> carrying the current list (§2.2); sign it and publish it at <see cref="ListCredentialUrl"/>.</summary>
    public JsonObject ListCredential(string issuer, DateTimeOffset validFrom, DateTimeOffset? validUntil = null)
    {
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(VcDataModel.V2Context),
            ["id"] = ListCredentialUrl.ToString(),
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = validFrom.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = ListCredentialUrl + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = StatusPurpose,
                ["encodedList"] = List.Encode(),
            },
        };
        if (validUntil is { } until)
        {
            credential["validUntil"] = until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        return credential;
    }
}
