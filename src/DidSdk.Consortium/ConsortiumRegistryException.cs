using DidSdk.Ethereum.Transactions;

namespace DidSdk.Consortium;

/// <summary>The registry refused a transaction; <see cref="Error"/> says why (decoded from the contract's custom error).</summary>
public sealed class ConsortiumRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConsortiumRegistryException(ConsortiumRegistryError error, RevertReason reason, Exception? innerException = null)
        : base($"The consortium registry refused the transaction: {error}.", innerException)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Error = error;
        Reason = reason;
    }

    /// <summary>The refusal.</summary>
    public ConsortiumRegistryError Error { get; }

    /// <summary>The raw revert (its <c>Data</c> holds the error's arguments).</summary>
    public RevertReason Reason { get; }
}
