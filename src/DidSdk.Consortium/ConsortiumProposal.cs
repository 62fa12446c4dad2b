using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary>A proposal as the registry holds it.</summary>
/// <param name="Id">The proposal id (1, 2, ...).</param>
/// <param name="Action">What it does.</param>
/// <param name="Proposer">Who proposed it.</param>
/// <param name="ExpiresAt">When it expires (block time).</param>
/// <param name="Executed">Whether it was executed.</param>
/// <param name="Approvals">Approvals that count now (from members who are still members).</param>
/// <param name="Data">The ABI-encoded arguments of the action.</param>
public sealed record ConsortiumProposal(ulong Id, ConsortiumAction Action, EthereumAddress Proposer, DateTimeOffset ExpiresAt, bool Executed, int Approvals, ReadOnlyMemory<byte> Data);
