using System.Text;
using DidSdk.Core.Jose;

namespace DidSdk.Core.Tests.Jose;

public class NumericDateTests
{
    [TestCase(0d, 0L)]
    [TestCase(1_700_000_000d, 1_700_000_000L * TimeSpan.TicksPerSecond)]
    [TestCase(1.5d, 15_000_000L)]
    [TestCase(-0.25d, -2_500_000L)]
    [TestCase(-62135596800d, -62135596800L * TimeSpan.TicksPerSecond)]
    [TestCase(253402300799d, 253402300799L * TimeSpan.TicksPerSecond)]
    public void TryConvertNumericDate_InRange_TicksSinceEpoch(double seconds, long ticks)
    {
        Assert.That(JwtClaims.TryConvertNumericDate(seconds, out var value), Is.True);
        // A double carries about 16 significant digits: far from the epoch the tick count is approximate.
        Assert.That(value, Is.EqualTo(DateTimeOffset.UnixEpoch.AddTicks(ticks)).Within(TimeSpan.FromMilliseconds(1)));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(-62135596801d)]
    [TestCase(253402300800d)]
    [TestCase(1e20)]
    public void TryConvertNumericDate_NotFiniteOrOutOfRange_False(double seconds)
    {
        Assert.That(JwtClaims.TryConvertNumericDate(seconds, out var value), Is.False);
        Assert.That(value, Is.EqualTo(default(DateTimeOffset)));
    }

    [TestCase("1700000000.25")]
    [TestCase("253402300799")]
    public void TryConvertNumericDate_AgreesWithTheClaimParser(string number)
    {
        Assert.That(JwtClaims.TryParse(Encoding.UTF8.GetBytes("{\"exp\":" + number + "}"), out var claims, out _), Is.True);
        Assert.That(JwtClaims.TryConvertNumericDate(double.Parse(number, System.Globalization.CultureInfo.InvariantCulture), out var value), Is.True);
        Assert.That(claims!.ExpirationTime, Is.EqualTo(value));
    }
}
