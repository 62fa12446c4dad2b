using System.Security.Cryptography;
using System.Text;
using DidSdk.Core;

namespace DidSdk.JsonLd.Rdf;

/// <summary>
/// RDF Dataset Canonicalization, <see href="https://www.w3.org/TR/rdf-canon/">RDFC-1.0</see> (W3C Recommendation):
/// deterministic blank node labels (<c>c14nN</c>) and the canonical N-Quads form. Hostile inputs (graphs built so that
/// Hash N-Degree Quads explodes, RDFC-1.0 §4.4) stop at <see cref="RdfCanonicalizationOptions.MaxWork"/> with
/// <see cref="JsonLdProblemCodes.CanonicalizationWorkLimit"/>.
/// </summary>
public static class RdfCanonicalizer
{
    private static readonly RdfCanonicalizationOptions Defaults = new();

    /// <summary>Canonicalizes a dataset. Never throws for hostile input; a bad option throws <see cref="ArgumentException"/>.</summary>
    public static RdfCanonicalizationResult Canonicalize(IReadOnlyCollection<RdfQuad> dataset, RdfCanonicalizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= Defaults;
        var hashName = options.HashAlgorithm switch
        {
            "SHA256" or "SHA-256" => HashAlgorithmName.SHA256,
            "SHA384" or "SHA-384" => HashAlgorithmName.SHA384,
            _ => throw new ArgumentException("HashAlgorithm must be SHA256 or SHA384.", nameof(options)),
        };
        if (dataset.Count > options.MaxQuads)
        {
            return Fail(JsonLdProblemCodes.InputTooLarge, "The dataset has too many quads.");
        }

        using var state = new State(hashName, options);
        try
        {
            return state.Run(dataset);
        }
        catch (WorkLimitException)
        {
            return Fail(JsonLdProblemCodes.CanonicalizationWorkLimit, "Canonicalization exceeded its work limit (the dataset's blank nodes are too symmetric).");
        }
    }

    private static RdfCanonicalizationResult Fail(string code, string message) => new(null, null, null, new Problem(code, message));

    private sealed class WorkLimitException : Exception
    {
    }

    private sealed class State(HashAlgorithmName hashName, RdfCanonicalizationOptions options) : IDisposable
    {
        /// <summary>One hash object for every hash of the run (RDFC-1.0 hashes many short strings).</summary>
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(hashName);
        private byte[] _utf8 = new byte[1024];
        private readonly Dictionary<string, List<RdfQuad>> _blankNodeToQuads = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _firstDegree = new(StringComparer.Ordinal);
        private readonly IdentifierIssuer _canonicalIssuer = new("c14n");
        private readonly StringBuilder _scratch = new();
        private int _work;
        private int _depth;

        public RdfCanonicalizationResult Run(IReadOnlyCollection<RdfQuad> dataset)
        {
            // §4.4.3 step 2: the quads each blank node appears in.
            foreach (var quad in dataset)
            {
                AddBlank(quad.Subject, quad);
                AddBlank(quad.Object, quad);
                if (quad.Graph is { } g)
                {
                    AddBlank(g, quad);
                }
            }

            // Step 3: first-degree hashes.
            var hashToBlankNodes = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var id in _blankNodeToQuads.Keys)
            {
                var hash = HashFirstDegree(id);
                if (!hashToBlankNodes.TryGetValue(hash, out var list))
                {
                    list = [];
                    hashToBlankNodes.Add(hash, list);
                }

                list.Add(id);
            }

            // Step 4: unique hashes get canonical identifiers in hash order.
            var shared = new List<List<string>>();
            foreach (var (_, ids) in hashToBlankNodes)
            {
                if (ids.Count == 1)
                {
                    _canonicalIssuer.Issue(ids[0]);
                }
                else
                {
                    shared.Add(ids);
                }
            }

            // Step 5: the rest through Hash N-Degree Quads.
            foreach (var ids in shared)
            {
                var paths = new List<(string Hash, IdentifierIssuer Issuer)>();
                foreach (var id in ids)
                {
                    if (_canonicalIssuer.Has(id))
                    {
                        continue;
                    }

                    var temporary = new IdentifierIssuer("b");
                    temporary.Issue(id);
                    paths.Add(HashNDegree(id, temporary));
                }

                paths.Sort(static (a, b) => string.CompareOrdinal(a.Hash, b.Hash));
                foreach (var (_, issuer) in paths)
                {
                    foreach (var existing in issuer.Order)
                    {
                        _canonicalIssuer.Issue(existing);
                    }
                }
            }

