namespace DidSdk.OpenId4Vc;

/// <summary>A created offer: the URIs to show as a QR code and the Transaction Code to send by another channel.</summary>
/// <param name="Offer">The offer (it contains the Pre-Authorized Code: treat it as a secret).</param>
/// <param name="OfferId">The identifier under which the offer is served by reference.</param>
/// <param name="CredentialOfferUri">Where the offer is served (<c>credential_offer_uri</c>).</param>
/// <param name="ReferenceUri">The offer by reference, <c>openid-credential-offer://?credential_offer_uri=...</c>.</param>
/// <param name="ValueUri">The offer by value, <c>openid-credential-offer://?credential_offer=...</c>.</param>
/// <param name="TxCode">The Transaction Code, or <see langword="null"/> when none is required. Never log it.</param>
/// <param name="ExpiresAt">When the Pre-Authorized Code expires.</param>
public sealed record CredentialOfferResult(
    CredentialOffer Offer,
    string OfferId,
    Uri CredentialOfferUri,
    string ReferenceUri,
    string ValueUri,
    string? TxCode,
    DateTimeOffset ExpiresAt);
