namespace Rayray.Mongo.Client;

/// <summary>The server could not be reached, or the connection broke or timed out during a command.</summary>
public sealed class MongoConnectionException : MongoException
{
    public MongoConnectionException() { }

    public MongoConnectionException(string message) : base(message) { }

    public MongoConnectionException(string message, Exception? innerException) : base(message, innerException) { }
}
