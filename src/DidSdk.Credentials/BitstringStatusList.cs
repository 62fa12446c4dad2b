using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Http;
using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>
/// A Bitstring Status List (W3C Bitstring Status List v1.0 §2.1): entries of <see cref="StatusSize"/> bits, index 0 in
/// the most significant bit of the first byte, published GZIP-compressed as a multibase base64url <c>encodedList</c>.
/// At least 131,072 entries (§2.1, herd privacy).
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The minimum number of entries (16 KiB of bits for 1-bit entries).</summary>
    public const int MinimumEntries = 131_072;

    private readonly byte[] bits;

    /// <summary>An all-zero list.</summary>
    public BitstringStatusList(int entries = MinimumEntries, int statusSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, MinimumEntries);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, 8);
        StatusSize = statusSize;
        bits = new byte[(int)(((long)entries * statusSize + 7) / 8)];
    }

    private BitstringStatusList(byte[] bits, int statusSize)
    {
        this.bits = bits;
        StatusSize = statusSize;
    }

    /// <summary>Bits per entry (1 to 8).</summary>
    public int StatusSize { get; }

    /// <summary>The number of entries.</summary>
    public int Length => bits.Length * 8 / StatusSize;

    /// <summary>The status value at <paramref name="index"/>.</summary>
    public int Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        var value = 0;
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = (long)index * StatusSize + i;
            value = (value << 1) | ((bits[bit / 8] >> (7 - (int)(bit % 8))) & 1);
        }

        return value;
    }

    /// <summary>Sets the status value at <paramref name="index"/>.</summary>
    public void Set(int index, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, 1 << StatusSize);
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = (long)index * StatusSize + i;
            var mask = (byte)(1 << (7 - (int)(bit % 8)));
            var on = ((value >> (StatusSize - 1 - i)) & 1) == 1;
            bits[bit / 8] = on ? (byte)(bits[bit / 8] | mask) : (byte)(bits[bit / 8] & ~mask);
        }
    }

    /// <summary>The <c>encodedList</c>: <c>u</c> + base64url (no padding) of the GZIP-compressed bitstring.</summary>
    public string Encode()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return Multibase.Encode(MultibaseEncoding.Base64Url, output.ToArray());
    }

    /// <summary>Decodes an <c>encodedList</c> with a limit on the decompressed size. Never throws for bad input.</summary>
    public static bool TryDecode(string? encodedList, int statusSize, int maxBytes, [NotNullWhen(true)] out BitstringStatusList? list, [NotNullWhen(false)] out Problem? problem)
    {
        list = null;
        if (statusSize is < 1 or > 8 || encodedList is null || !Multibase.TryDecode(encodedList, MultibaseEncoding.Base64Url, out var compressed))
        {
            problem = new Problem(CredentialProblemCodes.StatusListInvalid, "encodedList is not multibase base64url, or statusSize is not 1 to 8.");
            return false;
        }

        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    problem = new Problem(CredentialProblemCodes.StatusListInvalid, $"The decompressed status list exceeds {maxBytes} bytes.");
                    return false;
                }

                output.Write(buffer, 0, read);
            }

            if (output.Length * 8 / statusSize < MinimumEntries)
            {
                problem = new Problem(CredentialProblemCodes.StatusListInvalid, $"The status list has fewer than {MinimumEntries} entries.");
                return false;
            }

            list = new BitstringStatusList(output.ToArray(), statusSize);
            problem = null;
            return true;
        }
        catch (InvalidDataException)
        {
            problem = new Problem(CredentialProblemCodes.StatusListInvalid, "encodedList is not GZIP data.");
            return false;
        }
    }
}

/// <summary>
/// The issuer's side of a status list: hands out indexes without reuse (randomly, so a list reveals no issuance order),
/// builds the <c>BitstringStatusListEntry</c> for each credential and the (unsigned) <c>BitstringStatusListCredential</c>
/// to sign and publish again whenever a bit changes.
/// </summary>
public sealed class BitstringStatusListIssuer
{
    private readonly HashSet<int> used = [];
    private readonly Lock gate = new();

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

    /// <summary>Where the list credential is published.</summary>
    public Uri ListCredentialUrl { get; }

    /// <summary>The purpose.</summary>
    public string StatusPurpose { get; }

    /// <summary>The list.</summary>
    public BitstringStatusList List { get; }

    /// <summary>Marks <paramref name="index"/> as used (e.g. when reloading a list from storage).</summary>
    public void MarkUsed(int index)
    {
        lock (gate)
        {
            used.Add(index);
        }
    }

