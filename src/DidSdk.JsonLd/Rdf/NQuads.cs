using System.Globalization;
using System.Text;
using DidSdk.Core;

namespace DidSdk.JsonLd.Rdf;

/// <summary>
/// RDF 1.1 N-Quads: a strict line parser and the canonical serialization used by RDFC-1.0
/// (<see href="https://www.w3.org/TR/rdf-canon/#canonical-quads">RDFC-1.0 §4.3 canonical N-Quads</see>: <c>\b \t \n \f \r \" \\</c>
/// as ECHAR, the other control characters as <c>\uXXXX</c>, nothing else escaped).
/// </summary>
public static class NQuads
{
    /// <summary>The largest input <see cref="Parse"/> accepts by default, in characters.</summary>
    public const int DefaultMaxLength = 16 * 1024 * 1024;

    /// <summary>Parses N-Quads. Never throws for invalid input.</summary>
    /// <param name="text">The document.</param>
    /// <param name="maxLength">The largest accepted input, in characters.</param>
    public static NQuadsParseResult Parse(string text, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxLength)
        {
            return new NQuadsParseResult(null, new Problem(JsonLdProblemCodes.InputTooLarge, "The N-Quads document is too large."));
        }

        var dataset = new RdfDataset();
        var parser = new Parser(text);
        var line = 1;
        while (true)
        {
            parser.SkipWhitespaceAndComments(ref line);
            if (parser.AtEnd)
            {
                return new NQuadsParseResult(dataset, null);
            }

            if (!parser.TryReadQuad(out var quad))
            {
                return new NQuadsParseResult(null, new Problem(JsonLdProblemCodes.InvalidNQuads, $"Invalid N-Quads statement on line {line.ToString(CultureInfo.InvariantCulture)}."));
            }

            dataset.Add(quad);
        }
    }

    /// <summary>Serializes the quads in the given order, one per line, each ending in <c>\n</c>.</summary>
    public static string Serialize(IEnumerable<RdfQuad> quads)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var sb = new StringBuilder();
        foreach (var quad in quads)
        {
            AppendQuad(sb, quad, null, null);
        }

        return sb.ToString();
    }

    /// <summary>One quad in canonical N-Quads form, ending in <c>\n</c>.</summary>
    public static string SerializeQuad(RdfQuad quad)
    {
        ArgumentNullException.ThrowIfNull(quad);
        var sb = new StringBuilder();
        AppendQuad(sb, quad, null, null);
        return sb.ToString();
    }

    /// <summary>One term in canonical N-Quads form.</summary>
    public static string SerializeTerm(RdfTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var sb = new StringBuilder();
        AppendTerm(sb, term, null, null);
        return sb.ToString();
    }

    /// <summary>
    /// Appends a quad; blank nodes are renamed through <paramref name="rename"/> when given, else (when
    /// <paramref name="reference"/> is given) to <c>_:a</c> for <paramref name="reference"/> and <c>_:z</c> for others (RDFC-1.0 §4.6.3).
    /// </summary>
    internal static void AppendQuad(StringBuilder sb, RdfQuad quad, Func<string, string>? rename, string? reference)
    {
        AppendTerm(sb, quad.Subject, rename, reference);
        sb.Append(' ');
        AppendTerm(sb, quad.Predicate, rename, reference);
        sb.Append(' ');
        AppendTerm(sb, quad.Object, rename, reference);
        if (quad.Graph is { } graph)
        {
            sb.Append(' ');
            AppendTerm(sb, graph, rename, reference);
        }

        sb.Append(" .\n");
    }

    internal static void AppendTerm(StringBuilder sb, RdfTerm term, Func<string, string>? rename, string? reference)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                sb.Append('<').Append(term.Value).Append('>');
                break;
            case RdfTermKind.BlankNode:
                sb.Append("_:");
                if (rename is not null)
                {
                    sb.Append(rename(term.Value));
                }
                else if (reference is not null)
                {
                    sb.Append(term.Value == reference ? 'a' : 'z');
                }
                else
                {
                    sb.Append(term.Value);
                }

                break;
            default:
                sb.Append('"');
                AppendEscaped(sb, term.Value);
                sb.Append('"');
                if (term.Language is not null)
                {
                    sb.Append('@').Append(term.Language);
                }
                else if (term.Datatype != RdfTerm.XsdString)
                {
                    sb.Append("^^<").Append(term.Datatype).Append('>');
                }

                break;
        }
    }

    private static void AppendEscaped(StringBuilder sb, string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F)
            {
                continue;
            }

            sb.Append(value, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
            }
        }

        sb.Append(value, start, value.Length - start);
    }

    private ref struct Parser(string text)
    {
        private readonly string _s = text;
        private int _pos;

        public readonly bool AtEnd => _pos >= _s.Length;

        public void SkipWhitespaceAndComments(ref int line)
        {
            while (_pos < _s.Length)
            {
                var c = _s[_pos];
                if (c == '\n')
                {
                    line++;
                    _pos++;
                }
                else if (c is ' ' or '\t' or '\r')
                {
                    _pos++;
                }
                else if (c == '#')
                {
                    while (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r')
                    {
                        _pos++;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        public bool TryReadQuad(out RdfQuad quad)
        {
            quad = null!;
            if (!TryReadSubjectOrGraph(out var subject))
            {
                return false;
            }

            SkipSpaces();
            if (!TryReadIri(out var predicate))
            {
                return false;
            }

            SkipSpaces();
            RdfTerm obj;
            if (_pos < _s.Length && _s[_pos] == '"')
            {
                if (!TryReadLiteral(out obj))
                {
                    return false;
                }
            }
            else if (!TryReadSubjectOrGraph(out obj))
            {
                return false;
            }

            SkipSpaces();
            RdfTerm? graph = null;
            if (_pos < _s.Length && _s[_pos] != '.')
            {
                if (!TryReadSubjectOrGraph(out var g))
                {
                    return false;
                }

                graph = g;
                SkipSpaces();
            }

            if (_pos >= _s.Length || _s[_pos] != '.')
            {
                return false;
            }

            _pos++;
            SkipSpaces();
            if (_pos < _s.Length && _s[_pos] == '#')
            {
                while (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r')
                {
                    _pos++;
                }
            }

            if (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r')
            {
                return false;
            }

            quad = new RdfQuad(subject, predicate, obj, graph);
            return true;
        }

        private void SkipSpaces()
        {
            while (_pos < _s.Length && (_s[_pos] == ' ' || _s[_pos] == '\t'))
            {
                _pos++;
            }
        }

        private bool TryReadSubjectOrGraph(out RdfTerm term)
        {
            term = null!;
            if (_pos >= _s.Length)
            {
                return false;
            }

            if (_s[_pos] == '<')
            {
                return TryReadIri(out term);
            }

            if (_s[_pos] == '_' && _pos + 1 < _s.Length && _s[_pos + 1] == ':')
            {
                _pos += 2;
                var start = _pos;
                while (_pos < _s.Length && IsLabelChar(_s[_pos], _pos == start))
                {
                    _pos++;
                }

                // A label cannot end with '.'.
                while (_pos > start && _s[_pos - 1] == '.')
                {
                    _pos--;
                }

                if (_pos == start)
                {
                    return false;
                }

                term = RdfTerm.BlankNode(_s[start.._pos]);
                return true;
            }

            return false;
        }

        private static bool IsLabelChar(char c, bool first) =>
            char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':' || c > 0x7F || (!first && (c == '-' || c == '.'));

        private bool TryReadIri(out RdfTerm term)
        {
            term = null!;
            if (_pos >= _s.Length || _s[_pos] != '<')
            {
                return false;
            }

            _pos++;
            var sb = new StringBuilder();
            while (_pos < _s.Length && _s[_pos] != '>')
            {
                var c = _s[_pos];
                if (c <= 0x20 || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
                {
                    return false;
                }

                if (c == '\\')
                {
                    if (!TryReadUchar(sb))
                    {
                        return false;
                    }

                    continue;
                }

                sb.Append(c);
                _pos++;
            }

            if (_pos >= _s.Length)
            {
                return false;
            }

            _pos++;
            var iri = sb.ToString();
            if (!Iri.IsAbsolute(iri))
            {
                return false;
            }

            term = RdfTerm.Iri(iri);
            return true;
        }

        private bool TryReadUchar(StringBuilder sb)
        {
            // At '\\'.
            if (_pos + 1 >= _s.Length)
            {
                return false;
            }

            var width = _s[_pos + 1] switch { 'u' => 4, 'U' => 8, _ => 0 };
            if (width == 0 || _pos + 2 + width > _s.Length
                || !int.TryParse(_s.AsSpan(_pos + 2, width), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                return false;
            }

            sb.Append(char.ConvertFromUtf32(code));
            _pos += 2 + width;
            return true;
        }

        private bool TryReadLiteral(out RdfTerm term)
        {
            term = null!;
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _s.Length)
                {
                    return false;
                }

                var c = _s[_pos];
                if (c == '"')
                {
                    _pos++;
                    break;
                }

                if (c is '\n' or '\r')
                {
                    return false;
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    _pos++;
                    continue;
                }

                if (_pos + 1 >= _s.Length)
                {
                    return false;
                }

                var e = _s[_pos + 1];
                char? echar = e switch
                {
                    't' => '\t', 'b' => '\b', 'n' => '\n', 'r' => '\r', 'f' => '\f', '"' => '"', '\'' => '\'', '\\' => '\\', _ => null,
                };
                if (echar is { } ch)
                {
                    sb.Append(ch);
                    _pos += 2;
                }
                else if (!TryReadUchar(sb))
                {
                    return false;
                }
            }

            var value = sb.ToString();
            if (_pos < _s.Length && _s[_pos] == '@')
            {
                _pos++;
                var start = _pos;
                while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '-'))
                {
                    _pos++;
                }

                if (_pos == start || !char.IsAsciiLetter(_s[start]))
                {
                    return false;
                }

                term = RdfTerm.Literal(value, null, _s[start.._pos]);
                return true;
            }

            if (_pos + 1 < _s.Length && _s[_pos] == '^' && _s[_pos + 1] == '^')
            {
                _pos += 2;
                if (!TryReadIri(out var datatype))
                {
                    return false;
                }

                term = RdfTerm.Literal(value, datatype.Value);
                return true;
            }

            term = RdfTerm.Literal(value);
            return true;
        }
    }
}
