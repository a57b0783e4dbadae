using Rayray.Mongo.Auth;

namespace Rayray.Mongo.Tests.Auth;

public class ScramMechanismNamesTests
{
    [Theory]
    [InlineData(ScramMechanism.Sha1, "SCRAM-SHA-1")]
    [InlineData(ScramMechanism.Sha256, "SCRAM-SHA-256")]
    public void Wire_names_round_trip(ScramMechanism mechanism, string wireName)
    {
        Assert.Equal(wireName, mechanism.ToWireName());
        Assert.True(ScramMechanismNames.TryParse(wireName, out var parsed));
        Assert.Equal(mechanism, parsed);
    }

    [Theory]
    [InlineData("scram-sha-256")]
    [InlineData("SCRAM-SHA-512")]
    [InlineData("PLAIN")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_are_not_scram_mechanisms(string? wireName)
    {
        Assert.False(ScramMechanismNames.TryParse(wireName, out _));
    }

    [Fact]
    public void Undefined_mechanism_has_no_wire_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ScramMechanism)7).ToWireName());
    }
}
