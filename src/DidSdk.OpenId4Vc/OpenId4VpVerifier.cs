using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Credentials;
using DidSdk.SdJwt;
using DidSdk.Wallet;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// An OpenID for Verifiable Presentations 1.0 verifier, independent of any HTTP stack: creates Authorization Requests
/// with a DCQL query (signed Request Objects for the <c>decentralized_identifier</c> Client Identifier Prefix, unsigned
/// requests for <c>redirect_uri</c>), serves them by reference, validates the <c>direct_post</c> Authorization Response
/// against the query and keeps the result for the front end to poll. Sessions live in an <see cref="IOpenId4VcStateStore"/>.
/// Credentials are verified by the existing verifiers: <see cref="SdJwtVcVerifier"/> for <c>dc+sd-jwt</c> and
/// <see cref="PresentationVerifier"/> for <c>jwt_vc_json</c>, with whatever trust policy, resolver and status checker
/// they were built with.
/// </summary>
public sealed partial class OpenId4VpVerifier
{
    /// <summary>The <c>dc+sd-jwt</c> format identifier (OpenID4VP 1.0 Appendix B.3).</summary>
    public const string SdJwtVcFormat = "dc+sd-jwt";

    /// <summary>The <c>jwt_vc_json</c> format identifier (OpenID4VP 1.0 Appendix B.1).</summary>
    public const string JwtVcJsonFormat = "jwt_vc_json";

    private readonly OpenId4VpVerifierOptions _options;
    private readonly IOpenId4VcStateStore _store;
    private readonly SdJwtVcVerifier _sdJwtVerifier;
    private readonly PresentationVerifier? _presentationVerifier;
    private readonly ISigner? _requestSigner;
    private readonly TimeProvider _timeProvider;
    private readonly string _clientId;

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="store">The session store.</param>
    /// <param name="sdJwtVerifier">Verifies <c>dc+sd-jwt</c> presentations (issuer key from its DID, key binding, status, trust policy).</param>
    /// <param name="presentationVerifier">Verifies <c>jwt_vc_json</c> presentations; without it the verifier asks only for SD-JWT VCs.</param>
    /// <param name="requestSigner">Signs Request Objects; required for <c>decentralized_identifier</c>, its key id a DID URL of <see cref="OpenId4VpVerifierOptions.VerifierDid"/>.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid or the signer does not fit them.</exception>
    public OpenId4VpVerifier(
        OpenId4VpVerifierOptions options,
        IOpenId4VcStateStore store,
        SdJwtVcVerifier sdJwtVerifier,
        PresentationVerifier? presentationVerifier = null,
        ISigner? requestSigner = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sdJwtVerifier);
        options.Validate();
        if (options.ClientIdPrefix == OpenId4VpClientIdPrefix.DecentralizedIdentifier
            && (requestSigner?.KeyId is not { } kid || !kid.StartsWith(options.VerifierDid + "#", StringComparison.Ordinal)))
        {
            throw new ArgumentException("The decentralized_identifier prefix needs a request signer whose key id is a DID URL of VerifierDid.", nameof(requestSigner));
        }

