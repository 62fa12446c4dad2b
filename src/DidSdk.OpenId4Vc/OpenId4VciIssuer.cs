using System.Text.Json.Nodes;
using DidSdk.Core.Jose;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// An OpenID for Verifiable Credential Issuance 1.0 Credential Issuer with its own token endpoint for the Pre-Authorized
/// Code Flow: metadata, credential offers, token, nonce and credential endpoints, independent of any HTTP stack (map
/// them with <c>DidSdk.AspNetCore</c> or call them directly). State lives in an <see cref="IOpenId4VcStateStore"/>, so
/// several instances can share it; credentials are signed through an <see cref="ISigner"/>, so the key may sit in an HSM.
/// </summary>
public sealed partial class OpenId4VciIssuer
{
    private readonly OpenId4VciIssuerOptions _options;
    private readonly IOpenId4VcStateStore _store;
    private readonly ICredentialClaimsProvider _claimsProvider;
    private readonly ISigner _signer;
    private readonly TimeProvider _timeProvider;
    private readonly IOpenId4VciNotificationHandler? _notificationHandler;
    private readonly IOpenId4VciIssuanceDecider? _issuanceDecider;
    private readonly IOpenId4VciAuthorizationHandler? _authorizationHandler;
    private readonly KeyProofValidator _proofValidator;
    private readonly Dictionary<string, CredentialConfiguration> _configurations;

    /// <summary>Creates an issuer.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="store">The protocol state store.</param>
    /// <param name="claimsProvider">The bank's source of claims.</param>
    /// <param name="signer">Signs the credentials; its key id must be a verification method of <see cref="OpenId4VciIssuerOptions.IssuerDid"/>.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="notificationHandler">
    /// Receives the Wallet's notifications (OpenID4VCI 1.0 §11); without one the issuer publishes no
    /// <c>notification_endpoint</c> and returns no <c>notification_id</c>.
    /// </param>
    /// <param name="issuanceDecider">
    /// The back-office decision, issue now or later (OpenID4VCI 1.0 §9); without one every accepted request is issued at
    /// once and the issuer publishes no <c>deferred_credential_endpoint</c>.
    /// </param>
    /// <param name="authorizationHandler">
    /// The bank's login for the Authorization Code Flow (OpenID4VCI 1.0 §5); with one the issuer publishes an
    /// <c>authorization_endpoint</c> and a <c>pushed_authorization_request_endpoint</c> and accepts the
    /// <c>authorization_code</c> grant from the <see cref="OpenId4VciIssuerOptions.AuthorizationClients"/> (at least one
    /// needed); without one only the Pre-Authorized Code Flow runs.
    /// </param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public OpenId4VciIssuer(OpenId4VciIssuerOptions options, IOpenId4VcStateStore store, ICredentialClaimsProvider claimsProvider, ISigner signer, TimeProvider? timeProvider = null,
        IOpenId4VciNotificationHandler? notificationHandler = null, IOpenId4VciIssuanceDecider? issuanceDecider = null,
        IOpenId4VciAuthorizationHandler? authorizationHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(claimsProvider);
        ArgumentNullException.ThrowIfNull(signer);
        options.Validate();
        if (authorizationHandler is not null && options.AuthorizationClients.Count == 0)
        {
            throw new ArgumentException("The Authorization Code Flow needs at least one registered client (AuthorizationClients).", nameof(options));
        }

