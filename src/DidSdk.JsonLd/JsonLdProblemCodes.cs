namespace DidSdk.JsonLd;

/// <summary>The stable problem codes of DidSdk.JsonLd (<c>DIDSDK9xxx</c>).</summary>
public static class JsonLdProblemCodes
{
    /// <summary>The input is not valid N-Quads (RDF 1.1 N-Quads grammar).</summary>
    public const string InvalidNQuads = "DIDSDK9001";

    /// <summary>Canonicalization exceeded its work limit (RDFC-1.0 §4.4, "poison" graphs).</summary>
    public const string CanonicalizationWorkLimit = "DIDSDK9002";

    /// <summary>The input exceeds a size limit (quads, blank nodes, document size).</summary>
    public const string InputTooLarge = "DIDSDK9003";

    /// <summary>A JSON-LD document or context is malformed (JSON-LD 1.1 API error names are given in the message).</summary>
    public const string InvalidJsonLd = "DIDSDK9101";

    /// <summary>A property or type is not defined by any context (no silent drop).</summary>
    public const string UndefinedTerm = "DIDSDK9102";

    /// <summary>A protected term is redefined (JSON-LD 1.1 "protected term redefinition").</summary>
    public const string ProtectedTermRedefinition = "DIDSDK9103";

    /// <summary>A context is not available: not bundled and no loader configured for it ("loading remote context failed").</summary>
    public const string ContextNotAvailable = "DIDSDK9104";

    /// <summary>Too many contexts, too deep a nesting, or too much expansion work ("context overflow").</summary>
    public const string ExpansionLimit = "DIDSDK9105";

    /// <summary>A context definition is invalid ("invalid local context", "invalid term definition", "invalid IRI mapping", ...).</summary>
    public const string InvalidContext = "DIDSDK9106";

    /// <summary>A bundled context does not match its published SHA-256 hash.</summary>
    public const string ContextHashMismatch = "DIDSDK9107";

    /// <summary>A feature outside the supported JSON-LD subset (for example JSON-LD 1.0 processing mode or remote <c>@import</c>).</summary>
    public const string Unsupported = "DIDSDK9108";
}
