using DidSdk.Core;

namespace DidSdk.Wallet;

/// <summary>What a refresh found for one credential.</summary>
/// <param name="CredentialId">The credential.</param>
/// <param name="Status">The mark now stored with it.</param>
/// <param name="Problems">The verifier's problems (empty when valid).</param>
public sealed record CredentialRefreshResult(string CredentialId, CredentialStatusMark Status, IReadOnlyList<Problem> Problems);
