using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel.TestApi;

/// <summary>Points JwtBearer at DID-based signing key resolution.</summary>
internal sealed class ConfigureDidBearer(DidSigningKeyResolver keys) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAudience = Program.Audience,
            // The key resolver already ties the key to the DID in iss; any DID may call, the endpoint decides what it may do.
            IssuerValidator = (issuer, _, _) => issuer.StartsWith("did:", StringComparison.Ordinal)
                ? issuer
                : throw new SecurityTokenInvalidIssuerException("The issuer is not a DID."),
            IssuerSigningKeyResolver = keys.ResolveSigningKeys,
            ValidAlgorithms = ["EdDSA", "ES256K", "ES256"],
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}

