using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// Credential Issuer Metadata (OpenID4VCI 1.0 §12.2): built from <see cref="OpenId4VciIssuerOptions"/> by an issuer,
/// or read from <c>/.well-known/openid-credential-issuer</c> by a wallet.
/// </summary>
public sealed class CredentialIssuerMetadata
{
    /// <summary>The well-known path segment (OpenID4VCI 1.0 §12.2.2), inserted between the host and the issuer's path.</summary>
    public const string WellKnownSegment = "/.well-known/openid-credential-issuer";

    private CredentialIssuerMetadata(string credentialIssuer, IReadOnlyList<string> authorizationServers, string credentialEndpoint, string? nonceEndpoint,
        int batchSize, IReadOnlyDictionary<string, CredentialConfiguration> configurations, IReadOnlyList<DisplayProperties> display)
    {
        CredentialIssuer = credentialIssuer;
        AuthorizationServers = authorizationServers;
        CredentialEndpoint = credentialEndpoint;
        NonceEndpoint = nonceEndpoint;
        BatchSize = batchSize;
        CredentialConfigurations = configurations;
        Display = display;
    }

    /// <summary><c>credential_issuer</c>: the Credential Issuer Identifier.</summary>
    public string CredentialIssuer { get; }

    /// <summary><c>authorization_servers</c>; empty when the Credential Issuer is its own Authorization Server.</summary>
    public IReadOnlyList<string> AuthorizationServers { get; }

    /// <summary><c>credential_endpoint</c>.</summary>
    public string CredentialEndpoint { get; }

    /// <summary><c>nonce_endpoint</c>, if the issuer has one.</summary>
    public string? NonceEndpoint { get; }

    /// <summary><c>notification_endpoint</c>, if the issuer has one (OpenID4VCI 1.0 §11).</summary>
    public string? NotificationEndpoint { get; private set; }

    /// <summary><c>deferred_credential_endpoint</c>, if the issuer has one (OpenID4VCI 1.0 §9).</summary>
    public string? DeferredCredentialEndpoint { get; private set; }

    /// <summary><c>batch_credential_issuance.batch_size</c>; 1 when absent.</summary>
    public int BatchSize { get; }

    /// <summary><c>credential_configurations_supported</c>, by identifier.</summary>
    public IReadOnlyDictionary<string, CredentialConfiguration> CredentialConfigurations { get; }

    /// <summary><c>display</c>.</summary>
    public IReadOnlyList<DisplayProperties> Display { get; }

    /// <summary>The metadata URL of a Credential Issuer Identifier (OpenID4VCI 1.0 §12.2.2).</summary>
    /// <param name="credentialIssuer">The Credential Issuer Identifier.</param>
    public static Uri GetMetadataUri(Uri credentialIssuer) => WellKnown(credentialIssuer, WellKnownSegment);

