using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace DidSdk.Core.Jose;

/// <summary>The result of decrypting a JWE: the plaintext and protected header, or the <see cref="Problem"/> that rejected it.</summary>
public sealed class JweDecryptResult
{
    private JweDecryptResult(JsonObject? header, byte[]? plaintext, Problem? problem)
    {
        Header = header;
        Plaintext = plaintext;
        Problem = problem;
    }

    /// <summary><see langword="true"/> when the JWE passed every check and its tag verified.</summary>
    [MemberNotNullWhen(true, nameof(Header), nameof(Plaintext))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>The JWE Protected Header, or <see langword="null"/>.</summary>
    public JsonObject? Header { get; }

    /// <summary>The decrypted content, or <see langword="null"/>. The caller zeroes it when it is secret.</summary>
    public byte[]? Plaintext { get; }

    /// <summary>Why the JWE was rejected, or <see langword="null"/>.</summary>
    public Problem? Problem { get; }

    internal static JweDecryptResult Success(JsonObject header, byte[] plaintext) => new(header, plaintext, null);

    internal static JweDecryptResult Failure(string code, string message) => new(null, null, new Problem(code, message));

    internal static JweDecryptResult Failure(Problem problem) => new(null, null, problem);
}
