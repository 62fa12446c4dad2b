using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.OpenId4Vc.Tests;

public sealed class MetadataAndOfferTests : ProtocolTestBase
{
    [Test]
    public void CredentialIssuerMetadata_Configurations_ListsBothFormatsWithDisplayAndEndpoints()
    {
        var json = Issuer.GetCredentialIssuerMetadata();
        Assert.That(json["credential_issuer"]!.GetValue<string>(), Is.EqualTo(IssuerUrl));
        Assert.That(json["credential_endpoint"]!.GetValue<string>(), Is.EqualTo(IssuerUrl + "/credential"));
        Assert.That(json["nonce_endpoint"]!.GetValue<string>(), Is.EqualTo(IssuerUrl + "/nonce"));
        Assert.That(json["batch_credential_issuance"]!["batch_size"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(json["display"]![0]!["logo"]!["uri"]!.GetValue<string>(), Is.EqualTo("https://bank.example/logo.png"));

        var sd = json["credential_configurations_supported"]![TestIssuerSetup.SdJwtConfigurationId]!;
        Assert.That(sd["format"]!.GetValue<string>(), Is.EqualTo("dc+sd-jwt"));
        Assert.That(sd["vct"]!.GetValue<string>(), Is.EqualTo(TestIssuerSetup.KycVct));
        Assert.That(sd["credential_signing_alg_values_supported"]![0]!.GetValue<string>(), Is.EqualTo("EdDSA"));
        Assert.That(sd["proof_types_supported"]!["jwt"]!["proof_signing_alg_values_supported"]!.AsArray().Select(n => n!.GetValue<string>()),
            Is.EquivalentTo(new[] { "EdDSA", "ES256", "ES256K" }));
        Assert.That(sd["credential_metadata"]!["display"]![0]!["background_color"]!.GetValue<string>(), Is.EqualTo("#12107c"));

        var jwt = json["credential_configurations_supported"]![TestIssuerSetup.JwtVcConfigurationId]!;
        Assert.That(jwt["format"]!.GetValue<string>(), Is.EqualTo("jwt_vc_json"));
        Assert.That(jwt["credential_definition"]!["type"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "VerifiableCredential", "KycCredential" }));
    }

    [Test]
    public void CredentialIssuerMetadata_TryParse_ReadsWhatTheIssuerWrites()
    {
        Assert.That(CredentialIssuerMetadata.TryParse(Issuer.GetCredentialIssuerMetadata(), out var metadata, out _), Is.True);
        Assert.That(metadata!.CredentialIssuer, Is.EqualTo(IssuerUrl));
        Assert.That(metadata.BatchSize, Is.EqualTo(3));
        Assert.That(metadata.CredentialConfigurations[TestIssuerSetup.SdJwtConfigurationId].Vct, Is.EqualTo(TestIssuerSetup.KycVct));
        Assert.That(metadata.CredentialConfigurations[TestIssuerSetup.SdJwtConfigurationId].Display[0].Name, Is.EqualTo("KYC credential"));
        Assert.That(metadata.Display[0].LogoAltText, Is.EqualTo("Example Bank logo"));
    }

    [Test]
    public void CredentialIssuerMetadata_MissingCredentialEndpoint_InvalidMetadata()
    {
        Assert.That(CredentialIssuerMetadata.TryParse(new JsonObject { ["credential_issuer"] = IssuerUrl }, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(OpenId4VcProblemCodes.InvalidMetadata));
    }

    [TestCase("https://bank.example/oid4vci", "https://bank.example/.well-known/openid-credential-issuer/oid4vci")]
    [TestCase("https://bank.example", "https://bank.example/.well-known/openid-credential-issuer")]
    public void GetMetadataUri_IssuerWithPath_InsertsWellKnownAfterHost(string issuer, string expected) =>
        Assert.That(CredentialIssuerMetadata.GetMetadataUri(new Uri(issuer)).AbsoluteUri, Is.EqualTo(expected));

    [Test]
    public void AuthorizationServerMetadata_PreAuthorizedGrant_Advertised()
    {
        var json = Issuer.GetAuthorizationServerMetadata();
        Assert.That(json["issuer"]!.GetValue<string>(), Is.EqualTo(IssuerUrl));
        Assert.That(json["token_endpoint"]!.GetValue<string>(), Is.EqualTo(IssuerUrl + "/token"));
        Assert.That(json["grant_types_supported"]![0]!.GetValue<string>(), Is.EqualTo("urn:ietf:params:oauth:grant-type:pre-authorized_code"));
        Assert.That(json["pre-authorized_grant_anonymous_access_supported"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task CreateOffer_ByValueUri_ParsesBackToTheSameOffer()
    {
        var result = await OfferAsync();
        Assert.That(result.ValueUri, Does.StartWith("openid-credential-offer://?credential_offer="));
        Assert.That(CredentialOffer.TryParseUri(result.ValueUri, out var offer, out var reference, out _), Is.True);
        Assert.That(reference, Is.Null);
        Assert.That(offer!.CredentialIssuer, Is.EqualTo(IssuerUrl));
        Assert.That(offer.CredentialConfigurationIds, Is.EqualTo(new[] { TestIssuerSetup.SdJwtConfigurationId }));
        Assert.That(offer.PreAuthorizedCode, Is.EqualTo(result.Offer.PreAuthorizedCode));
        Assert.That(offer.TxCode, Is.EqualTo(new TxCodeDefinition("numeric", 6, null)));
        Assert.That(result.TxCode, Does.Match("^[0-9]{6}$"));
    }

    [Test]
    public async Task CreateOffer_ByReference_ServedUnderTheOfferUriUntilExpiry()
    {
        var result = await OfferAsync();
        Assert.That(CredentialOffer.TryParseUri(result.ReferenceUri, out var offer, out var reference, out _), Is.True);
        Assert.That(offer, Is.Null);
        Assert.That(reference, Is.EqualTo(result.CredentialOfferUri));
        Assert.That(result.CredentialOfferUri.AbsoluteUri, Does.StartWith(IssuerUrl + "/credential-offer/"));

        var served = await Issuer.GetOfferAsync(result.OfferId);
        Assert.That(served.Succeeded, Is.True);
        Assert.That(served.Body["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!.GetValue<string>(),
            Is.EqualTo(result.Offer.PreAuthorizedCode));

        Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.That((await Issuer.GetOfferAsync(result.OfferId)).StatusCode, Is.EqualTo(404));
    }

    [TestCase("openid-credential-offer://?credential_offer=%7B%7D", TestName = "TryParseUri_EmptyOfferObject_InvalidOffer")]
    [TestCase("openid-credential-offer://?credential_offer=%7B&credential_offer_uri=https%3A%2F%2Fx", TestName = "TryParseUri_BothForms_InvalidOffer")]
    [TestCase("openid-credential-offer://", TestName = "TryParseUri_NoQuery_InvalidOffer")]
    [TestCase("openid-credential-offer://?credential_offer_uri=relative", TestName = "TryParseUri_RelativeReference_InvalidOffer")]
    [TestCase("openid-credential-offer://?a=1&a=2", TestName = "TryParseUri_RepeatedParameter_InvalidOffer")]
    public void TryParseUri_Malformed_InvalidOffer(string uri)
    {
        Assert.That(CredentialOffer.TryParseUri(uri, out _, out _, out var problem), Is.False);
        Assert.That(problem, Has.Property(nameof(Problem.Code)).EqualTo(OpenId4VcProblemCodes.InvalidOffer));
    }

    [Test]
    public void CreateOffer_UnknownConfiguration_Throws() =>
        Assert.ThrowsAsync<ArgumentException>(() => OfferAsync("customer-1", true, "Nope"));

    [Test]
    public void Options_HttpIssuerWithoutLoopbackOption_Refused()
    {
        var options = Setup.Options("http://127.0.0.1:5000/oid4vci", allowLoopbackHttp: false);
        Assert.Throws<ArgumentException>(options.Validate);
        Assert.Throws<ArgumentException>(Setup.Options("http://bank.example/oid4vci", allowLoopbackHttp: true).Validate);
        Assert.DoesNotThrow(Setup.Options("http://127.0.0.1:5000/oid4vci", allowLoopbackHttp: true).Validate);
    }
}
