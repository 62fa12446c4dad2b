using System.Text;

namespace DidSdk.Testing;

/// <summary>Random small edits of a text, for the differential tests that hold a fast reader and the general path to the same results.</summary>
public static class TextMutator
{
    /// <summary>
    /// Applies 1 to <paramref name="maxEdits"/> edits to <paramref name="text"/>, each deleting a character, inserting one
    /// from <paramref name="alphabet"/>, or replacing one with a character from it, at a random place.
    /// </summary>
    public static string Mutate(Random random, string text, string alphabet, int maxEdits = 3)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        var mutated = new StringBuilder(text);
        for (var edits = random.Next(1, maxEdits + 1); edits > 0 && mutated.Length > 0; edits--)
        {
            var at = random.Next(mutated.Length);
            switch (random.Next(3))
            {
                case 0:
                    mutated.Remove(at, 1);
                    break;
                case 1:
                    mutated.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                default:
                    mutated[at] = alphabet[random.Next(alphabet.Length)];
                    break;
            }
        }

        return mutated.ToString();
    }
}
