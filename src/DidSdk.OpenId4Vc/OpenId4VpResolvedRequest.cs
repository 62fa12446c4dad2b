namespace DidSdk.OpenId4Vc;

/// <summary>An Authorization Request the wallet resolved and authenticated (<see cref="OpenId4VpWalletClient.ResolveRequestAsync"/>).</summary>
/// <param name="Request">The parameters.</param>
/// <param name="SignatureVerified">Whether it came as a Request Object whose signature verified with a key of the verifier's DID.</param>
public sealed record OpenId4VpResolvedRequest(OpenId4VpAuthorizationRequest Request, bool SignatureVerified);
