namespace Rayray.Mongo.Client;

/// <summary>
/// Any failure talking to MongoDB. Messages name the server address and the command, never a
/// password or a connection string with credentials.
/// </summary>
public class MongoException : Exception
{
    public MongoException() { }

    public MongoException(string message) : base(message) { }

    public MongoException(string message, Exception? innerException) : base(message, innerException) { }
}
