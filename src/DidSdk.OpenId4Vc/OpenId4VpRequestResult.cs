namespace DidSdk.OpenId4Vc;

/// <summary>An Authorization Request created by <see cref="OpenId4VpVerifier.CreateRequestAsync"/>.</summary>
/// <param name="Id">The session id: the front end polls the result with it; the <c>request_uri</c> ends with it.</param>
/// <param name="Request">The request's parameters.</param>
/// <param name="RequestObject">The signed Request Object (compact JWS), or <see langword="null"/> for an unsigned request.</param>
/// <param name="RequestUri">Where the Request Object is served, or <see langword="null"/> when passed only by value.</param>
/// <param name="WalletUri">
/// What the QR code or link carries: <c>openid4vp://?client_id=...&amp;request_uri=...</c> by reference, or the
/// (signed) request by value.
/// </param>
/// <param name="ExpiresAt">When the request stops being answerable.</param>
public sealed record OpenId4VpRequestResult(string Id, OpenId4VpAuthorizationRequest Request, string? RequestObject, Uri? RequestUri, string WalletUri, DateTimeOffset ExpiresAt);