    /// <summary>Allocates an unused index at random and returns the credential's status entry.</summary>
    /// <exception cref="InvalidOperationException">The list is full.</exception>
    public JsonObject AllocateEntry()
    {
        int index;
        lock (gate)
        {
            if (used.Count >= List.Length)
            {
                throw new InvalidOperationException("The status list is full; start a new one.");
            }

            do
            {
                index = RandomNumberGenerator.GetInt32(List.Length);
            }
            while (!used.Add(index));
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

/// <summary>Fetches status list credentials by URL. Implement it to read them from a cache or an internal service.</summary>
public interface IStatusListCredentialFetcher
{
    /// <summary>The status list credential at <paramref name="url"/> (JSON or a compact JWT), or a problem.</summary>
    Task<(string? Credential, Problem? Problem)> FetchAsync(Uri url, CancellationToken cancellationToken = default);
}

/// <summary>Fetches status list credentials over HTTPS with a size limit, a timeout, same-origin redirects only and a short cache.</summary>
public sealed class HttpStatusListCredentialFetcher : IStatusListCredentialFetcher
{
    private readonly HttpClient httpClient;
    private readonly TimeProvider timeProvider;
    private readonly ConcurrentDictionary<string, (string Body, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    /// <summary>Creates a fetcher.</summary>
    public HttpStatusListCredentialFetcher(HttpClient httpClient, TimeProvider? timeProvider = null)
    {
        this.httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Fetch from loopback hosts over plain http (tests and local development only).</summary>
    public bool AllowHttpForLoopback { get; init; }

    /// <summary>The largest status list credential accepted. Default 2 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>How long a fetched list is reused. Default 5 minutes; zero disables the cache.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    public async Task<(string? Credential, Problem? Problem)> FetchAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var now = timeProvider.GetUtcNow();
        if (cache.TryGetValue(url.AbsoluteUri, out var hit) && hit.Until > now)
        {
            return (hit.Body, null);
        }

        var loopback = url.IsLoopback && AllowHttpForLoopback && url.Scheme == Uri.UriSchemeHttp;
        if (url.Scheme != Uri.UriSchemeHttps && !loopback)
        {
            return (null, new Problem(CredentialProblemCodes.StatusListUnreachable, "The status list URL is not https."));
        }

        var response = await BoundedHttpClient.GetAsync(httpClient, url, new BoundedHttpOptions { MaxResponseBytes = MaxResponseBytes, Accept = ["application/vc+jwt", "application/vc", "application/json"] }, timeProvider, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return (null, new Problem(CredentialProblemCodes.StatusListUnreachable, $"The status list could not be fetched ({response.Outcome}, HTTP {response.StatusCode})."));
        }

        var body = System.Text.Encoding.UTF8.GetString(response.Body.Span).Trim();
        if (CacheDuration > TimeSpan.Zero)
        {
            cache[url.AbsoluteUri] = (body, now + CacheDuration);
        }

        return (body, null);
    }
}

/// <summary>Checks <c>BitstringStatusListEntry</c> entries (Bitstring Status List v1.0 §3.2, "Validate Algorithm").</summary>
internal static class BitstringStatusChecker
{
    private const int MaxDecompressedBytes = 16 * 1024 * 1024;

    public static async Task CheckAsync(VerifiableCredential vc, CredentialVerifierOptions options, IStatusListCredentialFetcher fetcher, List<Problem> problems, CancellationToken cancellationToken)
    {
        foreach (var entry in vc.CredentialStatus)
        {
            if (entry["type"]?.GetValueKind() != JsonValueKind.String || entry["type"]!.GetValue<string>() != "BitstringStatusListEntry")
            {
                if (!options.AllowUncheckedStatus)
                {
                    problems.Add(new Problem(CredentialProblemCodes.StatusUnchecked, "The credential has a status entry of a type this verifier cannot check."));
                }

                continue;
            }

            var purpose = entry["statusPurpose"]?.GetValueKind() == JsonValueKind.String ? entry["statusPurpose"]!.GetValue<string>() : null;
            var size = entry["statusSize"] is JsonValue s && s.TryGetValue<int>(out var n) ? n : 1;
            if (purpose is null
                || entry["statusListIndex"]?.GetValueKind() != JsonValueKind.String || !int.TryParse(entry["statusListIndex"]!.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || entry["statusListCredential"]?.GetValueKind() != JsonValueKind.String || !Uri.TryCreate(entry["statusListCredential"]!.GetValue<string>(), UriKind.Absolute, out var url)
                || size is < 1 or > 8)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidStatusEntry, "A BitstringStatusListEntry needs statusPurpose, a numeric statusListIndex, a URL statusListCredential and statusSize 1-8."));
                continue;
            }

            var (body, fetchProblem) = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
            if (fetchProblem is not null)
            {
                problems.Add(fetchProblem);
                continue;
            }

            var listVerifier = new CredentialVerifier(new CredentialVerifierOptions
            {
                Resolver = options.Resolver,
                TimeProvider = options.TimeProvider,
                ClockSkew = options.ClockSkew,
                JwsReaderOptions = options.JwsReaderOptions,
                AllowUncheckedStatus = true,
            });
            var list = await listVerifier.VerifyAsync(body!, cancellationToken).ConfigureAwait(false);
            if (!list.Verified)
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusListInvalid, $"The status list credential does not verify: {string.Join("; ", list.Problems.Select(p => p.Code))}"));
                continue;
            }

            if (!string.Equals(list.Issuer, vc.Issuer, StringComparison.Ordinal))
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusListInvalid, "The status list is issued by someone else than the credential."));
                continue;
            }

            var subject = VcDataModel.Objects(list.Claims!["credentialSubject"]) is [var first, ..] ? first : null;
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
