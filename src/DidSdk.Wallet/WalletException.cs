namespace DidSdk.Wallet;

/// <summary>
/// A wallet operation failed for a reason the caller can act on. <see cref="Code"/> is a stable
/// <see cref="WalletProblemCodes"/> value; <see cref="RecordId"/> names the record concerned, if any. Messages never
/// contain key material, passphrases or claim values.
/// </summary>
public sealed class WalletException : Exception
{
    /// <summary>Creates an exception with a code and a message.</summary>
    public WalletException(string code, string message, string? recordId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        RecordId = recordId;
    }

    /// <summary>Creates an exception with the generic storage code.</summary>
    public WalletException()
        : this(WalletProblemCodes.StorageFailure, "Wallet operation failed.")
    {
    }

    /// <summary>Creates an exception with the generic storage code.</summary>
    public WalletException(string message)
        : this(WalletProblemCodes.StorageFailure, message)
    {
    }

    /// <summary>Creates an exception with the generic storage code.</summary>
    public WalletException(string message, Exception innerException)
        : this(WalletProblemCodes.StorageFailure, message, null, innerException)
    {
    }

    /// <summary>The stable problem code (<c>DIDSDK6xxx</c>).</summary>
    public string Code { get; }

    /// <summary>The id of the record concerned (a tampered or missing record), or <see langword="null"/>.</summary>
    public string? RecordId { get; }
}
