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

/// <summary>Fetches status list credentials by URL. Implement it to read them from a cache or an internal service.</summary>
public interface IStatusListCredentialFetcher
{
    /// <summary>The status list credential at <paramref name="url"/> (JSON or a compact JWT), or a problem.</summary>
    Task<(string? Credential, Problem? Problem)> FetchAsync(Uri url, CancellationToken cancellationToken = default);
}
