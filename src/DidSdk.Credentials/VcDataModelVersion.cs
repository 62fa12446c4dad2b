namespace DidSdk.Credentials;

/// <summary>Which data model a credential follows.</summary>
public enum VcDataModelVersion
{
    /// <summary>VC Data Model 2.0 (<c>https://www.w3.org/ns/credentials/v2</c>).</summary>
    V2,

    /// <summary>VC Data Model 1.1 (<c>https://www.w3.org/2018/credentials/v1</c>), read for compatibility.</summary>
    V1,
}
