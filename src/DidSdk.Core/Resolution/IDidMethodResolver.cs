namespace DidSdk.Core.Resolution;

/// <summary>A resolver for one DID method, for use in a <see cref="CompositeDidResolver"/>.</summary>
public interface IDidMethodResolver : IDidResolver
{
    /// <summary>The method name it resolves (e.g. <c>key</c>, <c>web</c>, <c>ethr</c>).</summary>
    string Method { get; }
}