            // Step 6: relabel, serialize, sort.
            var lines = new List<(string Line, RdfQuad Quad)>(dataset.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var length = 0;
            foreach (var quad in dataset)
            {
                var subject = Relabel(quad.Subject);
                var @object = Relabel(quad.Object);
                var graph = quad.Graph is null ? null : Relabel(quad.Graph);
                var relabelled = ReferenceEquals(subject, quad.Subject) && ReferenceEquals(@object, quad.Object) && ReferenceEquals(graph, quad.Graph)
                    ? quad
                    : new RdfQuad(subject, quad.Predicate, @object, graph);
                _scratch.Clear();
                NQuads.AppendQuad(_scratch, relabelled, null, null);
                var line = _scratch.ToString();
                if (seen.Add(line))
                {
                    lines.Add((line, relabelled));
                    length += line.Length;
                }
            }

            lines.Sort(static (a, b) => CodePointComparer.Instance.Compare(a.Line, b.Line));
            var sb = new StringBuilder(length);
            var quads = new RdfQuad[lines.Count];
            for (var i = 0; i < lines.Count; i++)
            {
                sb.Append(lines[i].Line);
                quads[i] = lines[i].Quad;
            }

            var map = new Dictionary<string, string>(_canonicalIssuer.Issued, StringComparer.Ordinal);
            return new RdfCanonicalizationResult(sb.ToString(), quads, map, null);
        }

        private RdfTerm Relabel(RdfTerm term) =>
            term.IsBlankNode && _canonicalIssuer.TryGet(term.Value, out var id) ? RdfTerm.BlankNode(id) : term;

        private void AddBlank(RdfTerm term, RdfQuad quad)
        {
            if (!term.IsBlankNode)
            {
                return;
            }

            if (!_blankNodeToQuads.TryGetValue(term.Value, out var list))
            {
                list = [];
                _blankNodeToQuads.Add(term.Value, list);
            }

            // A quad naming the same blank node twice is listed once per blank node.
            if (list.Count == 0 || !ReferenceEquals(list[^1], quad))
            {
                list.Add(quad);
            }
        }

        /// <summary>§4.6 Hash First Degree Quads.</summary>
        private string HashFirstDegree(string reference)
        {
            if (_firstDegree.TryGetValue(reference, out var cached))
            {
                return cached;
            }

            var quads = _blankNodeToQuads[reference];
            var lines = new string[quads.Count];
            for (var i = 0; i < quads.Count; i++)
            {
                _scratch.Clear();
                NQuads.AppendQuad(_scratch, quads[i], null, reference);
                lines[i] = _scratch.ToString();
            }

            Array.Sort(lines, CodePointComparer.Instance);
            _scratch.Clear();
            foreach (var line in lines)
            {
                _scratch.Append(line);
            }

            var hash = Hash(_scratch.ToString());
            _firstDegree.Add(reference, hash);
            return hash;
        }

        /// <summary>§4.7 Hash Related Blank Node.</summary>
        private string HashRelated(string related, RdfQuad quad, IdentifierIssuer issuer, char position)
        {
            string identifier;
            if (_canonicalIssuer.TryGet(related, out var c))
            {
                identifier = "_:" + c;
            }
            else if (issuer.TryGet(related, out var t))
            {
                identifier = "_:" + t;
            }
            else
            {
                identifier = HashFirstDegree(related);
            }

            var sb = new StringBuilder();
            sb.Append(position);
            if (position != 'g')
            {
                sb.Append('<').Append(quad.Predicate.Value).Append('>');
            }

            sb.Append(identifier);
            return Hash(sb.ToString());
        }

