namespace DidSdk.SdJwt.TokenStatus;

/// <summary>
/// Status Type values (Token Status List, "Status Types Values"). Values 0x03 and 0x0B–0x0F are application
/// specific; a list with <c>bits</c> = 1 can only say VALID or INVALID.
/// </summary>
public static class TokenStatusTypes
{
    /// <summary>0x00 "VALID": the token is valid, correct or legal.</summary>
    public const byte Valid = 0x00;

    /// <summary>0x01 "INVALID": revoked, annulled, taken back, recalled or cancelled. Irreversible.</summary>
    public const byte Invalid = 0x01;

    /// <summary>0x02 "SUSPENDED": temporarily invalid. Reversible.</summary>
    public const byte Suspended = 0x02;
}
