namespace DidSdk.Wallet;

/// <summary>Stable problem codes of the wallet (<c>DIDSDK6xxx</c>).</summary>
public static class WalletProblemCodes
{
    /// <summary>The passphrase does not unlock the wallet (nothing was written).</summary>
    public const string WrongPassphrase = "DIDSDK6001";

    /// <summary>The file is not a DidSdk wallet, or its header is damaged.</summary>
    public const string NotAWallet = "DIDSDK6002";

    /// <summary>A record failed authentication: it was altered, swapped with another row or copied from another wallet.</summary>
    public const string RecordTampered = "DIDSDK6003";

    /// <summary>A wallet (or backup) file already exists where one would be created.</summary>
    public const string AlreadyExists = "DIDSDK6004";

    /// <summary>No record with that id.</summary>
    public const string NotFound = "DIDSDK6005";

    /// <summary>The wallet's format version is not supported by this library.</summary>
    public const string UnsupportedVersion = "DIDSDK6006";

    /// <summary>The key was generated as not exportable.</summary>
    public const string KeyNotExportable = "DIDSDK6007";

    /// <summary>The wallet file could not be read or written (I/O, locking, SQLite error).</summary>
    public const string StorageFailure = "DIDSDK6008";

    /// <summary>The credential is malformed or of an unsupported format; it was not stored.</summary>
    public const string CredentialMalformed = "DIDSDK6101";

    /// <summary>The credential is larger than <see cref="WalletOptions.MaxCredentialLength"/>.</summary>
    public const string CredentialTooLarge = "DIDSDK6102";

    /// <summary>The credential failed verification by the verifier given to the import; it was not stored.</summary>
    public const string CredentialNotVerified = "DIDSDK6103";

    /// <summary>The DCQL query is malformed (OpenID4VP 1.0 §6).</summary>
    public const string QueryInvalid = "DIDSDK6201";

    /// <summary>The DCQL query exceeds a limit (size, depth, number of queries, claims or values).</summary>
    public const string QueryTooLarge = "DIDSDK6202";

    /// <summary>The chosen credentials do not satisfy the query, or a chosen credential is not a candidate.</summary>
    public const string SelectionInvalid = "DIDSDK6301";

    /// <summary>No key of the wallet can act as holder for the credential (no <c>cnf</c> key or subject DID held).</summary>
    public const string HolderKeyNotFound = "DIDSDK6302";

    /// <summary>The backup file is not a wallet backup, or the backup passphrase is wrong.</summary>
    public const string BackupInvalid = "DIDSDK6401";
}
