using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Core.Resolution;

/// <summary>
/// Verifies a signature made with one of a DID's verification methods: resolves the DID, requires the method to be
/// authorized for the verification relationship (<see cref="VerificationMethodAuthorizer"/>), requires the
/// algorithm to match the method's key type, then checks the signature. An <c>EcdsaSecp256k1RecoveryMethod2020</c>
/// (did:ethr's <c>#controller</c>) names an account, not a key: an ES256K signature is accepted when a public key
/// recovered from it has that account's address. Never throws for invalid input.
/// </summary>
public sealed class DidSignatureVerifier
{
    private readonly VerificationMethodAuthorizer _authorizer;
    private readonly IDidResolver _resolver;

    /// <summary>Creates a verifier that resolves DIDs with <paramref name="resolver"/> (use a caching resolver).</summary>
    public DidSignatureVerifier(IDidResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        this._resolver = resolver;
        _authorizer = new VerificationMethodAuthorizer(resolver);
    }

    /// <summary>
    /// Verifies a JWS whose <c>kid</c> names a verification method of <paramref name="did"/> (absolute DID URL, or a
    /// reference such as <c>#key-1</c> relative to <paramref name="did"/>).
    /// </summary>
    /// <param name="token">A JWS read by <see cref="Jws.ReadCompact(string, JwsReaderOptions?)"/> (algorithm already on the allow-list).</param>
    /// <param name="did">The DID the token claims to come from (e.g. its <c>iss</c>).</param>
    /// <param name="purpose">The verification relationship the signature needs (e.g. <c>assertionMethod</c>).</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public Task<DidSignatureVerification> VerifyJwsAsync(JwsToken token, string did, VerificationRelationship purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (string.IsNullOrEmpty(token.KeyId))
        {
            return Task.FromResult(DidSignatureVerification.Invalid(new Problem(DidProblemCodes.KeyIdMissing, "The JWS header has no kid naming the verification method.")));
        }

        return VerifyCoreAsync(did, token.KeyId, purpose, token.SigningAlgorithm, default, token.Signature, token, cancellationToken);
    }

    /// <summary>
    /// Verifies a signature that names no verification method (e.g. a did-jwt JWT without <c>kid</c>): every method of
    /// <paramref name="did"/> authorized for <paramref name="purpose"/> is tried, as the did-jwt libraries do.
    /// </summary>
    public async Task<DidSignatureVerification> VerifyWithAnyMethodAsync(
        string did,
        VerificationRelationship purpose,
        SigningAlgorithm algorithm,
        ReadOnlyMemory<byte> data,
        ReadOnlyMemory<byte> signature,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);
        var result = await _resolver.ResolveAsync(did, null, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || result.DidDocument is null)
        {
            return DidSignatureVerification.Invalid(new Problem(DidProblemCodes.ResolutionFailed, $"The DID could not be resolved: {result.DidResolutionMetadata.Error}."));
        }

        DidSignatureVerification? last = null;
        foreach (var reference in result.DidDocument.GetRelationship(purpose))
        {
            last = await VerifyAsync(did, reference.Id, purpose, algorithm, data, signature, cancellationToken).ConfigureAwait(false);
            if (last.Succeeded)
            {
                return last;
            }
        }

        return last ?? DidSignatureVerification.Invalid(new Problem(DidProblemCodes.VerificationMethodNotFound, $"The DID has no {purpose} verification method."));
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/> with the verification method <paramref name="verificationMethodId"/> of <paramref name="did"/>.</summary>
    /// <param name="did">The DID the signer claims to be.</param>
    /// <param name="verificationMethodId">The verification method's DID URL (may be relative to <paramref name="did"/>).</param>
    /// <param name="purpose">The verification relationship the signature needs.</param>
    /// <param name="algorithm">The signature algorithm the proof declares.</param>
    /// <param name="data">The signed bytes.</param>
    /// <param name="signature">The signature (JOSE form: <c>r || s</c> for ECDSA).</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public Task<DidSignatureVerification> VerifyAsync(
        string did,
        string verificationMethodId,
        VerificationRelationship purpose,
        SigningAlgorithm algorithm,
        ReadOnlyMemory<byte> data,
        ReadOnlyMemory<byte> signature,
        CancellationToken cancellationToken = default)
    {
        // The argument checks run in the async part, so a null argument faults the task as before.
        return VerifyCoreAsync(did, verificationMethodId, purpose, algorithm, data, signature, null, cancellationToken);
    }

    // With a token, a compact JWS's signing input is read in place instead of as a copied array.
    private async Task<DidSignatureVerification> VerifyCoreAsync(
        string did,
        string verificationMethodId,
        VerificationRelationship purpose,
        SigningAlgorithm algorithm,
        ReadOnlyMemory<byte> data,
        ReadOnlyMemory<byte> signature,
        JwsToken? token,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(verificationMethodId);
        ArgumentNullException.ThrowIfNull(algorithm);
        var authorization = await _authorizer.AuthorizeCoreAsync(did, verificationMethodId, purpose, cancellationToken).ConfigureAwait(false);
        if (!authorization.Succeeded)
        {
            return DidSignatureVerification.Invalid(authorization.Problem!);
        }

        var method = authorization.VerificationMethod!;
        if (authorization.PublicKey is { } key)
        {
            if (key.KeyType != algorithm.KeyType)
            {
                return DidSignatureVerification.Invalid(
                    new Problem(JoseProblemCodes.AlgorithmKeyMismatch, $"The verification method holds a {key.KeyType} key; alg {algorithm.JoseAlgorithm} cannot use it."), method);
            }

            var verified = token is null
                ? algorithm.Verify(key, data.Span, signature.Span)
                : token.VerifyInput((algorithm, key), static (state, input, jwsSignature) => state.algorithm.Verify(state.key, input, jwsSignature));
            return verified
                ? DidSignatureVerification.Valid(method, key)
                : DidSignatureVerification.Invalid(new Problem(JoseProblemCodes.InvalidSignature, "The signature does not verify with the verification method's key."), method);
        }

        // A recovery method: only secp256k1 signatures can name an Ethereum account.
        if (algorithm.KeyType != KeyType.Secp256k1)
        {
            return DidSignatureVerification.Invalid(
                new Problem(JoseProblemCodes.AlgorithmKeyMismatch, $"An EcdsaSecp256k1RecoveryMethod2020 needs an ES256K signature, not {algorithm.JoseAlgorithm}."), method);
        }

        if (token is not null)
        {
            data = token.SigningInput;
        }

        var hash = Hashes.Sha256(data.Span);
        for (var recoveryId = 0; recoveryId < 2; recoveryId++)
        {
            if (Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash, signature.Span, recoveryId, out var recovered)
                && method.MatchesBlockchainAccount(EthereumAddress.FromPublicKey(recovered))
                && algorithm.Verify(recovered, data.Span, signature.Span))
            {
                return DidSignatureVerification.Valid(method, recovered);
            }
        }

        return DidSignatureVerification.Invalid(new Problem(JoseProblemCodes.InvalidSignature, "No key recovered from the signature belongs to the verification method's account."), method);
    }
}
