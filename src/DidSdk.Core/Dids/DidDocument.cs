using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace DidSdk.Core.Dids;

/// <summary>
/// A DID document, per <see href="https://www.w3.org/TR/did-core/#core-properties">DID Core 1.0 §5 Core Properties</see>.
/// </summary>
/// <remarks>
/// <para>
/// Immutable once built (collections are copied on <c>init</c>), so one instance can be shared by threads and by cached
/// resolution results. Method resolvers build documents with an object initializer; untrusted JSON goes through
/// <see cref="TryParse(string, DidRepresentation, out DidDocument?, out Problem?)"/>, which applies the consumption
/// rules of §6.2.2 / §6.3.2 and returns a problem instead of throwing.
/// </para>
/// <para>
/// Relative DID URLs (§3.2.2) in verification method ids, relationship references and service ids are resolved
/// against <see cref="Id"/> on consumption, so every id in the model is absolute. Unknown properties are kept in the
/// <c>AdditionalProperties</c> maps and written back unchanged.
/// </para>
/// </remarks>
public sealed class DidDocument
{
    private readonly IReadOnlyList<string> _context = [];
    private readonly IReadOnlyList<string> _alsoKnownAs = [];
    private readonly IReadOnlyList<string> _controller = [];
    private readonly IReadOnlyList<VerificationMethod> _verificationMethod = [];
    private readonly IReadOnlyList<VerificationMethodReference> _authentication = [];
    private readonly IReadOnlyList<VerificationMethodReference> _assertionMethod = [];
    private IReadOnlyList<VerificationMethodReference> _keyAgreement = [];
    private Func<IReadOnlyList<VerificationMethodReference>>? _deferredKeyAgreement;
    private readonly IReadOnlyList<VerificationMethodReference> _capabilityInvocation = [];
    private readonly IReadOnlyList<VerificationMethodReference> _capabilityDelegation = [];
    private readonly IReadOnlyList<Service> _service = [];
    private readonly IReadOnlyDictionary<string, JsonElement> _additional = DidJson.NoProperties;
    private Dictionary<string, VerificationMethod>? _methodIndex;

    /// <summary>
    /// The <c>@context</c> URLs (a JSON-LD representation-specific entry, §6.3.1). Empty means "not present"; JSON-LD
    /// production then writes <c>https://www.w3.org/ns/did/v1</c>.
    /// </summary>
    public IReadOnlyList<string> Context { get => _context; init => _context = [.. value]; }

    /// <summary>The DID subject, <c>id</c> (§5.1.1). Must be a conforming DID.</summary>
    public required string Id { get; init; }

    /// <summary><c>alsoKnownAs</c> (§5.1.3): other URIs of the subject.</summary>
    public IReadOnlyList<string> AlsoKnownAs { get => _alsoKnownAs; init => _alsoKnownAs = [.. value]; }

    /// <summary><c>controller</c> (§5.1.2): DIDs authorized to make changes to the document (written as a string when there is one).</summary>
    public IReadOnlyList<string> Controller { get => _controller; init => _controller = [.. value]; }

    /// <summary><c>verificationMethod</c> (§5.2).</summary>
    public IReadOnlyList<VerificationMethod> VerificationMethod { get => _verificationMethod; init => _verificationMethod = [.. value]; }

    /// <summary><c>authentication</c> (§5.3.1).</summary>
    public IReadOnlyList<VerificationMethodReference> Authentication { get => _authentication; init => _authentication = [.. value]; }

    /// <summary><c>assertionMethod</c> (§5.3.2).</summary>
    public IReadOnlyList<VerificationMethodReference> AssertionMethod { get => _assertionMethod; init => _assertionMethod = [.. value]; }

    /// <summary><c>keyAgreement</c> (§5.3.3).</summary>
    public IReadOnlyList<VerificationMethodReference> KeyAgreement { get => KeyAgreementEntries; init => _keyAgreement = [.. value]; }

    /// <summary>
    /// Builds <see cref="KeyAgreement"/> on first use instead of at construction (did:key derives an Ed25519 DID's
    /// X25519 key this way, so a resolution that only needs the signing key does not pay for it). The function must be
    /// deterministic: racing threads may each call it and keep either result.
    /// </summary>
    internal Func<IReadOnlyList<VerificationMethodReference>> DeferredKeyAgreement { init => _deferredKeyAgreement = value; }

    private IReadOnlyList<VerificationMethodReference> KeyAgreementEntries
    {
        get
        {
            if (Volatile.Read(ref _deferredKeyAgreement) is { } deferred)
            {
                _keyAgreement = [.. deferred()];
                Volatile.Write(ref _deferredKeyAgreement, null);
            }

            return _keyAgreement;
        }
    }

