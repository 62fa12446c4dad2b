namespace DidSdk.Wallet;

/// <summary>The credentials of a wallet, and the records that failed authentication (the rest stay readable).</summary>
/// <param name="Credentials">The readable credentials, oldest first.</param>
/// <param name="Problems">Records that could not be read, by id (<see cref="WalletProblemCodes.RecordTampered"/>).</param>
public sealed record CredentialListResult(IReadOnlyList<StoredCredential> Credentials, IReadOnlyList<WalletRecordProblem> Problems);
