namespace DidSdk.Wallet;

/// <summary>
/// Settings of a wallet (bindable plain values). The Argon2id costs apply when a wallet is created or its passphrase
/// changes; an existing wallet is opened with the costs recorded in its header (never below the minimum).
/// </summary>
public sealed class WalletOptions
{
    /// <summary>OWASP's minimum Argon2id memory cost (19 MiB) in KiB; lower values are refused.</summary>
    public const int MinimumArgon2MemoryKiB = 19 * 1024;

    /// <summary>OWASP's minimum Argon2id pass count with 19 MiB.</summary>
    public const int MinimumArgon2Iterations = 2;

    /// <summary>Argon2id memory cost in KiB. Default 65,536 (64 MiB), RFC 9106 §4's second recommendation.</summary>
    public int Argon2MemoryKiB { get; init; } = 64 * 1024;

    /// <summary>Argon2id passes. Default 3 (RFC 9106 §4 with 64 MiB).</summary>
    public int Argon2Iterations { get; init; } = 3;

    /// <summary>Largest credential accepted by import, in characters. Default 1 MiB.</summary>
    public int MaxCredentialLength { get; init; } = 1024 * 1024;

    /// <summary>Largest DCQL query accepted, in UTF-8 bytes. Default 64 KiB.</summary>
    public int MaxQueryLength { get; init; } = 64 * 1024;

    /// <summary>The default options.</summary>
    public static WalletOptions Default { get; } = new();

    internal void Validate()
    {
        if (Argon2MemoryKiB < MinimumArgon2MemoryKiB || Argon2MemoryKiB > 4 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Argon2MemoryKiB), Argon2MemoryKiB, "Argon2id memory must be between 19 MiB and 4 GiB.");
        }

        if (Argon2Iterations < MinimumArgon2Iterations || Argon2Iterations > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Argon2Iterations), Argon2Iterations, "Argon2id passes must be between 2 and 100.");
        }

        if (MaxCredentialLength < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCredentialLength), MaxCredentialLength, "At least 1024.");
        }

        if (MaxQueryLength < 256)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQueryLength), MaxQueryLength, "At least 256.");
        }
    }
}
