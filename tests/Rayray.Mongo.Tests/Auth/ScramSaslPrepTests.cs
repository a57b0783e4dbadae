using System.Text;
using Rayray.Mongo.Auth;

namespace Rayray.Mongo.Tests.Auth;

/// <summary>
/// The MongoDB auth specification's SCRAM-SHA-256 SASLprep test (Test Plan, step 4) needs a server; without one, these
/// show that each password form the test uses derives the same keys as its SASLprep'ed form.
/// </summary>
public class ScramSaslPrepTests
{
    private const string ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    [Theory]
    [InlineData("IX", "IX", "IX")] // user "IX", password "IX"
    [InlineData("IX", "I\u00ADX", "IX")]
    [InlineData("\u2168", "IV", "\u2163")] // user ROMAN NUMERAL NINE, created with password ROMAN NUMERAL FOUR
    [InlineData("\u2168", "I\u00ADV", "\u2163")]
    public void Spec_password_forms_derive_the_same_keys_as_the_stored_password(string username, string password, string storedPassword)
    {
        var salt = Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==");

        var typed = ScramKeys.Derive(ScramMechanism.Sha256, ScramPasswordInput.For(ScramMechanism.Sha256, username, password), salt, 4096);
        var stored = ScramKeys.Derive(ScramMechanism.Sha256, Encoding.UTF8.GetBytes(SaslPrep.Prepare(storedPassword)), salt, 4096);

        Assert.Equal(stored.ClientKey, typed.ClientKey);
        Assert.Equal(stored.ServerKey, typed.ServerKey);
    }

    [Theory]
    [InlineData("IX", "I\u00ADX")]
    [InlineData("IX", "\u2168")]
    [InlineData("\u2163", "IV")]
    [InlineData("\u2163", "I\u00ADV")]
    public void Equivalent_passwords_produce_identical_client_proofs(string password, string equivalentPassword)
    {
        Assert.Equal(ClientFinal("user", password), ClientFinal("user", equivalentPassword));
    }

    [Fact]
    public void Sha256_keys_do_not_depend_on_the_username_but_the_client_first_message_does()
    {
        // Keys come from the password alone; the user name only enters the AuthMessage, raw and escaped.
        Assert.NotEqual(ClientFinal("IX", "IX"), ClientFinal("\u2168", "IX"));
        Assert.Equal(
            ScramPasswordInput.For(ScramMechanism.Sha256, "IX", "IX"),
            ScramPasswordInput.For(ScramMechanism.Sha256, "\u2168", "IX"));
    }

    private static string ClientFinal(string username, string password)
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, username, password, "rOprNGfwEbeRWgbNEkqO");
        conversation.ClientFirstMessage();
        return Encoding.UTF8.GetString(conversation.ClientFinalMessage(Encoding.UTF8.GetBytes(ServerFirst)));
    }
}
