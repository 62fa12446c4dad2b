using System.Text.Json;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel;

/// <summary>
/// Finds the key that signed a JWT by resolving its <c>kid</c> (a DID URL naming a verification method) through a
/// DID resolver, and accepts the key only when the method is authorized for the chosen verification relationship by
/// the DID the token names in <c>iss</c> (directly or as a controller, W3C DID Core §5.1.2).
/// </summary>
/// <remarks>
/// <para>For <c>JsonWebTokenHandler</c> and JwtBearer, set <see cref="TokenValidationParameters.IssuerSigningKeyResolver"/>
/// to <see cref="ResolveSigningKeys"/>. Microsoft.IdentityModel calls that delegate synchronously, so it waits for the
/// resolution; give this type a <see cref="CachingDidResolver"/> (a cache hit completes without waiting), or resolve
/// ahead with <see cref="WithSigningKeysAsync"/>, which returns validation parameters holding the key.</para>
/// <para>The key returned only verifies the algorithm its key type fixes (<c>EdDSA</c>, <c>ES256K</c>, <c>ES256</c>):
/// a token whose <c>alg</c> does not fit the DID's key fails validation. Methods without a public key
/// (<c>EcdsaSecp256k1RecoveryMethod2020</c>, i.e. a did:ethr controller account) cannot be used here.</para>
/// </remarks>
public sealed class DidSigningKeyResolver
{
    private readonly VerificationMethodAuthorizer _authorizer;

    /// <summary>Creates a resolver.</summary>
    /// <param name="resolver">Resolves DIDs; a <see cref="CachingDidResolver"/> keeps repeated validations off the network.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults (<c>assertionMethod</c>, <c>iss</c> required).</param>
    public DidSigningKeyResolver(IDidResolver resolver, DidSigningKeyResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Options = options ?? new DidSigningKeyResolverOptions();
        Options.Validate();
        _authorizer = new VerificationMethodAuthorizer(resolver);
    }

    /// <summary>The settings.</summary>
    public DidSigningKeyResolverOptions Options { get; }

