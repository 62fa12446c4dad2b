using DidSdk.Core;

namespace DidSdk.Wallet;

/// <summary>A problem with one record (a tampered row, a credential that failed a refresh), naming the record.</summary>
/// <param name="RecordId">The record's id.</param>
/// <param name="Problem">The problem (code and message, never claim values).</param>
public sealed record WalletRecordProblem(string RecordId, Problem Problem);
