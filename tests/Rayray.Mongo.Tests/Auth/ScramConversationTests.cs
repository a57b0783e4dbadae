using System.Text;
using Rayray.Mongo.Auth;

namespace Rayray.Mongo.Tests.Auth;

public class ScramConversationTests
{
    // MongoDB auth specification, "SCRAM-SHA-1" conversation (RFC 5802's example with MongoDB's password digest).
    private const string Sha1ClientNonce = "fyko+d2lbbFgONRv9qkxdawL";
    private const string Sha1ServerFirst = "r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,s=rQ9ZY3MntBeuP3E1TDVC4w==,i=10000";
    private const string Sha1ClientFinal = "c=biws,r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,p=MC2T8BvbmWRckDw8oWl5IVghwCY=";
    private const string Sha1ServerFinal = "v=UMWeI25JD1yNYZRMpZ4VHvhZ9e0=";

    // RFC 7677 section 3, which the MongoDB auth specification repeats for SCRAM-SHA-256.
    private const string Sha256ClientNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string Sha256ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private const string Sha256ClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private const string Sha256ServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private const string Password = "pencil";

    [Fact]
    public void Sha1_conversation_reproduces_the_mongodb_specification_example()
    {
        var conversation = new ScramConversation(ScramMechanism.Sha1, "user", Password, Sha1ClientNonce);

        Assert.Equal("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", Text(conversation.ClientFirstMessage()));
        Assert.Equal(Sha1ClientFinal, Text(conversation.ClientFinalMessage(Bytes(Sha1ServerFirst))));
        Assert.False(conversation.IsComplete);
        conversation.VerifyServerFinal(Bytes(Sha1ServerFinal));
        Assert.True(conversation.IsComplete);
    }

    [Fact]
    public void Sha1_conversation_matches_the_specification_payloads_byte_for_byte()
    {
        // The same conversation as the saslStart/saslContinue BinData payloads the specification shows.
        var conversation = new ScramConversation(ScramMechanism.Sha1, "user", Password, Sha1ClientNonce);

        Assert.Equal("biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM", Convert.ToBase64String(conversation.ClientFirstMessage()));
        var clientFinal = conversation.ClientFinalMessage(Convert.FromBase64String(
            "cj1meWtvK2QybGJiRmdPTlJ2OXFreGRhd0xIbytWZ2s3cXZVT0tVd3VXTElXZzRsLzlTcmFHTUhFRSxzPXJROVpZM01udEJldVAzRTFURFZDNHc9PSxpPTEwMDAw"));
        Assert.Equal(
            "Yz1iaXdzLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdMSG8rVmdrN3F2VU9LVXd1V0xJV2c0bC85U3JhR01IRUUscD1NQzJUOEJ2Ym1XUmNrRHc4b1dsNUlWZ2h3Q1k9",
            Convert.ToBase64String(clientFinal));
        conversation.VerifyServerFinal(Convert.FromBase64String("dj1VTVdlSTI1SkQxeU5ZWlJNcFo0Vkh2aFo5ZTA9"));
        Assert.True(conversation.IsComplete);
    }