    /// <summary><c>capabilityInvocation</c> (§5.3.4).</summary>
    public IReadOnlyList<VerificationMethodReference> CapabilityInvocation { get => _capabilityInvocation; init => _capabilityInvocation = [.. value]; }

    /// <summary><c>capabilityDelegation</c> (§5.3.5).</summary>
    public IReadOnlyList<VerificationMethodReference> CapabilityDelegation { get => _capabilityDelegation; init => _capabilityDelegation = [.. value]; }

    /// <summary><c>service</c> (§5.4).</summary>
    public IReadOnlyList<Service> Service { get => _service; init => _service = [.. value]; }

    /// <summary>Properties that are not DID Core properties, preserved for round trips.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get => _additional; init => _additional = DidJson.Freeze(value); }

    /// <summary>The whole <c>@context</c> as read when it was a single string or held embedded context maps; written back as is.</summary>
    internal JsonElement? RawContext { get; init; }

    /// <summary>The entries of one verification relationship.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined relationship.</exception>
    public IReadOnlyList<VerificationMethodReference> GetRelationship(VerificationRelationship relationship) => relationship switch
    {
        VerificationRelationship.Authentication => _authentication,
        VerificationRelationship.AssertionMethod => _assertionMethod,
        VerificationRelationship.KeyAgreement => KeyAgreementEntries,
        VerificationRelationship.CapabilityInvocation => _capabilityInvocation,
        VerificationRelationship.CapabilityDelegation => _capabilityDelegation,
        _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
    };

    /// <summary>
    /// Finds a verification method by id, in <c>verificationMethod</c> or embedded in a relationship. A relative id
    /// (<c>#key-1</c>) is resolved against <see cref="Id"/>.
    /// </summary>
    /// <returns>The method, or <see langword="null"/>.</returns>
    public VerificationMethod? FindVerificationMethod(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return MethodIndex.TryGetValue(Absolutize(id), out var method) ? method : null;
    }

    /// <summary>Finds a verification method by its DID URL.</summary>
    public VerificationMethod? FindVerificationMethod(DidUrl id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return MethodIndex.TryGetValue(id.ToString(), out var method) ? method : null;
    }

    /// <summary>Finds a service by id (a relative <c>#fragment</c> is resolved against <see cref="Id"/>).</summary>
    public Service? FindService(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var absolute = Absolutize(id);
        foreach (var service in _service)
        {
            if (string.Equals(Absolutize(service.Id), absolute, StringComparison.Ordinal))
            {
                return service;
            }
        }

        return null;
    }

    /// <summary>
    /// Answers "may the verification method <paramref name="didUrl"/> be used for <paramref name="purpose"/> by this DID?"
    /// (DID Core 1.0 §5.3; Controlled Identifiers 1.0 §3.3 <i>Retrieve Verification Method</i>): the DID URL must name
    /// this document's DID, the method must be referenced or embedded in the <paramref name="purpose"/> relationship, and
    /// its <c>controller</c> must be this DID. Never throws for bad input.
    /// </summary>
    /// <param name="didUrl">The verification method id from a proof (<c>kid</c>, <c>verificationMethod</c>); may be relative.</param>
    /// <param name="purpose">The verification relationship the use requires.</param>
    /// <param name="method">The authorized method.</param>
    /// <param name="problem">Why it is not authorized (codes in <see cref="DidProblemCodes"/>).</param>
    public bool TryGetAuthorizedVerificationMethod(
        string? didUrl,
        VerificationRelationship purpose,
        [NotNullWhen(true)] out VerificationMethod? method,
        [NotNullWhen(false)] out Problem? problem)
    {
        method = null;
        string id;

        // The usual reference, this DID and a fragment, is checked in place; every other form is parsed.
        if (didUrl is not null && DidUrl.IsDidWithFragment(Id, didUrl))
        {
            id = didUrl;
        }
        else
        {
            if (!Did.TryParse(Id, out var subject, out problem))
            {
                problem = new Problem(DidProblemCodes.DocumentInvalidId, "The DID document id is not a conforming DID.");
                return false;
            }

            if (!DidUrl.TryResolveRelative(didUrl, subject, out var url, out problem))
            {
                return false;
            }

            if (url.Did != subject)
            {
                problem = new Problem(DidProblemCodes.VerificationMethodForeignDid, "The verification method belongs to a different DID than the DID document.");
                return false;
            }

            id = url.ToString();
        }

        if (purpose is < VerificationRelationship.Authentication or > VerificationRelationship.CapabilityDelegation)
        {
            problem = new Problem(DidProblemCodes.VerificationMethodNotAuthorized, "Unknown verification relationship.");
            return false;
        }

        VerificationMethod? found = null;
        var listed = false;
        foreach (var entry in GetRelationship(purpose))
        {
            if (string.Equals(Absolutize(entry.Id), id, StringComparison.Ordinal))
            {
                listed = true;
                found = entry.Embedded ?? FindTopLevel(id);
                break;
            }
        }

        if (found is null)
        {
            problem = listed || !MethodIndex.ContainsKey(id)
                ? new Problem(DidProblemCodes.VerificationMethodNotFound, "The DID document has no such verification method.")
                : new Problem(DidProblemCodes.VerificationMethodNotAuthorized, $"The verification method is not authorized for {purpose.ToPropertyName()}.");
            return false;
        }

        if (!string.Equals(found.Controller, Id, StringComparison.Ordinal))
        {
            problem = new Problem(DidProblemCodes.VerificationMethodControllerMismatch, "The verification method's controller is not the DID subject.");
            return false;
        }

        method = found;
        problem = null;
        return true;
    }

