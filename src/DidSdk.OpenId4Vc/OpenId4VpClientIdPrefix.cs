using System.Diagnostics.CodeAnalysis;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// Client Identifier Prefixes (OpenID4VP 1.0 §5.9): the part of a <c>client_id</c> before the first <c>:</c> that says
/// how the wallet authenticates the verifier. A <c>client_id</c> without a known prefix is a pre-registered client.
/// </summary>
public static class OpenId4VpClientIdPrefix
{
    /// <summary>
    /// <c>decentralized_identifier</c> (§5.9.3): the rest is a DID; the request is a Request Object signed with a key of
    /// that DID's document, named by the JWS <c>kid</c>.
    /// </summary>
    public const string DecentralizedIdentifier = "decentralized_identifier";

    /// <summary><c>redirect_uri</c> (§5.9.3): the rest is the verifier's response URI; the request cannot be signed.</summary>
    public const string RedirectUri = "redirect_uri";

    /// <summary><c>x509_san_dns</c> (§5.9.3): the rest is a DNS name in the SAN of the certificate that signs the request (not implemented yet).</summary>
    public const string X509SanDns = "x509_san_dns";

    /// <summary>Builds a <c>client_id</c> from a prefix and its value.</summary>
    /// <param name="prefix">The prefix, e.g. <see cref="DecentralizedIdentifier"/>.</param>
    /// <param name="value">The identifier after the prefix.</param>
    public static string Create(string prefix, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(value);
        return prefix + ":" + value;
    }

    /// <summary>Splits a <c>client_id</c> into its prefix and value; <see langword="false"/> when it has no <c>:</c>.</summary>
    /// <param name="clientId">The client identifier.</param>
    /// <param name="prefix">The prefix.</param>
    /// <param name="value">The rest.</param>
    public static bool TrySplit(string? clientId, [NotNullWhen(true)] out string? prefix, [NotNullWhen(true)] out string? value)
    {
        var colon = clientId is null ? -1 : clientId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == clientId!.Length - 1)
        {
            prefix = null;
            value = null;
            return false;
        }

        prefix = clientId[..colon];
        value = clientId[(colon + 1)..];
        return true;
    }
}
