namespace Rayray.Mongo.Bson;

/// <summary>Bytes or JSON that are not valid BSON / Extended JSON; the message says what is wrong and where.</summary>
public sealed class BsonFormatException : FormatException
{
    public BsonFormatException() { }
    public BsonFormatException(string message) : base(message) { }
    public BsonFormatException(string message, Exception innerException) : base(message, innerException) { }
}
