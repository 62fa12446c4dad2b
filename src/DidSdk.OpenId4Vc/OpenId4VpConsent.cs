namespace DidSdk.OpenId4Vc;

/// <summary>What the holder is asked to agree to: who asks, where the answer goes, and exactly what would be disclosed.</summary>
/// <param name="ClientId">The verifier's Client Identifier (for <c>decentralized_identifier</c>, its verified DID).</param>
/// <param name="ResponseUri">Where the presentation would be posted.</param>
/// <param name="Disclosures">By Credential Query id: the wallet's credential id and the claims the verifier would receive.</param>
public sealed record OpenId4VpConsent(string ClientId, string ResponseUri, IReadOnlyDictionary<string, OpenId4VpDisclosure> Disclosures);
