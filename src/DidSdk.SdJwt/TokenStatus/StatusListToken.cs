using System.Text.Json.Nodes;
using DidSdk.Core.Jose;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>Issues Status List Tokens in JWT format (draft-ietf-oauth-status-list §5.1).</summary>
public static class StatusListToken
{
    /// <summary>The JWT <c>typ</c>: <c>statuslist+jwt</c>.</summary>
    public const string JwtType = "statuslist+jwt";

    /// <summary>The media type a Status List Token in JWT format is served with (§8.1).</summary>
    public const string MediaType = "application/statuslist+jwt";

    /// <summary>Signs <paramref name="list"/> into a compact Status List Token.</summary>
    /// <param name="list">The list (its current statuses are encoded).</param>
    /// <param name="descriptor">The token's claims.</param>
    /// <param name="signer">The issuer's signer; its key id goes into <c>kid</c>.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    public static ValueTask<string> CreateAsync(TokenStatusList list, StatusListTokenDescriptor descriptor, ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(signer);
        if (!descriptor.Subject.IsAbsoluteUri)
        {
            throw new ArgumentException("The subject must be an absolute URI.", nameof(descriptor));
        }

        var claims = new JsonObject { ["sub"] = descriptor.Subject.OriginalString };
        if (descriptor.Issuer is { } issuer)
        {
            claims["iss"] = issuer;
        }

        claims["iat"] = descriptor.IssuedAt.ToUnixTimeSeconds();
        if (descriptor.ExpiresAt is { } exp)
        {
            if (exp <= descriptor.IssuedAt)
            {
                throw new ArgumentException("The expiry must be after the issue time.", nameof(descriptor));
            }

            claims["exp"] = exp.ToUnixTimeSeconds();
        }

        if (descriptor.TimeToLive is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromSeconds(1), nameof(descriptor));
            claims["ttl"] = (long)ttl.TotalSeconds;
        }

        claims["status_list"] = list.ToJson();
        var header = new JsonObject { ["typ"] = JwtType };
        return Jws.SignCompactAsync(header, claims, signer, cancellationToken);
    }
}
