using System.Text;
using DidSdk.Core.Jose;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Core.Tests.Jose;

public class JwtValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static FakeTimeProvider Clock() => new(Now);

    private static JwtClaims Parse(string json)
    {
        Assert.That(JwtClaims.TryParse(Encoding.UTF8.GetBytes(json), out var claims, out var problem), Is.True, problem?.ToString());
        return claims!;
    }

    private static IReadOnlyList<Problem> Validate(string json, JwtValidationOptions? options = null) =>
        JwtValidator.Validate(Parse(json), options ?? new JwtValidationOptions(), Clock());

    [Test]
    public void TryParse_RegisteredClaims_AreTyped()
    {
        var claims = Parse("{\"iss\":\"did:example:a\",\"sub\":\"s\",\"aud\":[\"x\",\"y\"],\"exp\":1700000100.5,\"nbf\":1699999000,\"iat\":1699999999,\"jti\":\"j\",\"nonce\":\"n\",\"vc\":{}}");
        Assert.Multiple(() =>
        {
            Assert.That(claims.Issuer, Is.EqualTo("did:example:a"));
            Assert.That(claims.Subject, Is.EqualTo("s"));
            Assert.That(claims.Audience, Is.EqualTo(new[] { "x", "y" }));
            Assert.That(claims.ExpirationTime, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_100_500)));
            Assert.That(claims.NotBefore, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1_699_999_000)));
            Assert.That(claims.IssuedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1_699_999_999)));
            Assert.That(claims.JwtId, Is.EqualTo("j"));
            Assert.That(claims.Nonce, Is.EqualTo("n"));
            Assert.That(claims.Claims.ContainsKey("vc"), Is.True);
        });
    }

    [TestCase("{\"exp\":\"1700000000\"}", TestName = "TryParse_ExpAsString_ClaimsMalformed")]
    [TestCase("{\"nbf\":true}", TestName = "TryParse_NbfBoolean_ClaimsMalformed")]
    [TestCase("{\"iat\":1e300}", TestName = "TryParse_IatOutOfRange_ClaimsMalformed")]
    [TestCase("{\"iss\":1}", TestName = "TryParse_IssNotString_ClaimsMalformed")]
    [TestCase("{\"aud\":[\"a\",1]}", TestName = "TryParse_AudArrayWithNumber_ClaimsMalformed")]
    [TestCase("{\"aud\":{}}", TestName = "TryParse_AudObject_ClaimsMalformed")]
    [TestCase("[]", TestName = "TryParse_NotObject_ClaimsMalformed")]
    [TestCase("{\"iss\":\"a\",\"iss\":\"b\"}", TestName = "TryParse_DuplicateClaim_ClaimsMalformed")]
    [TestCase("{\"a\":", TestName = "TryParse_Truncated_ClaimsMalformed")]
    public void TryParse_Invalid_ClaimsMalformed(string json)
    {
        Assert.That(JwtClaims.TryParse(Encoding.UTF8.GetBytes(json), out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(JoseProblemCodes.ClaimsMalformed));
    }

    [Test]
    public void Validate_AllWithinWindow_NoProblems()
    {
        Assert.That(Validate("{\"exp\":1700000100,\"nbf\":1699999000,\"iat\":1699999999}"), Is.Empty);
    }

    [Test]
    public void Validate_ExpiredBeyondSkew_Expired()
    {
        var problems = Validate("{\"exp\":1699999940}");
        Assert.That(problems.Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.Expired }));
    }

    [Test]
    public void Validate_ExpiredWithinSkew_Accepted()
    {
        Assert.That(Validate("{\"exp\":1699999941}"), Is.Empty);
    }

    [Test]
    public void Validate_ExpiredWithZeroSkew_ExpiredAtExactExp()
    {
        var options = new JwtValidationOptions { ClockSkew = TimeSpan.Zero };
        Assert.That(Validate("{\"exp\":1700000000}", options).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.Expired }));
        Assert.That(Validate("{\"exp\":1700000001}", options), Is.Empty);
    }

    [Test]
    public void Validate_NotBeforeInFuture_NotYetValid()
    {
        Assert.That(Validate("{\"nbf\":1700000061}").Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.NotYetValid }));
        Assert.That(Validate("{\"nbf\":1700000060}"), Is.Empty);
    }

    [Test]
    public void Validate_IssuedInFuture_IssuedInTheFuture()
    {
        Assert.That(Validate("{\"iat\":1700000061}").Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.IssuedInTheFuture }));
        Assert.That(Validate("{\"iat\":1700000060}"), Is.Empty);
    }

    [Test]
    public void Validate_DatesAtDateTimeOffsetLimits_NoOverflow()
    {
        var options = new JwtValidationOptions { MaxAge = TimeSpan.FromDays(1) };
        Assert.That(Validate("{\"exp\":253402300799,\"nbf\":-62135596800}", options).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.IssuedAtMissing }));
        Assert.That(Validate("{\"nbf\":253402300799,\"iat\":253402300799}").Select(p => p.Code),
            Is.EquivalentTo(new[] { JoseProblemCodes.NotYetValid, JoseProblemCodes.IssuedInTheFuture }));
        Assert.That(Validate("{\"exp\":-62135596800,\"iat\":-62135596800}", options).Select(p => p.Code),
            Is.EquivalentTo(new[] { JoseProblemCodes.Expired, JoseProblemCodes.TooOld }));
    }

    [Test]
    public void Validate_ClockAdvances_FollowsInjectedTimeProvider()
    {
        var clock = Clock();
        var options = new JwtValidationOptions();
        var claims = Parse("{\"exp\":1700000100}");
        Assert.That(JwtValidator.Validate(claims, options, clock), Is.Empty);
        clock.Advance(TimeSpan.FromSeconds(160));
        Assert.That(JwtValidator.Validate(claims, options, clock).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.Expired }));
    }

    [Test]
    public void ClockSkew_AboveFiveMinutes_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JwtValidationOptions { ClockSkew = TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JwtValidationOptions { ClockSkew = TimeSpan.FromSeconds(-1) });
        Assert.That(new JwtValidationOptions { ClockSkew = TimeSpan.FromMinutes(5) }.ClockSkew, Is.EqualTo(JwtValidationOptions.MaxClockSkew));
    }

    [Test]
    public void ClockSkew_Default_Is60Seconds()
    {
        Assert.That(new JwtValidationOptions().ClockSkew, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Validate_RequireExpirationWithoutExp_ExpirationMissing()
    {
        var options = new JwtValidationOptions { RequireExpirationTime = true };
        Assert.That(Validate("{}", options).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.ExpirationMissing }));
    }

    [Test]
    public void Validate_RequireIssuedAtWithoutIat_IssuedAtMissing()
    {
        var options = new JwtValidationOptions { RequireIssuedAt = true };
        Assert.That(Validate("{}", options).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.IssuedAtMissing }));
    }

    [Test]
    public void Validate_IatOlderThanMaxAge_TooOld()
    {
        var options = new JwtValidationOptions { MaxAge = TimeSpan.FromMinutes(5) };
        Assert.That(Validate("{\"iat\":1699999639}", options).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.TooOld }));
        Assert.That(Validate("{\"iat\":1699999640}", options), Is.Empty);
        Assert.That(Validate("{}", options).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.IssuedAtMissing }));
    }

    [TestCase("{\"aud\":\"https://verifier.example\"}", true)]
    [TestCase("{\"aud\":[\"other\",\"https://verifier.example\"]}", true)]
    [TestCase("{\"aud\":\"https://VERIFIER.example\"}", false)]
    [TestCase("{\"aud\":[]}", false)]
    [TestCase("{}", false)]
    public void Validate_ExpectedAudience_ChecksMembership(string json, bool accepted)
    {
        var options = new JwtValidationOptions { ExpectedAudience = "https://verifier.example" };
        var problems = Validate(json, options);
        Assert.That(problems.Any(p => p.Code == JoseProblemCodes.WrongAudience), Is.EqualTo(!accepted));
    }

    [Test]
    public void Validate_WrongIssuerNonceSubject_OneProblemEach()
    {
        var options = new JwtValidationOptions
        {
            ExpectedIssuer = "did:example:issuer",
            ExpectedNonce = "n-0S6_WzA2Mj",
            ExpectedSubject = "did:example:holder",
        };
        var problems = Validate("{\"iss\":\"did:example:other\",\"nonce\":\"replayed\",\"sub\":\"did:example:x\"}", options);
        Assert.That(problems.Select(p => p.Code), Is.EquivalentTo(new[] { JoseProblemCodes.WrongIssuer, JoseProblemCodes.WrongNonce, JoseProblemCodes.WrongSubject }));
        Assert.That(Validate("{\"iss\":\"did:example:issuer\",\"nonce\":\"n-0S6_WzA2Mj\",\"sub\":\"did:example:holder\"}", options), Is.Empty);
    }

    [Test]
    public void Validate_MissingNonceWhenExpected_WrongNonce()
    {
        var options = new JwtValidationOptions { ExpectedNonce = "n" };
        Assert.That(Validate("{}", options).Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.WrongNonce }));
    }

    [Test]
    public void Validate_Utf8Overload_ReturnsParseProblem()
    {
        var problems = JwtValidator.Validate("{\"exp\":\"soon\"}"u8, new JwtValidationOptions(), out var claims);
        Assert.That(claims, Is.Null);
        Assert.That(problems.Select(p => p.Code), Is.EqualTo(new[] { JoseProblemCodes.ClaimsMalformed }));
    }
}
