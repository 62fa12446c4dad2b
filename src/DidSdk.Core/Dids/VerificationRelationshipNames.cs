namespace DidSdk.Core.Dids;

/// <summary>Property names of <see cref="VerificationRelationship"/> values.</summary>
public static class VerificationRelationshipNames
{
    /// <summary>The DID document property name of <paramref name="relationship"/> (e.g. <c>assertionMethod</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public static string ToPropertyName(this VerificationRelationship relationship) => relationship switch
    {
        VerificationRelationship.Authentication => "authentication",
        VerificationRelationship.AssertionMethod => "assertionMethod",
        VerificationRelationship.KeyAgreement => "keyAgreement",
        VerificationRelationship.CapabilityInvocation => "capabilityInvocation",
        VerificationRelationship.CapabilityDelegation => "capabilityDelegation",
        _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
    };

    /// <summary>Maps a property name (or a Data Integrity <c>proofPurpose</c>, which uses the same words) to the relationship.</summary>
    public static bool TryParse(string? name, out VerificationRelationship relationship)
    {
        relationship = name switch
        {
            "authentication" => VerificationRelationship.Authentication,
            "assertionMethod" => VerificationRelationship.AssertionMethod,
            "keyAgreement" => VerificationRelationship.KeyAgreement,
            "capabilityInvocation" => VerificationRelationship.CapabilityInvocation,
            "capabilityDelegation" => VerificationRelationship.CapabilityDelegation,
            _ => 0,
        };
        return relationship != 0;
    }
}
