namespace Rayray.Mongo.Connection;

/// <summary>
/// A connection string that cannot be used: bad syntax, contradictory options, credentials the
/// authentication specification rejects, or a mongodb+srv name whose DNS records are missing or
/// unacceptable. The message says what is wrong and never contains the password.
/// </summary>
public sealed class MongoUrlException : Exception
{
    public MongoUrlException()
    {
    }

    public MongoUrlException(string message)
        : base(message)
    {
    }

    public MongoUrlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
