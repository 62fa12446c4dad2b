namespace DidSdk.OpenId4Vc;

/// <summary>A credential received, verified and bound to a holder key.</summary>
/// <param name="Credential">The credential as issued.</param>
/// <param name="Format">Its format identifier.</param>
/// <param name="StoredId">Its id in the wallet, when a store was given.</param>
public sealed record ReceivedCredential(string Credential, string Format, string? StoredId);
