namespace DidSdk.Consortium;

/// <summary>The state of an accreditation in the registry (the contract's <c>Status</c> enum).</summary>
public enum AccreditationStatus
{
    /// <summary>Never accredited.</summary>
    None = 0,

    /// <summary>Accredited (inside its validity window).</summary>
    Active = 1,

    /// <summary>Suspended; may be reinstated.</summary>
    Suspended = 2,

    /// <summary>Revoked; final.</summary>
    Revoked = 3,
}