    /// <summary>Like <see cref="TryGetAuthorizedVerificationMethod(string?, VerificationRelationship, out VerificationMethod?, out Problem?)"/>, without the reason.</summary>
    public bool TryGetAuthorizedVerificationMethod(string? didUrl, VerificationRelationship purpose, [NotNullWhen(true)] out VerificationMethod? method) =>
        TryGetAuthorizedVerificationMethod(didUrl, purpose, out method, out _);

    /// <summary>Whether the method <paramref name="didUrl"/> is authorized for <paramref name="purpose"/> (see <see cref="TryGetAuthorizedVerificationMethod(string?, VerificationRelationship, out VerificationMethod?, out Problem?)"/>).</summary>
    public bool IsAuthorized(string? didUrl, VerificationRelationship purpose) => TryGetAuthorizedVerificationMethod(didUrl, purpose, out _, out _);

    private VerificationMethod? FindTopLevel(string id)
    {
        foreach (var method in _verificationMethod)
        {
            if (string.Equals(Absolutize(method.Id), id, StringComparison.Ordinal))
            {
                return method;
            }
        }

        return null;
    }

    private string Absolutize(string id) =>
        id.Length > 0 && id[0] is '#' or '?' or '/' ? string.Concat(Id, id) : id;

    private Dictionary<string, VerificationMethod> MethodIndex
    {
        get
        {
            if (Volatile.Read(ref _methodIndex) is { } index)
            {
                return index;
            }

            var built = new Dictionary<string, VerificationMethod>(StringComparer.Ordinal);
            // Built documents may use relative ids ("#key-1"); index them by their absolute form.
            foreach (var method in _verificationMethod)
            {
                built.TryAdd(Absolutize(method.Id), method);
            }

            foreach (var relationship in (ReadOnlySpan<IReadOnlyList<VerificationMethodReference>>)[_authentication, _assertionMethod, KeyAgreementEntries, _capabilityInvocation, _capabilityDelegation])
            {
                foreach (var entry in relationship)
                {
                    if (entry.Embedded is { } embedded)
                    {
                        built.TryAdd(Absolutize(embedded.Id), embedded);
                    }
                }
            }

            // Racing threads build equal indexes; the first one published wins.
            return Interlocked.CompareExchange(ref _methodIndex, built, null) ?? built;
        }
    }

    /// <summary>Consumes an <c>application/did+json</c> document (see <see cref="TryParse(ReadOnlySpan{byte}, DidRepresentation, out DidDocument?, out Problem?)"/>).</summary>
    public static bool TryParse(string? json, [NotNullWhen(true)] out DidDocument? document, [NotNullWhen(false)] out Problem? problem) =>
        TryParse(json, DidRepresentation.Json, out document, out problem);

