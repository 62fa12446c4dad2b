namespace DidSdk.Extensions;

/// <summary>
/// The names of the <see cref="HttpClient"/>s DidSdk takes from <c>IHttpClientFactory</c>; configure them further with
/// <c>services.AddHttpClient(name)</c> (proxies, client certificates, extra handlers).
/// </summary>
public static class DidSdkHttpClientNames
{
    /// <summary>The did:web resolver's client.</summary>
    public const string DidWeb = "DidSdk.DidWeb";

    /// <summary>The status list fetchers' client (Bitstring Status List and IETF Token Status List).</summary>
    public const string StatusList = "DidSdk.StatusList";

    /// <summary>The Ethereum JSON-RPC client (did:ethr).</summary>
    public const string EthereumRpc = "DidSdk.EthereumRpc";
}