        _options = options;
        _store = store;
        _sdJwtVerifier = sdJwtVerifier;
        _presentationVerifier = presentationVerifier;
        _requestSigner = options.ClientIdPrefix == OpenId4VpClientIdPrefix.DecentralizedIdentifier ? requestSigner : null;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _clientId = options.ClientId;
    }

    /// <summary>The settings.</summary>
    public OpenId4VpVerifierOptions Options => _options;

    /// <summary>The Client Identifier, with its prefix: the audience every key binding must name.</summary>
    public string ClientId => _clientId;

    /// <summary>
    /// Creates an Authorization Request for a DCQL query with a fresh <c>nonce</c> and <c>state</c>, and stores its session.
    /// Signed requests are served by reference when <see cref="OpenId4VpVerifierOptions.RequestUriBase"/> is set.
    /// </summary>
    /// <param name="dcqlQuery">The DCQL query (OpenID4VP 1.0 §6).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The query is invalid or asks for a format this verifier cannot verify.</exception>
    public async Task<OpenId4VpRequestResult> CreateRequestAsync(JsonObject dcqlQuery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dcqlQuery);
        if (!DcqlQuery.TryParse(dcqlQuery.ToJsonString(), out var query, out var problem))
        {
            throw new ArgumentException("The DCQL query is invalid: " + problem.Message, nameof(dcqlQuery));
        }

        if (query.Credentials.FirstOrDefault(c => !SupportsFormat(c.Format)) is { } unsupported)
        {
            throw new ArgumentException($"Credential Query '{unsupported.Id}' asks for format '{unsupported.Format}', which this verifier cannot verify.", nameof(dcqlQuery));
        }

        var now = _timeProvider.GetUtcNow();
        var expiresAt = now + _options.RequestLifetime;
        var id = Secrets.NewToken(16);
        var state = Secrets.NewToken();
        var clientMetadata = ClientMetadata();
        var encryptionKey = _options.ResponseMode == OpenId4VpAuthorizationRequest.DirectPostJwt ? NewResponseEncryptionKey(id, clientMetadata) : null;
        var request = new OpenId4VpAuthorizationRequest
        {
            ClientId = _clientId,
            ResponseMode = _options.ResponseMode,
            ResponseUri = _options.ResponseUri,
            Nonce = Secrets.NewToken(),
            State = state,
            DcqlQuery = (JsonObject)dcqlQuery.DeepClone(),
            ClientMetadata = clientMetadata,
        };

        string? requestObject = null;
        if (_requestSigner is not null)
        {
            var claims = request.ToJson();
            claims["aud"] = OpenId4VpAuthorizationRequest.SelfIssuedAudience;
            claims["iat"] = now.ToUnixTimeSeconds();
            claims["exp"] = expiresAt.ToUnixTimeSeconds();
            requestObject = await Jws.SignCompactAsync(new JsonObject { ["typ"] = OpenId4VpAuthorizationRequest.RequestObjectType }, claims, _requestSigner, cancellationToken).ConfigureAwait(false);
        }

        var session = new JsonObject
        {
            ["nonce"] = request.Nonce,
            ["dcql"] = dcqlQuery.DeepClone(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["status"] = OpenId4VpSessionResult.Pending,
            ["jwt"] = requestObject,
            [ResponseKeyName] = encryptionKey,
        };
        if (!await _store.TryAddAsync(new StateEntry(StateKinds.VpSession, id, session.ToJsonString(), expiresAt + _options.ResultLifetime, 0), now, cancellationToken).ConfigureAwait(false)
            || !await _store.TryAddAsync(new StateEntry(StateKinds.VpState, Secrets.Hash(state), id, expiresAt, 0), now, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A freshly generated session id or state collided with a stored one.");
        }

        Uri? requestUri = null;
        string walletUri;
        if (requestObject is not null && _options.RequestUriBase.Length > 0)
        {
            requestUri = new Uri(_options.RequestUriBase.TrimEnd('/') + "/" + id);
            walletUri = "openid4vp://?" + FormUrlEncoded.Encode([new("client_id", _clientId), new("request_uri", requestUri.AbsoluteUri)]);
        }
        else if (requestObject is not null)
        {
            walletUri = "openid4vp://?" + FormUrlEncoded.Encode([new("client_id", _clientId), new("request", requestObject)]);
        }
        else
        {
            walletUri = "openid4vp://?" + FormUrlEncoded.Encode(request.ToParameters());
        }

        return new OpenId4VpRequestResult(id, request, requestObject, requestUri, walletUri, expiresAt);
    }

    /// <summary>
    /// The Request Object served at the <c>request_uri</c> (RFC 9101 §5.2, media type <c>application/oauth-authz-req+jwt</c>),
    /// or 404 when the session is unknown, expired, answered or unsigned.
    /// </summary>
    /// <param name="id">The session id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VpEndpointResult> GetRequestObjectAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = _timeProvider.GetUtcNow();
        var session = await ReadSessionAsync(id, now, cancellationToken).ConfigureAwait(false);
        if (session is null || JsonRead.String(session, "status") != OpenId4VpSessionResult.Pending
            || JsonRead.Integer(session, "exp") is not { } exp || exp <= now.ToUnixTimeSeconds()
            || JsonRead.String(session, "jwt") is not { } jwt)
        {
            return OpenId4VpEndpointResult.Fail("invalid_request_uri", "No such request.", 404);
        }

        return OpenId4VpEndpointResult.Jwt(jwt);
    }

    /// <summary>The session's state for the front end to poll; <see langword="null"/> when unknown or expired.</summary>
    /// <param name="id">The session id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VpSessionResult?> GetResultAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var session = await ReadSessionAsync(id, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        var problems = new List<Problem>();
        foreach (var item in JsonRead.Array(session, "problems") ?? [])
        {
            if (ProblemFromJson(item) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return new OpenId4VpSessionResult(JsonRead.String(session, "status") ?? OpenId4VpSessionResult.Pending, JsonRead.Object(session, "claims"), problems);
    }

    private bool SupportsFormat(string format) => format == SdJwtVcFormat || (format == JwtVcJsonFormat && _presentationVerifier is not null);

    private async Task<JsonObject?> ReadSessionAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (id.Length is 0 or > 64)
        {
            return null;
        }

        var entry = await _store.GetAsync(StateKinds.VpSession, id, now, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : JsonRead.ParseObject(entry.Data);
    }

    private JsonObject ClientMetadata()
    {
        var algorithms = JsonRead.ToArray(JwsReaderOptions.DefaultAllowedAlgorithms);
        var formats = new JsonObject
        {
            [SdJwtVcFormat] = new JsonObject { ["sd-jwt_alg_values"] = algorithms.DeepClone(), ["kb-jwt_alg_values"] = algorithms.DeepClone() },
        };
        if (_presentationVerifier is not null)
        {
            formats[JwtVcJsonFormat] = new JsonObject { ["alg_values"] = algorithms.DeepClone() };
        }

        return new JsonObject { ["vp_formats_supported"] = formats };
    }
}
