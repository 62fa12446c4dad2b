namespace DidSdk.Consortium;

/// <summary>An accreditation's current state in the registry.</summary>
/// <param name="Id">The accreditation id: <c>keccak256(abi.encode(issuerDid, credentialType))</c>.</param>
/// <param name="IssuerDid">The accredited issuer.</param>
/// <param name="CredentialType">The SD-JWT VC <c>vct</c> or VC <c>type</c> it may issue.</param>
/// <param name="Status">Its state.</param>
/// <param name="ValidFrom">Start of the validity window.</param>
/// <param name="ValidUntil">End of the window (exclusive); <see langword="null"/> for none.</param>
/// <param name="UpdatedAt">Block time of the last change.</param>
public sealed record Accreditation(ReadOnlyMemory<byte> Id, string IssuerDid, string CredentialType, AccreditationStatus Status, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil, DateTimeOffset UpdatedAt);
