using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Client;

/// <summary>The server answered a command with <c>ok: 0</c>. The message quotes its code and errmsg.</summary>
public sealed class MongoCommandException : MongoException
{
    public MongoCommandException() { }

    public MongoCommandException(string message) : base(message) { }

    public MongoCommandException(string message, Exception? innerException) : base(message, innerException) { }

    public MongoCommandException(string address, string commandName, BsonDocument reply)
        : base(Describe(address, commandName, reply))
    {
        Address = address;
        CommandName = commandName;
        Reply = reply;
        Code = reply.GetValueOrDefault("code") is { IsNumeric: true } code ? (int)code.ToInt64() : 0;
        CodeName = reply.GetValueOrDefault("codeName") is BsonString name ? name.Value : null;
        ServerMessage = reply.GetValueOrDefault("errmsg") is BsonString text ? text.Value : "";
    }

    public string Address { get; } = "";
    public string CommandName { get; } = "";
    public int Code { get; }
    public string? CodeName { get; }
    public string ServerMessage { get; } = "";
    public BsonDocument Reply { get; } = new();

    /// <summary>The server is no longer (or not) the primary: re-discover and retry an idempotent write.</summary>
    public bool IsNotWritablePrimary => MongoErrorCodes.IsNotWritablePrimary(Code, ServerMessage);

    private static string Describe(string address, string commandName, BsonDocument reply)
    {
        var code = reply.GetValueOrDefault("code") is { IsNumeric: true } c ? $" (code {c.ToInt64()}" + (reply.GetValueOrDefault("codeName") is BsonString n ? $" {n.Value})" : ")") : "";
        var message = reply.GetValueOrDefault("errmsg") is BsonString text ? text.Value : "no error message";
        return $"MongoDB at {address} refused '{commandName}': {message}{code}";
    }
}
