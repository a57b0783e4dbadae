namespace Rayray.Mongo.Auth;

/// <summary>
/// Authentication with the server failed, or could not be completed safely. The message says what went wrong and never
/// contains the password or anything derived from it.
/// </summary>
public sealed class MongoAuthenticationException : Exception
{
    public MongoAuthenticationException()
        : this("Authentication with the MongoDB server failed.")
    {
    }

    public MongoAuthenticationException(string message)
        : base(message)
    {
    }

    public MongoAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MongoAuthenticationException(string message, ScramMechanism mechanism, string username, Exception? innerException = null)
        : base(message, innerException)
    {
        Mechanism = mechanism;
        Username = username;
    }

    /// <summary>The mechanism of the failed conversation, when known.</summary>
    public ScramMechanism? Mechanism { get; }

    /// <summary>The user name as given (user names are not secret), when known.</summary>
    public string? Username { get; }
}