    /// <summary>Consumes a DID document in <paramref name="representation"/> (see <see cref="TryParse(ReadOnlySpan{byte}, DidRepresentation, out DidDocument?, out Problem?)"/>).</summary>
    public static bool TryParse(string? json, DidRepresentation representation, [NotNullWhen(true)] out DidDocument? document, [NotNullWhen(false)] out Problem? problem)
    {
        document = null;
        if (json is null || json.Length > DidJson.MaxDocumentBytes)
        {
            problem = new Problem(DidProblemCodes.DocumentMalformed, $"A DID document must be present and at most {DidJson.MaxDocumentBytes} bytes.");
            return false;
        }

        var max = System.Text.Encoding.UTF8.GetMaxByteCount(json.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(json, rented);
            return TryParse(rented.AsSpan(0, length), representation, out document, out problem);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Consumes a DID document per DID Core 1.0 §6.2.2 (JSON) or §6.3.2 (JSON-LD): well-formed JSON of at most 1 MiB and
    /// 32 levels, no repeated member names, every core property of the type §5 requires, a conforming DID as <c>id</c>,
    /// unique verification method and service ids, and, for JSON-LD, an <c>@context</c> whose first item is
    /// <c>https://www.w3.org/ns/did/v1</c> (or the DID 1.1 context). Never throws for bad input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, DidRepresentation representation, [NotNullWhen(true)] out DidDocument? document, [NotNullWhen(false)] out Problem? problem)
    {
        document = null;
        if (utf8Json.Length > DidJson.MaxDocumentBytes)
        {
            problem = new Problem(DidProblemCodes.DocumentMalformed, $"A DID document may have at most {DidJson.MaxDocumentBytes} bytes.");
            return false;
        }

        // The JSON reader checks UTF-8 only when a string is decoded, which would then throw; reject it up front.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            problem = new Problem(DidProblemCodes.DocumentMalformed, "The DID document is not valid UTF-8.");
            return false;
        }

        JsonDocument parsed;
        try
        {
            // Parse copies the input, so the parsed document does not depend on the caller's buffer.
            parsed = JsonDocument.Parse(utf8Json.ToArray(), DidJson.ParseOptions);
        }
        catch (JsonException)
        {
            problem = new Problem(DidProblemCodes.DocumentMalformed, "The DID document is not well-formed JSON, repeats a member name or is nested too deeply.");
            return false;
        }

        using (parsed)
        {
            return DidDocumentReader.TryRead(parsed.RootElement, representation, out document, out problem);
        }
    }

    /// <summary>Consumes a DID document from an already parsed JSON value (limits on size and depth are the caller's).</summary>
    public static bool TryParse(JsonElement element, DidRepresentation representation, [NotNullWhen(true)] out DidDocument? document, [NotNullWhen(false)] out Problem? problem)
    {
        document = null;
        try
        {
            if (!DidDocumentReader.HasNoDuplicateMembers(element))
            {
                problem = new Problem(DidProblemCodes.DocumentMalformed, "The DID document repeats a member name.");
                return false;
            }

            return DidDocumentReader.TryRead(element, representation, out document, out problem);
        }
        catch (InvalidOperationException)
        {
            // An element parsed elsewhere may hold invalid UTF-8, which surfaces only when a string is read.
            document = null;
            problem = new Problem(DidProblemCodes.DocumentMalformed, "The DID document is not valid UTF-8 JSON.");
            return false;
        }
    }

    /// <summary>Produces the document in <paramref name="representation"/> (DID Core 1.0 §6.2.1 / §6.3.1) as compact JSON.</summary>
    public string ToJson(DidRepresentation representation = DidRepresentation.Json) =>
        System.Text.Encoding.UTF8.GetString(ToUtf8Json(representation));

    /// <summary>Produces the document in <paramref name="representation"/> as UTF-8 JSON bytes.</summary>
    public byte[] ToUtf8Json(DidRepresentation representation = DidRepresentation.Json)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, DidJson.WriterOptions))
        {
            WriteTo(writer, representation);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the document. JSON-LD always starts with <c>@context</c>, an ordered set (<c>["https://www.w3.org/ns/did/v1"]</c>
    /// when <see cref="Context"/> is empty); plain JSON writes <c>@context</c> only when the document has one.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, DidRepresentation representation = DidRepresentation.Json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (RawContext is { } raw)
        {
            writer.WritePropertyName("@context");
            raw.WriteTo(writer);
        }
        else if (_context.Count > 0 || representation == DidRepresentation.JsonLd)
        {
            writer.WriteStartArray("@context");
            if (_context.Count == 0)
            {
                writer.WriteStringValue(DidContexts.DidV1);
            }

            foreach (var context in _context)
            {
                writer.WriteStringValue(context);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("id", Id);
        DidJson.WriteSetIfAny(writer, "alsoKnownAs", _alsoKnownAs);
        if (_controller.Count > 0)
        {
            DidJson.WriteStringOrSet(writer, "controller", _controller);
        }

        if (_verificationMethod.Count > 0)
        {
            writer.WriteStartArray("verificationMethod");
            foreach (var method in _verificationMethod)
            {
                method.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        WriteRelationship(writer, "authentication", _authentication);
        WriteRelationship(writer, "assertionMethod", _assertionMethod);
        WriteRelationship(writer, "keyAgreement", KeyAgreementEntries);
        WriteRelationship(writer, "capabilityInvocation", _capabilityInvocation);
        WriteRelationship(writer, "capabilityDelegation", _capabilityDelegation);
        if (_service.Count > 0)
        {
            writer.WriteStartArray("service");
            foreach (var service in _service)
            {
                service.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        DidJson.WriteAdditional(writer, _additional);
        writer.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter writer, string name, IReadOnlyList<VerificationMethodReference> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var entry in entries)
        {
            if (entry.Embedded is { } embedded)
            {
                embedded.WriteTo(writer);
            }
            else
            {
                writer.WriteStringValue(entry.Id);
            }
        }

        writer.WriteEndArray();
    }
}
