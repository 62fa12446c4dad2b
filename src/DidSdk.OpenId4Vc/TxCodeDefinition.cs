namespace DidSdk.OpenId4Vc;

/// <summary>
/// The <c>tx_code</c> object of a Pre-Authorized Code grant (OpenID4VCI 1.0 §4.1.1): tells the wallet that a
/// Transaction Code, sent to the user by another channel, must accompany the token request.
/// </summary>
/// <param name="InputMode"><c>input_mode</c>: <c>numeric</c> or <c>text</c>.</param>
/// <param name="Length"><c>length</c>: the number of characters, if known.</param>
/// <param name="Description"><c>description</c>: guidance for the user (at most 300 characters), if any.</param>
public sealed record TxCodeDefinition(string InputMode, int? Length, string? Description);
