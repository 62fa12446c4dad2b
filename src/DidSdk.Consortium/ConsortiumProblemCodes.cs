namespace DidSdk.Consortium;

/// <summary>Stable problem codes of the consortium trust checks (<c>DIDSDK8xxx</c>).</summary>
public static class ConsortiumProblemCodes
{
    /// <summary>The issuer was never accredited for the credential's type (or not at the time that counts).</summary>
    public const string NotAccredited = "DIDSDK8001";

    /// <summary>The issuer's accreditation for the type is suspended (at the time that counts).</summary>
    public const string Suspended = "DIDSDK8002";

    /// <summary>The issuer's accreditation for the type was revoked: nothing it issued under it is trusted any more.</summary>
    public const string Revoked = "DIDSDK8003";

    /// <summary>The time that counts is outside the accreditation's validity window.</summary>
    public const string OutsideValidityWindow = "DIDSDK8004";

    /// <summary>The credential claims an issuance time before the accreditation began (back-dated, or issued before the consortium accredited the issuer).</summary>
    public const string IssuedBeforeAccreditation = "DIDSDK8005";

    /// <summary>The policy checks issuance time but the credential states none (<c>iat</c>, <c>validFrom</c>, <c>nbf</c>, <c>issuanceDate</c>), or it is unreadable.</summary>
    public const string IssuanceTimeMissing = "DIDSDK8006";

    /// <summary>The credential claims an issuance time in the future.</summary>
    public const string IssuedInFuture = "DIDSDK8007";

    /// <summary>The signing key was not in the issuer's DID document at the claimed issuance time (added later: a back-dated credential).</summary>
    public const string KeyNotValidAtIssuance = "DIDSDK8008";

    /// <summary>The credential names no type the registry can accredit (no <c>vct</c>, no type besides <c>VerifiableCredential</c>).</summary>
    public const string NoCredentialType = "DIDSDK8009";

    /// <summary>The registry could not be read (node unreachable, malformed replies).</summary>
    public const string RegistryUnavailable = "DIDSDK8010";
}