    internal static Uri WellKnown(Uri identifier, string segment)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var path = identifier.AbsolutePath == "/" ? "" : identifier.AbsolutePath.TrimEnd('/');
        return new Uri(identifier.GetLeftPart(UriPartial.Authority) + segment + path);
    }

    /// <summary>Builds the metadata an issuer configured with <paramref name="options"/> publishes.</summary>
    /// <param name="options">The issuer's settings (validated).</param>
    /// <param name="credentialSigningAlgorithm">The JOSE algorithm the issuer signs credentials with.</param>
    public static CredentialIssuerMetadata Create(OpenId4VciIssuerOptions options, string credentialSigningAlgorithm) =>
        Create(options, credentialSigningAlgorithm, hasNotificationEndpoint: false, hasDeferredCredentialEndpoint: false);

    internal static CredentialIssuerMetadata Create(OpenId4VciIssuerOptions options, string credentialSigningAlgorithm, bool hasNotificationEndpoint,
        bool hasDeferredCredentialEndpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(credentialSigningAlgorithm);
        var configurations = new Dictionary<string, CredentialConfiguration>(StringComparer.Ordinal);
        foreach (var c in options.CredentialConfigurations)
        {
            configurations[c.Id] = new CredentialConfiguration
            {
                Id = c.Id,
                Format = c.Format,
                Vct = c.Vct,
                Types = c.Types,
                Scope = c.Scope,
                DisclosableClaims = c.DisclosableClaims,
                Display = c.Display,
                ProofSigningAlgorithms = options.ProofSigningAlgorithms,
            };
        }

        var metadata = new CredentialIssuerMetadata(options.CredentialIssuer, [], options.CredentialIssuer + "/credential", options.CredentialIssuer + "/nonce",
            options.BatchSize, configurations, options.Display);
        metadata._signingAlgorithm = credentialSigningAlgorithm;
        metadata.NotificationEndpoint = hasNotificationEndpoint ? options.CredentialIssuer + "/notification" : null;
        metadata.DeferredCredentialEndpoint = hasDeferredCredentialEndpoint ? options.CredentialIssuer + "/deferred_credential" : null;
        return metadata;
    }

    private string? _signingAlgorithm;

    /// <summary>The metadata as the JSON document of OpenID4VCI 1.0 §12.2.4.</summary>
    public JsonObject ToJson()
    {
        var configurations = new JsonObject();
        foreach (var (id, c) in CredentialConfigurations)
        {
            var entry = new JsonObject { ["format"] = c.Format };
            if (c.Scope is not null)
            {
                entry["scope"] = c.Scope;
            }

            if (c.Format == CredentialConfiguration.SdJwtVcFormat)
            {
                entry["vct"] = c.Vct;
                entry["cryptographic_binding_methods_supported"] = JsonRead.ToArray(["jwk"]);
            }
            else
            {
                entry["credential_definition"] = new JsonObject { ["type"] = JsonRead.ToArray(c.Types) };
                entry["cryptographic_binding_methods_supported"] = JsonRead.ToArray(["did:jwk"]);
            }

            if (_signingAlgorithm is not null)
            {
                entry["credential_signing_alg_values_supported"] = JsonRead.ToArray([_signingAlgorithm]);
            }

            entry["proof_types_supported"] = new JsonObject
            {
                ["jwt"] = new JsonObject { ["proof_signing_alg_values_supported"] = JsonRead.ToArray(c.ProofSigningAlgorithms) },
            };
            if (c.Display.Count > 0)
            {
                entry["credential_metadata"] = new JsonObject { ["display"] = DisplayJson(c.Display) };
            }

            configurations[id] = entry;
        }

        var json = new JsonObject { ["credential_issuer"] = CredentialIssuer };
        if (AuthorizationServers.Count > 0)
        {
            json["authorization_servers"] = JsonRead.ToArray(AuthorizationServers);
        }

        json["credential_endpoint"] = CredentialEndpoint;
        if (NonceEndpoint is not null)
        {
            json["nonce_endpoint"] = NonceEndpoint;
        }

        if (DeferredCredentialEndpoint is not null)
        {
            json["deferred_credential_endpoint"] = DeferredCredentialEndpoint;
        }

        if (NotificationEndpoint is not null)
        {
            json["notification_endpoint"] = NotificationEndpoint;
        }

        if (BatchSize > 1)
        {
            json["batch_credential_issuance"] = new JsonObject { ["batch_size"] = BatchSize };
        }

        if (Display.Count > 0)
        {
            json["display"] = DisplayJson(Display);
        }

        json["credential_configurations_supported"] = configurations;
        return json;
    }

    private static JsonArray DisplayJson(IReadOnlyList<DisplayProperties> display)
    {
        var array = new JsonArray();
        foreach (var d in display)
        {
            var entry = new JsonObject { ["name"] = d.Name };
            if (d.Locale is not null)
            {
                entry["locale"] = d.Locale;
            }

            if (d.Description is not null)
            {
                entry["description"] = d.Description;
            }

            if (d.LogoUri is not null)
            {
                var logo = new JsonObject { ["uri"] = d.LogoUri };
                if (d.LogoAltText is not null)
                {
                    logo["alt_text"] = d.LogoAltText;
                }

                entry["logo"] = logo;
            }

            if (d.BackgroundColor is not null)
            {
                entry["background_color"] = d.BackgroundColor;
            }

            if (d.TextColor is not null)
            {
                entry["text_color"] = d.TextColor;
            }

            array.Add((JsonNode)entry);
        }

        return array;
    }

    /// <summary>Reads Credential Issuer Metadata; never throws for malformed input.</summary>
    /// <param name="json">The metadata document.</param>
    /// <param name="metadata">The metadata, when it is well formed.</param>
    /// <param name="problem">Why it was refused (<see cref="OpenId4VcProblemCodes.InvalidMetadata"/>).</param>
    public static bool TryParse(JsonObject json, [NotNullWhen(true)] out CredentialIssuerMetadata? metadata, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        metadata = null;
        var issuer = JsonRead.String(json, "credential_issuer");
        var endpoint = JsonRead.String(json, "credential_endpoint");
        if (issuer is null || endpoint is null)
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidMetadata, "credential_issuer and credential_endpoint are required strings.");
            return false;
        }

        var servers = json.ContainsKey("authorization_servers") ? JsonRead.Strings(json, "authorization_servers") : [];
        var configurationsJson = JsonRead.Object(json, "credential_configurations_supported");
        if (servers is null || configurationsJson is null)
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidMetadata, "authorization_servers or credential_configurations_supported is malformed.");
            return false;
        }

        var batchSize = JsonRead.Integer(JsonRead.Object(json, "batch_credential_issuance"), "batch_size") ?? 1;
        var configurations = new Dictionary<string, CredentialConfiguration>(StringComparer.Ordinal);
        foreach (var (id, node) in configurationsJson)
        {
            if (node is not JsonObject entry || JsonRead.String(entry, "format") is not { } format)
            {
                problem = new Problem(OpenId4VcProblemCodes.InvalidMetadata, "A credential configuration has no format.");
                return false;
            }

            configurations[id] = new CredentialConfiguration
            {
                Id = id,
                Format = format,
                Vct = JsonRead.String(entry, "vct"),
                Types = JsonRead.Strings(JsonRead.Object(entry, "credential_definition"), "type") ?? [],
                Scope = JsonRead.String(entry, "scope"),
                ProofSigningAlgorithms = JsonRead.Strings(JsonRead.Object(JsonRead.Object(entry, "proof_types_supported"), "jwt"), "proof_signing_alg_values_supported") ?? [],
                Display = ParseDisplay(JsonRead.Array(JsonRead.Object(entry, "credential_metadata"), "display")),
            };
        }

        metadata = new CredentialIssuerMetadata(issuer, servers, endpoint, JsonRead.String(json, "nonce_endpoint"), (int)Math.Clamp(batchSize, 1, 1000),
            configurations, ParseDisplay(JsonRead.Array(json, "display")))
        {
            NotificationEndpoint = JsonRead.String(json, "notification_endpoint"),
            DeferredCredentialEndpoint = JsonRead.String(json, "deferred_credential_endpoint"),
        };
        problem = null;
        return true;
    }

    private static List<DisplayProperties> ParseDisplay(JsonArray? array)
    {
        var list = new List<DisplayProperties>();
        foreach (var node in array ?? [])
        {
            if (node is JsonObject d && JsonRead.String(d, "name") is { } name)
            {
                var logo = JsonRead.Object(d, "logo");
                list.Add(new DisplayProperties
                {
                    Name = name,
                    Locale = JsonRead.String(d, "locale"),
                    Description = JsonRead.String(d, "description"),
                    LogoUri = JsonRead.String(logo, "uri"),
                    LogoAltText = JsonRead.String(logo, "alt_text"),
                    BackgroundColor = JsonRead.String(d, "background_color"),
                    TextColor = JsonRead.String(d, "text_color"),
                });
            }
        }

        return list;
    }
}
