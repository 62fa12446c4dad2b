namespace DidSdk.Core.Dids;

/// <summary>
/// The verification relationships of <see href="https://www.w3.org/TR/did-core/#verification-relationships">DID Core 1.0 §5.3</see>:
/// the purposes a DID subject authorizes a verification method for.
/// </summary>
public enum VerificationRelationship
{
    /// <summary><c>authentication</c> (§5.3.1): proving control of the DID, e.g. signing a presentation or a login challenge.</summary>
    Authentication = 1,

    /// <summary><c>assertionMethod</c> (§5.3.2): issuing claims, e.g. signing a verifiable credential.</summary>
    AssertionMethod = 2,

    /// <summary><c>keyAgreement</c> (§5.3.3): agreeing on encryption keys with the DID subject.</summary>
    KeyAgreement = 3,

    /// <summary><c>capabilityInvocation</c> (§5.3.4): invoking a cryptographic capability, e.g. updating the DID document.</summary>
    CapabilityInvocation = 4,

    /// <summary><c>capabilityDelegation</c> (§5.3.5): delegating a cryptographic capability to another party.</summary>
    CapabilityDelegation = 5,
}
