namespace Rayray.Mongo.Connection;

/// <summary>The value types of connection string options (connection string specification, "Values").</summary>
internal enum UriOptionType
{
    String,
    Boolean,
    Integer,
    OneOf,
    KeyValuePairs,
}
