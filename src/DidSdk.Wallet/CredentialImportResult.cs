using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.Wallet;

/// <summary>The outcome of <see cref="Wallet.ImportCredentialAsync"/>: the stored credential, or why it was refused.</summary>
public sealed class CredentialImportResult
{
    private CredentialImportResult(StoredCredential? credential, IReadOnlyList<Problem> problems)
    {
        Credential = credential;
        Problems = problems;
    }

    /// <summary>Whether the credential was stored.</summary>
    [MemberNotNullWhen(true, nameof(Credential))]
    public bool Succeeded => Credential is not null;

    /// <summary>The stored credential.</summary>
    public StoredCredential? Credential { get; }

    /// <summary>Why it was refused (<c>DIDSDK6101</c>-<c>6103</c>, with the parser's or verifier's codes).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    internal static CredentialImportResult Success(StoredCredential credential) => new(credential, []);

    internal static CredentialImportResult Fail(IReadOnlyList<Problem> problems) => new(null, problems);

    internal static CredentialImportResult Fail(string code, string message, IEnumerable<Problem>? causes = null) =>
        new(null, [new Problem(code, message), .. causes ?? []]);
}
