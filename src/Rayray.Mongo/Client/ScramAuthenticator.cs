using Rayray.Mongo.Auth;
using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Client;

/// <summary>
/// Runs a SCRAM conversation over <c>saslStart</c>/<c>saslContinue</c> on a fresh connection
/// (auth spec): SCRAM-SHA-256 when the server offers it for this user, else SCRAM-SHA-1. Asks to skip
/// the empty last round; servers before 4.4 ignore that and get one.
/// </summary>
internal static class ScramAuthenticator
{
    private const int MaxRounds = 10;

    public static async Task AuthenticateAsync(MongoConnection connection, MongoCredential credential, ScramKeyCache? keys, CancellationToken cancellationToken)
    {
        var mechanism = ChooseMechanism(credential, connection.Hello);
        var where = $"MongoDB at {connection.Address}, authSource {credential.Source}";
        try
        {
            var conversation = new ScramConversation(mechanism, credential.Username, credential.Password, keyCache: keys);
            var reply = await connection.RunCommandAsync(credential.Source, new BsonDocument
            {
                { "saslStart", 1 },
                { "mechanism", mechanism.ToWireName() },
                { "payload", new BsonBinary(0, conversation.ClientFirstMessage()) },
                { "options", new BsonDocument("skipEmptyExchange", true) },
            }, null, cancellationToken);
            var conversationId = reply["conversationId"];

            reply = await ContinueAsync(connection, credential, conversationId, conversation.ClientFinalMessage(Payload(reply)), cancellationToken);
            conversation.VerifyServerFinal(Payload(reply));

            for (var round = 0; !reply.GetValueOrDefault("done")?.ToBoolean() ?? true; round++)
            {
                if (round == MaxRounds)
                    throw new MongoAuthenticationException($"{mechanism.ToWireName()} authentication of user '{credential.Username}' did not finish after {MaxRounds} rounds ({where})", mechanism, credential.Username);
                reply = await ContinueAsync(connection, credential, conversationId, [], cancellationToken);
            }
        }
        catch (MongoCommandException ex)
        {
            throw new MongoAuthenticationException(
                $"{where} refused user '{credential.Username}' ({mechanism.ToWireName()}): {ex.ServerMessage} (code {ex.Code}). Check the user name, the password and authSource.",
                mechanism, credential.Username, ex);
        }
        catch (MongoAuthenticationException ex) when (!ex.Message.Contains(where, StringComparison.Ordinal))
        {
            throw new MongoAuthenticationException($"{ex.Message} ({where})", mechanism, credential.Username, ex);
        }
        catch (ArgumentException ex)
        {
            // The conversation refuses a user name or password it cannot prepare (SASLprep); its message never quotes the value.
            throw new MongoAuthenticationException($"cannot authenticate user '{credential.Username}' ({where}): {ex.Message}", mechanism, credential.Username, ex);
        }
        catch (KeyNotFoundException ex)
        {
            throw new MongoAuthenticationException($"{where} sent an incomplete SASL reply for user '{credential.Username}': {ex.Message}", mechanism, credential.Username, ex);
        }
    }

    internal static ScramMechanism ChooseMechanism(MongoCredential credential, HelloResult hello)
    {
        switch (credential.Mechanism?.ToUpperInvariant())
        {
            case "SCRAM-SHA-256":
                return ScramMechanism.Sha256;
            case "SCRAM-SHA-1":
                return ScramMechanism.Sha1;
            case null or "" or "DEFAULT":
                return hello.SaslSupportedMechanisms?.Contains("SCRAM-SHA-256") == true ? ScramMechanism.Sha256 : ScramMechanism.Sha1;
            default:
                throw new MongoAuthenticationException(
                    $"authMechanism={credential.Mechanism} is not supported by rayray; use SCRAM-SHA-256 or SCRAM-SHA-1", ScramMechanism.Sha256, credential.Username);
        }
    }

    private static Task<BsonDocument> ContinueAsync(MongoConnection connection, MongoCredential credential, BsonValue conversationId, byte[] payload, CancellationToken cancellationToken) =>
        connection.RunCommandAsync(credential.Source, new BsonDocument
        {
            { "saslContinue", 1 },
            { "conversationId", conversationId },
            { "payload", new BsonBinary(0, payload) },
        }, null, cancellationToken);

    private static byte[] Payload(BsonDocument reply) =>
        reply.GetValueOrDefault("payload") is BsonBinary binary ? binary.Bytes : throw new KeyNotFoundException("no binary payload");
}
