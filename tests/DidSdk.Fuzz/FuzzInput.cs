using System.Text;

namespace DidSdk.Fuzz;

/// <summary>Turns fuzzer bytes into the shapes the APIs take.</summary>
internal static class FuzzInput
{
    /// <summary>The bytes as UTF-8 text; invalid sequences become U+FFFD, as they would for text read from the wire.</summary>
    public static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