    /// <summary>
    /// Resolves <paramref name="keyId"/> for a token issued by <paramref name="issuer"/>. Never throws for invalid input.
    /// </summary>
    /// <param name="keyId">The JWS <c>kid</c>: an absolute DID URL, or a relative one (<c>#key-1</c>) against <paramref name="issuer"/>.</param>
    /// <param name="issuer">The token's <c>iss</c> claim (for VC-JOSE, the credential's <c>issuer</c>); <see langword="null"/> or empty when it has none.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    public async Task<DidSigningKeyResolution> ResolveAsync(string? keyId, string? issuer, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            return DidSigningKeyResolution.NotFound(new Problem(DidProblemCodes.KeyIdMissing, "The token header has no kid naming a verification method."));
        }

        if (keyId.Length > Options.MaxKeyIdLength)
        {
            return DidSigningKeyResolution.NotFound(new Problem(DidProblemCodes.InvalidLength, "The kid is longer than the limit."));
        }

        string controller;
        if (!string.IsNullOrEmpty(issuer))
        {
            controller = issuer;
        }
        else if (!Options.AllowTokensWithoutIssuer)
        {
            return DidSigningKeyResolution.NotFound(new Problem(JoseProblemCodes.WrongIssuer, "The token has no iss claim naming the DID whose key signed it."));
        }
        else if (DidUrl.TryParse(keyId, out var keyUrl, out var problem))
        {
            controller = keyUrl.Did.ToString();
        }
        else
        {
            return DidSigningKeyResolution.NotFound(problem);
        }

        var authorization = await _authorizer.AuthorizeAsync(controller, keyId, Options.Relationship, cancellationToken).ConfigureAwait(false);
        if (!authorization.Succeeded)
        {
            return DidSigningKeyResolution.NotFound(authorization.Problem);
        }

        if (authorization.PublicKey is not { } publicKey)
        {
            return DidSigningKeyResolution.NotFound(new Problem(DidProblemCodes.RecoveryMethodHasNoKey, "The verification method names an account, not a public key."));
        }

        DidSdkSecurityKey key;
        try
        {
            key = new DidSdkSecurityKey(publicKey) { KeyId = authorization.VerificationMethod.Id };
        }
        catch (ArgumentException)
        {
            return DidSigningKeyResolution.NotFound(new Problem(DidProblemCodes.UnsupportedVerificationMethodType, $"A {publicKey.KeyType} key cannot verify signatures."));
        }

        return DidSigningKeyResolution.Found(key, authorization.VerificationMethod);
    }

    /// <summary>
    /// Resolves the key for a compact JWT, reading its <c>kid</c> header and <c>iss</c> claim without checking anything
    /// else (the handler does that afterwards). Never throws for invalid input.
    /// </summary>
    /// <param name="token">The JWT (JWS Compact Serialization).</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    public Task<DidSigningKeyResolution> ResolveForTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!TryReadKeyIdAndIssuer(token, out var keyId, out var issuer))
        {
            return Task.FromResult(DidSigningKeyResolution.NotFound(new Problem(JoseProblemCodes.Malformed, "The token is not a compact JWT.")));
        }

        return ResolveAsync(keyId, issuer, cancellationToken);
    }

    /// <summary>
    /// An <see cref="IssuerSigningKeyResolver"/>: the key authorized for the token's <c>kid</c>, or none (the handler
    /// then fails with a signature-key-not-found error). Blocks while a resolution that is not cached runs.
    /// </summary>
    /// <param name="token">The token text.</param>
    /// <param name="securityToken">The parsed token; its issuer names the controller DID.</param>
    /// <param name="kid">The <c>kid</c> header.</param>
    /// <param name="validationParameters">The validation parameters (unused).</param>
    /// <returns>One key, or an empty sequence.</returns>
    public IEnumerable<SecurityKey> ResolveSigningKeys(string token, SecurityToken securityToken, string kid, TokenValidationParameters validationParameters)
    {
        var issuer = securityToken is JsonWebToken jwt ? IssuerOf(jwt) : securityToken?.Issuer;
        var resolution = ResolveAsync(kid, issuer).GetAwaiter().GetResult();
        return resolution.Succeeded ? [resolution.Key] : [];
    }

    /// <summary>
    /// Resolves the token's key asynchronously and returns a copy of <paramref name="validationParameters"/> whose
    /// <see cref="TokenValidationParameters.IssuerSigningKeys"/> is that key alone (none when not found), for callers that
    /// validate with <c>JsonWebTokenHandler.ValidateTokenAsync</c> and want no blocking wait.
    /// </summary>
    /// <param name="token">The JWT.</param>
    /// <param name="validationParameters">The parameters to copy.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    public async Task<TokenValidationParameters> WithSigningKeysAsync(string token, TokenValidationParameters validationParameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var resolution = await ResolveForTokenAsync(token, cancellationToken).ConfigureAwait(false);
        var copy = validationParameters.Clone();
        copy.IssuerSigningKeyResolver = null;
        copy.IssuerSigningKey = null;
        copy.IssuerSigningKeys = resolution.Succeeded ? [resolution.Key] : [];
        return copy;
    }

    // VC-JOSE (vc+jwt) names the issuer in the credential's issuer member, a string or an object with an id
    // (VC Data Model 2.0 §4.7), not in iss.
    private static string? IssuerOf(JsonWebToken jwt)
    {
        if (!string.IsNullOrEmpty(jwt.Issuer))
        {
            return jwt.Issuer;
        }

        if (jwt.TryGetPayloadValue<string>("issuer", out var issuer))
        {
            return issuer;
        }

        return jwt.TryGetPayloadValue<JsonElement>("issuer", out var element)
            && element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
    }

    private static bool TryReadKeyIdAndIssuer(string? token, out string? keyId, out string? issuer)
    {
        keyId = null;
        issuer = null;
        if (string.IsNullOrEmpty(token) || token.Length > TokenValidationParameters.DefaultMaximumTokenSizeInBytes)
        {
            return false;
        }

        try
        {
            var jwt = new JsonWebToken(token);
            keyId = jwt.Kid;
            issuer = IssuerOf(jwt);
            return true;
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException derives from ArgumentException.
            return false;
        }
    }
}
