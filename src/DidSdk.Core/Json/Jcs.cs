using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Core.Json;

/// <summary>
/// JSON Canonicalization Scheme (JCS, RFC 8785): the unique UTF-8 serialization of a JSON value used for hashing
/// and signing (for example by the <c>eddsa-jcs-2022</c> cryptosuite).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Object members are sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3), not by culture or UTF-8.</item>
/// <item>Numbers are IEEE-754 doubles serialized as ECMAScript <c>Number.prototype.toString</c> does (RFC 8785 §3.2.2.3):
/// the shortest digits that round-trip, <c>1e+21</c> rather than .NET's <c>1E+21</c>, and <c>-0</c> as <c>0</c>.</item>
/// <item>Strings escape only <c>"</c>, <c>\</c> and the controls below U+0020, with the short forms <c>\b \t \n \f \r</c> and
/// otherwise lowercase <c>\u00xx</c> (RFC 8785 §3.2.2.2); everything else is literal UTF-8.</item>
/// <item>Duplicate member names, lone surrogates and numbers outside the double range are rejected (RFC 8785 §3.1).</item>
/// </list>
/// </remarks>
public static class Jcs
{
    /// <summary>The default input size limit of <c>TryCanonicalize</c> (1 MiB).</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    // In-memory trees are not depth-limited by a parser; recursion stops here instead of overflowing the stack.
    private const int MaxTreeDepth = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Canonicalizes a parsed JSON value.</summary>
    /// <exception cref="ArgumentException">The value contains a lone surrogate or a number outside the double range, or nests deeper than 1000 levels.</exception>
    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var problem = TryWrite(element, buffer);
        return problem is null ? buffer.WrittenSpan.ToArray() : throw new ArgumentException(problem.Message, nameof(element));
    }

    /// <summary>Canonicalizes a JSON node tree (<see langword="null"/> is the JSON <c>null</c>).</summary>
    /// <exception cref="ArgumentException">The value contains a lone surrogate or a non-finite number, or nests deeper than 1000 levels.</exception>
    public static byte[] Canonicalize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var problem = TryWrite(node, buffer);
        return problem is null ? buffer.WrittenSpan.ToArray() : throw new ArgumentException(problem.Message, nameof(node));
    }

    /// <summary>
    /// Parses untrusted JSON text and canonicalizes it. Never throws for invalid input.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="canonical">The canonical UTF-8 bytes, when successful.</param>
    /// <param name="problem">A <see cref="JsonProblemCodes"/> problem, when not.</param>
    /// <param name="maxDepth">The maximum nesting depth (default 32).</param>
    /// <param name="maxLength">The maximum input length in characters (default 1 MiB).</param>
    public static bool TryCanonicalize(
        string json,
        [NotNullWhen(true)] out byte[]? canonical,
        [NotNullWhen(false)] out Problem? problem,
        int maxDepth = StrictJson.DefaultMaxDepth,
        int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(json);
        canonical = null;
        if (json.Length > maxLength)
        {
            problem = new Problem(JsonProblemCodes.TooLarge, $"The JSON is longer than {maxLength} characters.");
            return false;
        }

        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException)
        {
            problem = new Problem(JsonProblemCodes.LoneSurrogate, "The JSON text contains a lone surrogate.");
            return false;
        }

        return TryCanonicalize(utf8, out canonical, out problem, maxDepth, maxLength: int.MaxValue);
    }

    /// <summary>Parses untrusted UTF-8 JSON and canonicalizes it. Never throws for invalid input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <param name="canonical">The canonical UTF-8 bytes, when successful.</param>
    /// <param name="problem">A <see cref="JsonProblemCodes"/> problem, when not.</param>
    /// <param name="maxDepth">The maximum nesting depth (default 32).</param>
    /// <param name="maxLength">The maximum input length in bytes (default 1 MiB).</param>
    public static bool TryCanonicalize(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out byte[]? canonical,
        [NotNullWhen(false)] out Problem? problem,
        int maxDepth = StrictJson.DefaultMaxDepth,
        int maxLength = DefaultMaxLength)
    {
        canonical = null;
        if (utf8Json.Length > maxLength)
        {
            problem = new Problem(JsonProblemCodes.TooLarge, $"The JSON is longer than {maxLength} bytes.");
            return false;
        }

        var status = StrictJson.TryParseDocument(utf8Json, maxDepth, out var document);
        if (status != StrictJsonStatus.Ok)
        {
            problem = status switch
            {
                StrictJsonStatus.TooDeep => new Problem(JsonProblemCodes.TooDeep, $"The JSON nests deeper than {maxDepth} levels."),
                StrictJsonStatus.DuplicateMember => new Problem(JsonProblemCodes.DuplicateMember, "An object has a duplicate member name."),
                StrictJsonStatus.LoneSurrogate => LoneSurrogate(),
                _ => new Problem(JsonProblemCodes.InvalidJson, "The input is not well-formed UTF-8 JSON."),
            };
            return false;
        }

        using (document)
        {
            var buffer = new ArrayBufferWriter<byte>(Math.Max(256, utf8Json.Length));
            problem = TryWrite(document!.RootElement, buffer);
            if (problem is not null)
            {
                return false;
            }

            canonical = buffer.WrittenSpan.ToArray();
            return true;
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> as ECMAScript <c>Number.prototype.toString</c> would (RFC 8785 §3.2.2.3).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static string SerializeNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and Infinity have no JSON representation (RFC 8785 §3.2.2.3).", nameof(value));
        }

        Span<byte> bytes = stackalloc byte[32];
        var length = FormatNumber(value, bytes);
        return Encoding.ASCII.GetString(bytes[..length]);
    }

    private static Problem? TryWrite(JsonElement element, IBufferWriter<byte> writer, int depth = 0)
    {
        if (depth > MaxTreeDepth)
        {
            return TooDeep();
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        // System.Text.Json refuses to unescape a lone surrogate such as "\ud800" into a string.
                        return LoneSurrogate();
                    }

                    members.Add((name, property.Value));
                }

                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                WriteByte(writer, (byte)'{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte(writer, (byte)',');
                    }

                    var problem = WriteString(members[i].Name, writer) ?? WriteColon(writer) ?? TryWrite(members[i].Value, writer, depth + 1);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                WriteByte(writer, (byte)'}');
                return null;

            case JsonValueKind.Array:
                WriteByte(writer, (byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        WriteByte(writer, (byte)',');
                    }

                    first = false;
                    var problem = TryWrite(item, writer, depth + 1);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                WriteByte(writer, (byte)']');
                return null;

            case JsonValueKind.String:
                string text;
                try
                {
                    text = element.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    return LoneSurrogate();
                }

                return WriteString(text, writer);

            case JsonValueKind.Number:
                // TryGetDouble fails for literals beyond the double range (for example 1e400), which would become Infinity.
                return element.TryGetDouble(out var number) ? WriteNumber(number, writer) : NonFinite();

            case JsonValueKind.True:
                writer.Write("true"u8);
                return null;
            case JsonValueKind.False:
                writer.Write("false"u8);
                return null;
            default:
                writer.Write("null"u8);
                return null;
        }
    }

    private static Problem? TryWrite(JsonNode? node, IBufferWriter<byte> writer, int depth = 0)
    {
        if (depth > MaxTreeDepth)
        {
            return TooDeep();
        }

        switch (node)
        {
            case null:
                writer.Write("null"u8);
                return null;

            case JsonObject obj:
                var members = new List<KeyValuePair<string, JsonNode?>>(obj.Count);
                members.AddRange(obj);
                members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                WriteByte(writer, (byte)'{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte(writer, (byte)',');
                    }

                    var problem = WriteString(members[i].Key, writer) ?? WriteColon(writer) ?? TryWrite(members[i].Value, writer, depth + 1);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                WriteByte(writer, (byte)'}');
                return null;

            case JsonArray array:
                WriteByte(writer, (byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte(writer, (byte)',');
                    }

                    var problem = TryWrite(array[i], writer, depth + 1);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                WriteByte(writer, (byte)']');
                return null;

            default:
                var value = (JsonValue)node;
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    return TryWrite(element, writer, depth);
                }

                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        return WriteString(value.GetValue<string>(), writer);
                    case JsonValueKind.Number:
                        return value.TryGetValue<double>(out var d) ? WriteNumber(d, writer) : WriteNumber(ToDouble(value), writer);
                    case JsonValueKind.True:
                        writer.Write("true"u8);
                        return null;
                    case JsonValueKind.False:
                        writer.Write("false"u8);
                        return null;
                    default:
                        writer.Write("null"u8);
                        return null;
                }
        }
    }

    // Numbers held as other CLR types (int, long, decimal, float...) go through their JSON text, as a parser would see them.
    private static double ToDouble(JsonValue value)
    {
        var text = value.ToJsonString();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    private static Problem? WriteNumber(double value, IBufferWriter<byte> writer)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite();
        }

        var span = writer.GetSpan(32);
        writer.Advance(FormatNumber(value, span));
        return null;
    }

    // ECMAScript Number::toString (ECMA-262 §6.1.6.1.20) from the shortest round-trip digits, which .NET's "R" format
    // produces since .NET Core 3.0; only the layout (exponent style, zero padding) differs and is rebuilt here.
    private static int FormatNumber(double value, Span<byte> output)
    {
        if (value == 0)
        {
            output[0] = (byte)'0';
            return 1;
        }

        Span<char> text = stackalloc char[32];
        if (!value.TryFormat(text, out var textLength, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("Number formatting failed.");
        }

        text = text[..textLength];
        var pos = 0;
        if (value < 0)
        {
            output[pos++] = (byte)'-';
            text = text[1..];
        }

        // Split "d.dddE±x" into the digit string and n, the position of the decimal point relative to the digits.
        Span<byte> digits = stackalloc byte[24];
        var k = 0;
        var integerDigits = 0;
        var seenPoint = false;
        var exponent = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                seenPoint = true;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[k++] = (byte)c;
                if (!seenPoint)
                {
                    integerDigits++;
                }
            }
        }

        var n = integerDigits + exponent;
        var start = 0;
        while (start < k - 1 && digits[start] == '0')
        {
            start++;
            n--;
        }

        while (k - 1 > start && digits[k - 1] == '0')
        {
            k--;
        }

        var d = digits[start..k];
        k = d.Length;

        if (k <= n && n <= 21)
        {
            // Integer: the digits followed by n - k zeros.
            d.CopyTo(output[pos..]);
            pos += k;
            output.Slice(pos, n - k).Fill((byte)'0');
            return pos + n - k;
        }

        if (0 < n && n <= 21)
        {
            d[..n].CopyTo(output[pos..]);
            pos += n;
            output[pos++] = (byte)'.';
            d[n..].CopyTo(output[pos..]);
            return pos + k - n;
        }

        if (-6 < n && n <= 0)
        {
            output[pos++] = (byte)'0';
            output[pos++] = (byte)'.';
            output.Slice(pos, -n).Fill((byte)'0');
            pos += -n;
            d.CopyTo(output[pos..]);
            return pos + k;
        }

        output[pos++] = d[0];
        if (k > 1)
        {
            output[pos++] = (byte)'.';
            d[1..].CopyTo(output[pos..]);
            pos += k - 1;
        }

        output[pos++] = (byte)'e';
        var e = n - 1;
        output[pos++] = e < 0 ? (byte)'-' : (byte)'+';
        if (!Math.Abs(e).TryFormat(output[pos..], out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("Exponent formatting failed.");
        }

        return pos + written;
    }

    private static Problem? WriteString(string value, IBufferWriter<byte> writer)
    {
        WriteByte(writer, (byte)'"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80)
            {
                switch (c)
                {
                    case '"':
                        writer.Write("\\\""u8);
                        break;
                    case '\\':
                        writer.Write("\\\\"u8);
                        break;
                    case '\b':
                        writer.Write("\\b"u8);
                        break;
                    case '\f':
                        writer.Write("\\f"u8);
                        break;
                    case '\n':
                        writer.Write("\\n"u8);
                        break;
                    case '\r':
                        writer.Write("\\r"u8);
                        break;
                    case '\t':
                        writer.Write("\\t"u8);
                        break;
                    case < ' ':
                        var escape = writer.GetSpan(6);
                        "\\u00"u8.CopyTo(escape);
                        escape[4] = HexLower(c >> 4);
                        escape[5] = HexLower(c & 0xF);
                        writer.Advance(6);
                        break;
                    default:
                        WriteByte(writer, (byte)c);
                        break;
                }

                continue;
            }

            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                rune = new Rune(c, value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return LoneSurrogate();
            }
            else
            {
                rune = new Rune(c);
            }

            var span = writer.GetSpan(4);
            writer.Advance(rune.EncodeToUtf8(span));
        }

        WriteByte(writer, (byte)'"');
        return null;
    }

    private static Problem? WriteColon(IBufferWriter<byte> writer)
    {
        WriteByte(writer, (byte)':');
        return null;
    }

    private static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static byte HexLower(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    private static Problem LoneSurrogate() => new(JsonProblemCodes.LoneSurrogate, "A string contains a lone surrogate (RFC 8785 §3.2.2.2).");

    private static Problem TooDeep() => new(JsonProblemCodes.TooDeep, $"The JSON value nests deeper than {MaxTreeDepth} levels.");

    private static Problem NonFinite() => new(JsonProblemCodes.NonFiniteNumber, "A number is outside the IEEE-754 double range (RFC 8785 §3.2.2.3).");
}
