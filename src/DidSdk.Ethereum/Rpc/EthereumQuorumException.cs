namespace DidSdk.Ethereum.Rpc;

/// <summary>
/// The nodes of a <see cref="QuorumEthereumRpc"/> answered, but no answer was given by a quorum of them: at least one
/// node is wrong (lying, forked, lagging or misconfigured). Problem code <see cref="ProblemCode"/>.
/// </summary>
public sealed class EthereumQuorumException : Exception
{
    /// <summary>The stable problem code: DIDSDK5003.</summary>
    public const string ProblemCode = "DIDSDK5003";

    /// <summary>Creates the exception.</summary>
    /// <param name="method">The JSON-RPC method whose answers differed.</param>
    /// <param name="quorum">How many identical answers were required.</param>
    /// <param name="largestAgreement">The largest number of nodes that gave one same answer.</param>
    /// <param name="answered">How many nodes answered.</param>
    public EthereumQuorumException(string method, int quorum, int largestAgreement, int answered)
        : base($"The nodes disagree on {UntrustedText.Sanitize(method, 64)}: at most {largestAgreement} of {answered} answers agree, {quorum} must.")
    {
        Method = method;
        Quorum = quorum;
        LargestAgreement = largestAgreement;
        Answered = answered;
    }

    /// <summary>The JSON-RPC method whose answers differed.</summary>
    public string Method { get; }

    /// <summary>How many identical answers were required.</summary>
    public int Quorum { get; }

    /// <summary>The largest number of nodes that gave one same answer.</summary>
    public int LargestAgreement { get; }

    /// <summary>How many nodes answered.</summary>
    public int Answered { get; }
}
