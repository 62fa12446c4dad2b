using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// A Credential Offer (OpenID4VCI 1.0 §4.1.1) with the Pre-Authorized Code and/or the Authorization Code grant, and its forms as a URI a QR code can
/// carry: by value (<c>credential_offer</c>) or by reference (<c>credential_offer_uri</c>, §4.1.3).
/// </summary>
public sealed class CredentialOffer
{
    /// <summary>The URI scheme wallets register for offers (OpenID4VCI 1.0 §4.1).</summary>
    public const string DefaultScheme = "openid-credential-offer://";

    /// <summary>The longest offer URI or JSON read (the QR code case needs far less).</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>Creates an offer.</summary>
    /// <param name="credentialIssuer">The Credential Issuer Identifier.</param>
    /// <param name="credentialConfigurationIds">The offered configurations.</param>
    /// <param name="preAuthorizedCode">The Pre-Authorized Code, or <see langword="null"/> for an offer without that grant.</param>
    /// <param name="txCode">The transaction code description, if a code is required.</param>
    public CredentialOffer(string credentialIssuer, IReadOnlyList<string> credentialConfigurationIds, string? preAuthorizedCode, TxCodeDefinition? txCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialIssuer);
        ArgumentNullException.ThrowIfNull(credentialConfigurationIds);
        CredentialIssuer = credentialIssuer;
        CredentialConfigurationIds = credentialConfigurationIds;
        PreAuthorizedCode = preAuthorizedCode;
        TxCode = txCode;
    }

    /// <summary><c>credential_issuer</c>.</summary>
    public string CredentialIssuer { get; }

    /// <summary><c>credential_configuration_ids</c>.</summary>
    public IReadOnlyList<string> CredentialConfigurationIds { get; }

    /// <summary>The <c>pre-authorized_code</c> of the Pre-Authorized Code grant, if offered.</summary>
    public string? PreAuthorizedCode { get; }

    /// <summary>The <c>tx_code</c> object, when the grant requires a Transaction Code.</summary>
    public TxCodeDefinition? TxCode { get; }

    /// <summary>Whether the offer carries the <c>authorization_code</c> grant.</summary>
    public bool AuthorizationCodeGrant { get; init; }

    /// <summary>The <c>issuer_state</c> of the <c>authorization_code</c> grant, to send back in the Authorization Request.</summary>
    public string? IssuerState { get; init; }

    /// <summary>The offer as JSON (OpenID4VCI 1.0 §4.1.1).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["credential_issuer"] = CredentialIssuer,
            ["credential_configuration_ids"] = JsonRead.ToArray(CredentialConfigurationIds),
        };
        if (PreAuthorizedCode is not null)
        {
            var grant = new JsonObject { ["pre-authorized_code"] = PreAuthorizedCode };
            if (TxCode is not null)
            {
                var tx = new JsonObject { ["input_mode"] = TxCode.InputMode };
                if (TxCode.Length is { } length)
                {
                    tx["length"] = length;
                }

                if (TxCode.Description is not null)
                {
                    tx["description"] = TxCode.Description;
                }

                grant["tx_code"] = tx;
            }

            json["grants"] = new JsonObject { [AuthorizationServerMetadata.PreAuthorizedCodeGrantType] = grant };
        }

        if (AuthorizationCodeGrant)
        {
            var grants = JsonRead.Object(json, "grants") ?? [];
            grants[AuthorizationServerMetadata.AuthorizationCodeGrantType] = IssuerState is null ? new JsonObject() : new JsonObject { ["issuer_state"] = IssuerState };
            json["grants"] = grants;
        }

        return json;
    }

    /// <summary>The offer by value: <c>openid-credential-offer://?credential_offer=...</c> (OpenID4VCI 1.0 §4.1.2).</summary>
    /// <param name="scheme">The scheme and authority prefix, default <see cref="DefaultScheme"/>.</param>
    public string ToUri(string scheme = DefaultScheme) => scheme + "?credential_offer=" + Uri.EscapeDataString(ToJson().ToJsonString());

    /// <summary>An offer by reference: <c>openid-credential-offer://?credential_offer_uri=...</c> (OpenID4VCI 1.0 §4.1.3).</summary>
    /// <param name="offerUri">Where the wallet fetches the offer JSON.</param>
    /// <param name="scheme">The scheme and authority prefix, default <see cref="DefaultScheme"/>.</param>
    public static string ToReferenceUri(Uri offerUri, string scheme = DefaultScheme)
    {
        ArgumentNullException.ThrowIfNull(offerUri);
        return scheme + "?credential_offer_uri=" + Uri.EscapeDataString(offerUri.AbsoluteUri);
    }

    /// <summary>
    /// Reads an offer URI: either the offer itself (<c>credential_offer</c>) or where to fetch it
    /// (<c>credential_offer_uri</c>). Exactly one of the two must be present. Never throws for malformed input.
    /// </summary>
    /// <param name="uri">The scanned URI.</param>
    /// <param name="offer">The offer, when passed by value.</param>
    /// <param name="reference">The offer's location, when passed by reference.</param>
    /// <param name="problem">Why the URI was refused (<see cref="OpenId4VcProblemCodes.InvalidOffer"/>).</param>
    public static bool TryParseUri(string uri, out CredentialOffer? offer, out Uri? reference, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(uri);
        offer = null;
        reference = null;
        if (uri.Length > MaxLength)
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "The offer URI is too long.");
            return false;
        }

        var query = uri.IndexOf('?', StringComparison.Ordinal);
        if (query < 0 || !FormUrlEncoded.TryParse(uri[(query + 1)..], out var parameters))
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "The offer URI has no valid query.");
            return false;
        }

        parameters.TryGetValue("credential_offer", out var value);
        parameters.TryGetValue("credential_offer_uri", out var location);
        if ((value is null) == (location is null))
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "Exactly one of credential_offer and credential_offer_uri is required.");
            return false;
        }

        if (location is not null)
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out reference))
            {
                problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "credential_offer_uri is not an absolute URI.");
                return false;
            }

            problem = null;
            return true;
        }

        return TryParse(value!, out offer, out problem);
    }

    /// <summary>Reads the offer JSON (OpenID4VCI 1.0 §4.1.1); never throws for malformed input.</summary>
    /// <param name="json">The offer JSON text.</param>
    /// <param name="offer">The offer.</param>
    /// <param name="problem">Why it was refused (<see cref="OpenId4VcProblemCodes.InvalidOffer"/>).</param>
    public static bool TryParse(string json, [NotNullWhen(true)] out CredentialOffer? offer, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        offer = null;
        var obj = json.Length <= MaxLength ? JsonRead.ParseObject(json) : null;
        var issuer = JsonRead.String(obj, "credential_issuer");
        var ids = JsonRead.Strings(obj, "credential_configuration_ids");
        if (issuer is null || ids is null || ids.Count == 0)
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "The offer needs credential_issuer and a non-empty credential_configuration_ids.");
            return false;
        }

        var grants = JsonRead.Object(obj, "grants");
        string? code = null;
        TxCodeDefinition? txCode = null;
        if (JsonRead.Object(grants, AuthorizationServerMetadata.PreAuthorizedCodeGrantType) is { } grant)
        {
            code = JsonRead.String(grant, "pre-authorized_code");
            if (code is null)
            {
                problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "The pre-authorized_code grant has no pre-authorized_code.");
                return false;
            }

            if (grant.ContainsKey("tx_code"))
            {
                var tx = JsonRead.Object(grant, "tx_code");
                if (tx is null)
                {
                    problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "tx_code is not an object.");
                    return false;
                }

                var length = JsonRead.Integer(tx, "length");
                txCode = new TxCodeDefinition(JsonRead.String(tx, "input_mode") ?? "numeric", length is > 0 and < 1000 ? (int)length : null, JsonRead.String(tx, "description"));
            }
        }

        var authorizationCode = grants is not null && grants.ContainsKey(AuthorizationServerMetadata.AuthorizationCodeGrantType);
        var authorizationGrant = JsonRead.Object(grants, AuthorizationServerMetadata.AuthorizationCodeGrantType);
        if (authorizationCode && authorizationGrant is null)
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "The authorization_code grant is not an object.");
            return false;
        }

        var issuerState = JsonRead.String(authorizationGrant, "issuer_state");
        if (authorizationGrant is not null && authorizationGrant.ContainsKey("issuer_state") && issuerState is not { Length: > 0 and <= 1024 })
        {
            problem = new Problem(OpenId4VcProblemCodes.InvalidOffer, "issuer_state is not a string of at most 1024 characters.");
            return false;
        }

        offer = new CredentialOffer(issuer, ids, code, txCode) { AuthorizationCodeGrant = authorizationCode, IssuerState = issuerState };
        problem = null;
        return true;
    }
}