        /// <summary>§4.8 Hash N-Degree Quads.</summary>
        private (string Hash, IdentifierIssuer Issuer) HashNDegree(string identifier, IdentifierIssuer issuer)
        {
            Charge();
            if (++_depth > options.MaxDepth)
            {
                throw new WorkLimitException();
            }

            try
            {
                var hashToRelated = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var quad in _blankNodeToQuads[identifier])
                {
                    AddRelated(hashToRelated, quad.Subject, quad, issuer, 's', identifier);
                    AddRelated(hashToRelated, quad.Object, quad, issuer, 'o', identifier);
                    if (quad.Graph is { } g)
                    {
                        AddRelated(hashToRelated, g, quad, issuer, 'g', identifier);
                    }
                }

                var dataToHash = new StringBuilder();
                foreach (var (relatedHash, blankNodes) in hashToRelated)
                {
                    dataToHash.Append(relatedHash);
                    string? chosenPath = null;
                    IdentifierIssuer? chosenIssuer = null;
                    var permutation = new int[blankNodes.Count];
                    for (var i = 0; i < permutation.Length; i++)
                    {
                        permutation[i] = i;
                    }

                    do
                    {
                        Charge();
                        var issuerCopy = issuer.Copy();
                        var path = new StringBuilder();
                        var recursion = new List<string>();
                        var skip = false;
                        foreach (var index in permutation)
                        {
                            var related = blankNodes[index];
                            if (_canonicalIssuer.TryGet(related, out var canonical))
                            {
                                path.Append("_:").Append(canonical);
                            }
                            else
                            {
                                if (!issuerCopy.Has(related))
                                {
                                    recursion.Add(related);
                                }

                                path.Append("_:").Append(issuerCopy.Issue(related));
                            }

                            if (chosenPath is not null && IsWorse(path, chosenPath))
                            {
                                skip = true;
                                break;
                            }
                        }

                        if (!skip)
                        {
                            foreach (var related in recursion)
                            {
                                var result = HashNDegree(related, issuerCopy);
                                path.Append("_:").Append(issuerCopy.Issue(related)).Append('<').Append(result.Hash).Append('>');
                                issuerCopy = result.Issuer;
                                if (chosenPath is not null && IsWorse(path, chosenPath))
                                {
                                    skip = true;
                                    break;
                                }
                            }
                        }

                        if (!skip)
                        {
                            var candidate = path.ToString();
                            if (chosenPath is null || string.CompareOrdinal(candidate, chosenPath) < 0)
                            {
                                chosenPath = candidate;
                                chosenIssuer = issuerCopy;
                            }
                        }
                    }
                    while (NextPermutation(permutation));

                    dataToHash.Append(chosenPath);
                    issuer = chosenIssuer!;
                }

                return (Hash(dataToHash.ToString()), issuer);
            }
            finally
            {
                _depth--;
            }
        }

        private void AddRelated(SortedDictionary<string, List<string>> map, RdfTerm term, RdfQuad quad, IdentifierIssuer issuer, char position, string identifier)
        {
            if (!term.IsBlankNode || term.Value == identifier)
            {
                return;
            }

            var hash = HashRelated(term.Value, quad, issuer, position);
            if (!map.TryGetValue(hash, out var list))
            {
                list = [];
                map.Add(hash, list);
            }

            list.Add(term.Value);
        }

        private static bool IsWorse(StringBuilder path, string chosen)
        {
            if (path.Length < chosen.Length)
            {
                return false;
            }

            // Paths are ASCII (identifiers and hex hashes), so UTF-16 order is code point order.
            var n = Math.Min(path.Length, chosen.Length);
            for (var i = 0; i < n; i++)
            {
                if (path[i] != chosen[i])
                {
                    return path[i] > chosen[i];
                }
            }

            return path.Length > chosen.Length;
        }

        private void Charge()
        {
            if (++_work > options.MaxWork)
            {
                throw new WorkLimitException();
            }
        }

        private static bool NextPermutation(int[] a)
        {
            var i = a.Length - 2;
            while (i >= 0 && a[i] >= a[i + 1])
            {
                i--;
            }

            if (i < 0)
            {
                return false;
            }

            var j = a.Length - 1;
            while (a[j] <= a[i])
            {
                j--;
            }

            (a[i], a[j]) = (a[j], a[i]);
            Array.Reverse(a, i + 1, a.Length - i - 1);
            return true;
        }

        public void Dispose() => _hash.Dispose();

        /// <summary>The lowercase hex hash of the UTF-8 of <paramref name="data"/>, through one reused buffer and hash object.</summary>
        private string Hash(string data)
        {
            var max = Encoding.UTF8.GetMaxByteCount(data.Length);
            if (max > _utf8.Length)
            {
                _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
            }

            var count = Encoding.UTF8.GetBytes(data, _utf8);
            _hash.AppendData(_utf8, 0, count);
            Span<byte> digest = stackalloc byte[48];
            var written = _hash.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest[..written]);
        }
    }
}