        _options = options;
        _store = store;
        _claimsProvider = claimsProvider;
        _signer = signer;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _notificationHandler = notificationHandler;
        _issuanceDecider = issuanceDecider;
        _authorizationHandler = authorizationHandler;
        _proofValidator = new KeyProofValidator(options);
        _configurations = options.CredentialConfigurations.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Metadata = CredentialIssuerMetadata.Create(options, signer.Algorithm.JoseAlgorithm, notificationHandler is not null, issuanceDecider is not null);
    }

    /// <summary>The settings.</summary>
    public OpenId4VciIssuerOptions Options => _options;

    /// <summary>The Credential Issuer Metadata this issuer publishes.</summary>
    public CredentialIssuerMetadata Metadata { get; }

    /// <summary>The Credential Issuer Metadata document (OpenID4VCI 1.0 §12.2.4).</summary>
    public JsonObject GetCredentialIssuerMetadata() => Metadata.ToJson();

    /// <summary>
    /// The Authorization Server Metadata document (RFC 8414) of the issuer's token endpoint, and of its authorization and
    /// pushed authorization request endpoints when it runs the Authorization Code Flow.
    /// </summary>
    public JsonObject GetAuthorizationServerMetadata() => AuthorizationServerMetadata.Create(_options, _authorizationHandler is not null);

    /// <summary>Whether the issuer runs the Authorization Code Flow (it was given an <see cref="IOpenId4VciAuthorizationHandler"/>).</summary>
    public bool SupportsAuthorizationCodeFlow => _authorizationHandler is not null;

    /// <summary>
    /// Creates a Credential Offer for a subject the bank knows. With the Pre-Authorized Code grant (the default) the offer
    /// carries a code (and, by default, a Transaction Code) that is single use and expires after
    /// <see cref="OpenId4VciIssuerOptions.PreAuthorizedCodeLifetime"/>; with the <c>authorization_code</c> grant it carries an
    /// <c>issuer_state</c> (same lifetime, single use) that ties the user's Authorization Request to this offer and subject.
    /// </summary>
    /// <param name="request">Who and what.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">An offered configuration is unknown, or no grant is asked for.</exception>
    /// <exception cref="InvalidOperationException">The authorization code grant is asked of an issuer without an <see cref="IOpenId4VciAuthorizationHandler"/>.</exception>
    public async Task<CredentialOfferResult> CreateOfferAsync(CredentialOfferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Subject);
        if (request.CredentialConfigurationIds.Count == 0 || request.CredentialConfigurationIds.Any(id => !_configurations.ContainsKey(id)))
        {
            throw new ArgumentException("Every offered credential configuration must be configured.", nameof(request));
        }

        if (request.TxCodeDescription is { Length: > 300 })
        {
            throw new ArgumentException("tx_code description is limited to 300 characters.", nameof(request));
        }

        var preAuthorized = request.Grants.HasFlag(CredentialOfferGrants.PreAuthorizedCode);
        var authorizationCode = request.Grants.HasFlag(CredentialOfferGrants.AuthorizationCode);
        if (!preAuthorized && !authorizationCode)
        {
            throw new ArgumentException("An offer needs at least one grant.", nameof(request));
        }

        if (authorizationCode && _authorizationHandler is null)
        {
            throw new InvalidOperationException("The authorization code grant needs an IOpenId4VciAuthorizationHandler.");
        }

        var now = _timeProvider.GetUtcNow();
        var expiresAt = now + _options.PreAuthorizedCodeLifetime;
        var ids = request.CredentialConfigurationIds.Distinct(StringComparer.Ordinal).ToArray();
        string? code = null;
        string? txCode = null;
        if (preAuthorized)
        {
            code = Secrets.NewToken();
            txCode = request.RequireTxCode ? Secrets.NewNumericCode(_options.TxCodeLength) : null;
            var data = new JsonObject
            {
                ["sub"] = request.Subject,
                ["cfg"] = JsonRead.ToArray(ids),
                ["tx"] = txCode is null ? null : Secrets.TxCodeHash(code, txCode),
            };
            if (!await _store.TryAddAsync(new StateEntry(StateKinds.PreAuthorizedCode, Secrets.Hash(code), data.ToJsonString(), expiresAt, 0), now, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("A freshly generated pre-authorized code collided with a stored one.");
            }
        }

        string? issuerState = null;
        if (authorizationCode)
        {
            issuerState = Secrets.NewToken();
            var data = new JsonObject { ["sub"] = request.Subject, ["cfg"] = JsonRead.ToArray(ids) };
            if (!await _store.TryAddAsync(new StateEntry(StateKinds.IssuerState, Secrets.Hash(issuerState), data.ToJsonString(), expiresAt, 0), now, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("A freshly generated issuer_state collided with a stored one.");
            }
        }

        var offer = new CredentialOffer(_options.CredentialIssuer, ids, code,
            txCode is null ? null : new TxCodeDefinition("numeric", _options.TxCodeLength, request.TxCodeDescription))
        {
            AuthorizationCodeGrant = authorizationCode,
            IssuerState = issuerState,
        };
        var offerId = Secrets.NewToken(16);

        // The offer holds the pre-authorized code, so it is served only under an unguessable id and only while the code lives.
        await _store.TryAddAsync(new StateEntry(StateKinds.Offer, offerId, offer.ToJson().ToJsonString(), expiresAt, 0), now, cancellationToken).ConfigureAwait(false);
        var offerUri = new Uri(_options.CredentialIssuer + "/credential-offer/" + offerId);
        return new CredentialOfferResult(offer, offerId, offerUri, CredentialOffer.ToReferenceUri(offerUri), offer.ToUri(), txCode, expiresAt);
    }

    /// <summary>The Credential Offer served by reference (OpenID4VCI 1.0 §4.1.3), or 404 when unknown or expired.</summary>
    /// <param name="offerId">The offer id from the <c>credential_offer_uri</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> GetOfferAsync(string offerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        var entry = offerId.Length is > 0 and <= 64
            ? await _store.GetAsync(StateKinds.Offer, offerId, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : null;
        return entry is not null && JsonRead.ParseObject(entry.Data) is { } offer
            ? OpenId4VciEndpointResult.Ok(offer)
            : OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "No such credential offer.", 404);
    }

    /// <summary>The Nonce Endpoint (OpenID4VCI 1.0 §7): a fresh single-use <c>c_nonce</c>.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> CreateNonceAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var nonce = Secrets.NewToken();
        await _store.TryAddAsync(new StateEntry(StateKinds.Nonce, Secrets.Hash(nonce), "{}", now + _options.NonceLifetime, 0), now, cancellationToken).ConfigureAwait(false);
        return OpenId4VciEndpointResult.Ok(new JsonObject { ["c_nonce"] = nonce });
    }
}