    [Fact]
    public void Sha256_conversation_reproduces_rfc7677_example()
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);

        Assert.Equal("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", Text(conversation.ClientFirstMessage()));
        Assert.Equal(Sha256ClientFinal, Text(conversation.ClientFinalMessage(Bytes(Sha256ServerFirst))));
        conversation.VerifyServerFinal(Bytes(Sha256ServerFinal));
        Assert.True(conversation.IsComplete);
    }

    [Fact]
    public void Sha1_uses_the_mongodb_password_digest_and_sha256_the_plain_password()
    {
        // RFC 5802's own example feeds "pencil" to Hi() and gets a different proof; MongoDB's SHA-1 feeds the digest.
        var plainSha1 = ScramKeys.Derive(ScramMechanism.Sha1, Bytes(Password), Convert.FromBase64String("QSXCR+Q6sek8bf92"), 4096);
        var mongoSha1 = ScramKeys.Derive(ScramMechanism.Sha1, ScramPasswordInput.For(ScramMechanism.Sha1, "user", Password),
            Convert.FromBase64String("QSXCR+Q6sek8bf92"), 4096);
        Assert.NotEqual(plainSha1.ClientKey, mongoSha1.ClientKey);

        Assert.Equal("1c33006ec1ffd90f9cadcbcc0e118200"u8.ToArray(), ScramPasswordInput.For(ScramMechanism.Sha1, "user", Password));
        Assert.Equal(Bytes(Password), ScramPasswordInput.For(ScramMechanism.Sha256, "user", Password));
    }

    [Theory]
    [InlineData(ScramMechanism.Sha1, Sha1ClientNonce, Sha1ServerFirst, "v=UMWeI25JD1yNYZRMpZ4VHvhZ9f0=")]
    [InlineData(ScramMechanism.Sha256, Sha256ClientNonce, Sha256ServerFirst, "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95H4=")]
    [InlineData(ScramMechanism.Sha256, Sha256ClientNonce, Sha256ServerFirst, Sha1ServerFinal)]
    [InlineData(ScramMechanism.Sha256, Sha256ClientNonce, Sha256ServerFirst, "v=")]
    [InlineData(ScramMechanism.Sha256, Sha256ClientNonce, Sha256ServerFirst, "v=not base64!")]
    public void Wrong_server_signature_is_rejected(ScramMechanism mechanism, string clientNonce, string serverFirst, string serverFinal)
    {
        var conversation = new ScramConversation(mechanism, "user", Password, clientNonce);
        conversation.ClientFirstMessage();
        conversation.ClientFinalMessage(Bytes(serverFirst));

        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.VerifyServerFinal(Bytes(serverFinal)));

        Assert.Contains("the server's signature did not match — the server may not know this password or is not who it claims", error.Message);
        Assert.False(conversation.IsComplete);
    }

    [Fact]
    public void Server_signature_for_a_different_password_is_rejected()
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", "pencil2", Sha256ClientNonce);
        conversation.ClientFirstMessage();
        Assert.NotEqual(Sha256ClientFinal, Text(conversation.ClientFinalMessage(Bytes(Sha256ServerFirst))));

        Assert.Throws<MongoAuthenticationException>(() => conversation.VerifyServerFinal(Bytes(Sha256ServerFinal)));
    }

    [Fact]
    public void Server_error_in_the_final_message_is_raised_with_the_servers_text()
    {
        var conversation = StartedSha256Conversation();

        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.VerifyServerFinal(Bytes("e=invalid-proof")));

        Assert.Contains("the server reported the error 'invalid-proof'", error.Message);
        Assert.Equal(ScramMechanism.Sha256, error.Mechanism);
        Assert.Equal("user", error.Username);
    }

    [Fact]
    public void Server_nonce_that_does_not_extend_the_client_nonce_is_rejected()
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);
        conversation.ClientFirstMessage();

        var error = Assert.Throws<MongoAuthenticationException>(() =>
            conversation.ClientFinalMessage(Bytes("r=XOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")));

        Assert.Contains("the server's nonce does not extend the client's nonce", error.Message);
    }

    [Theory]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")] // nothing added by the server
    [InlineData("r=rOprNGfwEbeRWgbNEk,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")] // shorter than ours
    [InlineData("r=rOprNGfwEbeRWgbNEkqo%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")] // case differs
    public void Server_nonce_must_be_the_client_nonce_plus_the_servers_own(string serverFirst)
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);
        conversation.ClientFirstMessage();

        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.ClientFinalMessage(Bytes(serverFirst)));

        Assert.Contains("nonce", error.Message);
    }

    [Theory]
    [InlineData(ScramMechanism.Sha1, 1000)]
    [InlineData(ScramMechanism.Sha256, 4095)]
    [InlineData(ScramMechanism.Sha256, 1)]
    public void Iteration_count_below_4096_is_rejected(ScramMechanism mechanism, int iterations)
    {
        var conversation = new ScramConversation(mechanism, "user", Password, Sha256ClientNonce);
        conversation.ClientFirstMessage();

        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.ClientFinalMessage(
            Bytes($"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i={iterations}")));

        Assert.Contains($"iteration count {iterations} is below the minimum 4096", error.Message);
        Assert.Equal(mechanism, error.Mechanism);
    }

    [Fact]
    public void Iteration_count_of_exactly_4096_is_accepted()
    {
        var conversation = StartedSha256Conversation();

        Assert.False(conversation.IsComplete);
    }

    [Theory]
    [InlineData("m=future,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "mandatory extension")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,m=late", "mandatory extension")]
    [InlineData("s=W22ZaJ0SNY7soEsUEjb6gQ==,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,i=4096", "r, s and i attributes in that order")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==", "r, s and i attributes in that order")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,", "not name=value attributes")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,salt=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "not name=value attributes")]
    [InlineData("", "not name=value attributes")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7so EsUEjb6gQ==,i=4096", "salt")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=,i=4096", "salt")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ,i=4096", "salt")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=04096", "iteration count")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=+4096", "iteration count")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-4096", "iteration count")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999", "iteration count")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=", "iteration count")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqO\u00E9,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "nonce contains characters")]
    public void Malformed_server_first_message_is_rejected(string serverFirst, string expectedReason)
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);
        conversation.ClientFirstMessage();

        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.ClientFinalMessage(Bytes(serverFirst)));

        Assert.Contains(expectedReason, error.Message);
    }

    [Fact]
    public void Optional_extensions_after_the_iteration_count_are_ignored_but_signed()
    {
        var serverFirst = Sha256ServerFirst + ",x=extra";
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);
        conversation.ClientFirstMessage();

        var clientFinal = Text(conversation.ClientFinalMessage(Bytes(serverFirst)));

        // The AuthMessage covers the whole server-first-message, so the proof differs from the plain example.
        Assert.StartsWith("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=", clientFinal);
        Assert.NotEqual(Sha256ClientFinal, clientFinal);
    }

    [Fact]
    public void Server_message_that_is_not_utf8_is_rejected()
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);
        conversation.ClientFirstMessage();

        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.ClientFinalMessage([0x72, 0x3D, 0xFF, 0xFE]));

        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Theory]
    [InlineData("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=,m=more", "mandatory extension")]
    [InlineData("x=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", "neither a signature")]
    [InlineData("", "not name=value attributes")]
    public void Malformed_server_final_message_is_rejected(string serverFinal, string expectedReason)
    {
        var conversation = StartedSha256Conversation();

        var error = Assert.Throws<MongoAuthenticationException>(() => conversation.VerifyServerFinal(Bytes(serverFinal)));

        Assert.Contains(expectedReason, error.Message);
    }

    [Fact]
    public void Server_final_message_may_carry_extensions_after_the_signature()
    {
        var conversation = StartedSha256Conversation();

        conversation.VerifyServerFinal(Bytes(Sha256ServerFinal + ",x=whatever"));

        Assert.True(conversation.IsComplete);
    }

    [Theory]
    [InlineData("user=name", "n,,n=user=3Dname,r=abc")]
    [InlineData("a,b", "n,,n=a=2Cb,r=abc")]
    [InlineData("=,=", "n,,n==3D=2C=3D,r=abc")]
    [InlineData("=2C", "n,,n==3D2C,r=abc")]
    public void Username_escapes_equals_and_comma(string username, string expectedClientFirst)
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, username, Password, "abc");

        Assert.Equal(expectedClientFirst, Text(conversation.ClientFirstMessage()));
    }

    [Theory]
    [InlineData("\u2168")]
    [InlineData("I\u00ADX")]
    [InlineData("\u00AA")]
    public void Username_is_sent_as_given_without_saslprep(string username)
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, username, Password, "abc");

        Assert.Equal("n,,n=" + username + ",r=abc", Text(conversation.ClientFirstMessage()));
    }

    [Fact]
    public void Escaped_username_goes_into_the_auth_message()
    {
        var plain = Proof(new ScramConversation(ScramMechanism.Sha256, "us,er", Password, Sha256ClientNonce));
        var other = Proof(new ScramConversation(ScramMechanism.Sha256, "us=2Cer", Password, Sha256ClientNonce));

        Assert.NotEqual(plain, other);
    }

    [Fact]
    public void Random_client_nonce_is_24_bytes_of_base64_and_fresh_each_time()
    {
        var first = Text(new ScramConversation(ScramMechanism.Sha256, "user", Password).ClientFirstMessage());
        var second = Text(new ScramConversation(ScramMechanism.Sha256, "user", Password).ClientFirstMessage());

        var nonce = first["n,,n=user,r=".Length..];
        Assert.Equal(24, Convert.FromBase64String(nonce).Length);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b")]
    [InlineData("a b")]
    [InlineData("caf\u00E9")]
    public void Client_nonce_must_be_printable_ascii_without_commas(string clientNonce)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScramConversation(ScramMechanism.Sha256, "user", Password, clientNonce));

        Assert.Equal("clientNonce", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("us\0er")]
    public void Unusable_username_is_refused(string username)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScramConversation(ScramMechanism.Sha256, username, Password));

        Assert.Equal("username", error.ParamName);
    }

    [Fact]
    public void Username_with_an_unpaired_surrogate_is_refused()
    {
        // Built here: an attribute argument cannot carry a lone surrogate (metadata stores it as UTF-8).
        var username = "us" + '\uD800' + "er";

        var error = Assert.Throws<ArgumentException>(() => new ScramConversation(ScramMechanism.Sha1, username, Password));

        Assert.Equal("username", error.ParamName);
    }

    [Theory]
    [InlineData(ScramMechanism.Sha1)]
    [InlineData(ScramMechanism.Sha256)]
    public void Password_with_an_unpaired_surrogate_is_refused_without_quoting_it(ScramMechanism mechanism)
    {
        var password = "secret" + '\uDC00' + "word";

        var error = Assert.Throws<ArgumentException>(() => new ScramConversation(mechanism, "user", password));

        Assert.Equal("password", error.ParamName);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void Sha256_password_that_saslprep_refuses_is_reported_by_position_and_rule_only()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScramConversation(ScramMechanism.Sha256, "user", "secret\u0007word"));

        Assert.Equal("password", error.ParamName);
        Assert.Contains("character 7", error.Message);
        Assert.Contains("C.2.1", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void Sha1_does_not_saslprep_the_password()
    {
        // A control character is fine for SCRAM-SHA-1: the password only feeds MongoDB's MD5 digest.
        var conversation = new ScramConversation(ScramMechanism.Sha1, "user", "pen\u0007cil", Sha1ClientNonce);
        conversation.ClientFirstMessage();

        Assert.NotEqual(Sha1ClientFinal, Text(conversation.ClientFinalMessage(Bytes(Sha1ServerFirst))));
    }

    [Fact]
    public void Error_messages_never_contain_the_password()
    {
        const string password = "Tr0ub4dor&3-hunter2";
        var failures = new List<Exception>();
        foreach (var (serverFirst, serverFinal) in new[]
        {
            ("r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000", ""),
            ("r=other,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", ""),
            ("m=x,r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", ""),
            ("r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="),
            ("r=rOprNGfwEbeRWgbNEkqO%hv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "e=other-error"),
        })
        {
            foreach (var mechanism in new[] { ScramMechanism.Sha1, ScramMechanism.Sha256 })
            {
                var conversation = new ScramConversation(mechanism, "user", password, Sha256ClientNonce);
                conversation.ClientFirstMessage();
                failures.Add(Assert.Throws<MongoAuthenticationException>(() =>
                {
                    conversation.ClientFinalMessage(Bytes(serverFirst));
                    conversation.VerifyServerFinal(Bytes(serverFinal));
                }));
            }
        }

        Assert.Equal(10, failures.Count);
        Assert.All(failures, failure =>
        {
            Assert.DoesNotContain(password, failure.ToString());
            Assert.Contains("authentication of user 'user' failed: ", failure.Message);
        });
    }

    [Fact]
    public void Steps_must_come_in_order_once_each()
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);

        Assert.Throws<InvalidOperationException>(() => conversation.ClientFinalMessage(Bytes(Sha256ServerFirst)));
        Assert.Throws<InvalidOperationException>(() => conversation.VerifyServerFinal(Bytes(Sha256ServerFinal)));
        conversation.ClientFirstMessage();
        Assert.Throws<InvalidOperationException>(() => conversation.ClientFirstMessage());
        conversation.ClientFinalMessage(Bytes(Sha256ServerFirst));
        Assert.Throws<InvalidOperationException>(() => conversation.ClientFinalMessage(Bytes(Sha256ServerFirst)));
        conversation.VerifyServerFinal(Bytes(Sha256ServerFinal));
        Assert.Throws<InvalidOperationException>(() => conversation.VerifyServerFinal(Bytes(Sha256ServerFinal)));
        Assert.True(conversation.IsComplete);
    }

    [Fact]
    public void Failed_conversation_cannot_continue()
    {
        var conversation = StartedSha256Conversation();
        Assert.Throws<MongoAuthenticationException>(() => conversation.VerifyServerFinal(Bytes("e=invalid-proof")));

        var error = Assert.Throws<InvalidOperationException>(() => conversation.VerifyServerFinal(Bytes(Sha256ServerFinal)));

        Assert.Contains("already failed", error.Message);
        Assert.False(conversation.IsComplete);
    }

    [Fact]
    public void Key_cache_reuses_keys_for_the_same_password_salt_and_iterations()
    {
        var cache = new ScramKeyCache();

        var first = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce, cache);
        first.ClientFirstMessage();
        Assert.Equal(Sha256ClientFinal, Text(first.ClientFinalMessage(Bytes(Sha256ServerFirst))));
        var second = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce, cache);
        second.ClientFirstMessage();
        Assert.Equal(Sha256ClientFinal, Text(second.ClientFinalMessage(Bytes(Sha256ServerFirst))));
        second.VerifyServerFinal(Bytes(Sha256ServerFinal));

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Key_cache_keeps_different_passwords_salts_iterations_and_mechanisms_apart()
    {
        var cache = new ScramKeyCache();
        var salt = Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==");
        var otherSalt = Convert.FromBase64String("QSXCR+Q6sek8bf92");

        var keys = new[]
        {
            cache.GetOrDerive(ScramMechanism.Sha256, Bytes("pencil"), salt, 4096),
            cache.GetOrDerive(ScramMechanism.Sha256, Bytes("pencil2"), salt, 4096),
            cache.GetOrDerive(ScramMechanism.Sha256, Bytes("pencil"), otherSalt, 4096),
            cache.GetOrDerive(ScramMechanism.Sha256, Bytes("pencil"), salt, 4097),
            cache.GetOrDerive(ScramMechanism.Sha1, Bytes("pencil"), salt, 4096),
        };

        Assert.Equal(5, cache.Count);
        Assert.Equal(5, keys.Select(k => Convert.ToBase64String(k.ClientKey)).Distinct().Count());
        Assert.Same(keys[0], cache.GetOrDerive(ScramMechanism.Sha256, Bytes("pencil"), salt, 4096));
    }

    [Fact]
    public void Key_cache_for_sha1_tells_users_with_the_same_password_apart()
    {
        // SCRAM-SHA-1's password input is a digest over user name and password, so users must not share keys.
        var cache = new ScramKeyCache();

        var alice = Proof(new ScramConversation(ScramMechanism.Sha1, "alice", Password, Sha1ClientNonce, cache), Sha1ServerFirst);
        var bob = Proof(new ScramConversation(ScramMechanism.Sha1, "bob", Password, Sha1ClientNonce, cache), Sha1ServerFirst);

        Assert.NotEqual(alice, bob);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Key_cache_stays_small()
    {
        var cache = new ScramKeyCache();
        var salt = Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==");

        for (var iterations = 4096; iterations < 4096 + 40; iterations++)
            cache.GetOrDerive(ScramMechanism.Sha256, Bytes("pencil"), salt, iterations);

        Assert.InRange(cache.Count, 1, 16);
        cache.Clear();
        Assert.Equal(0, cache.Count);
    }

    private static ScramConversation StartedSha256Conversation()
    {
        var conversation = new ScramConversation(ScramMechanism.Sha256, "user", Password, Sha256ClientNonce);
        conversation.ClientFirstMessage();
        conversation.ClientFinalMessage(Bytes(Sha256ServerFirst));
        return conversation;
    }

    private static string Proof(ScramConversation conversation, string serverFirst = Sha256ServerFirst)
    {
        conversation.ClientFirstMessage();
        var clientFinal = Text(conversation.ClientFinalMessage(Bytes(serverFirst)));
        return clientFinal[(clientFinal.IndexOf(",p=", StringComparison.Ordinal) + 3)..];
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
