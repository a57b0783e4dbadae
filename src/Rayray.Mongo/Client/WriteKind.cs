namespace Rayray.Mongo.Client;

/// <summary>The three write commands and the name of the document sequence each carries its statements in.</summary>
public enum WriteKind
{
    Insert,
    Update,
    Delete,
}

internal static class WriteKindNames
{
    public static string CommandName(this WriteKind kind) => kind switch
    {
        WriteKind.Insert => "insert",
        WriteKind.Update => "update",
        _ => "delete",
    };

    public static string SequenceName(this WriteKind kind) => kind switch
    {
        WriteKind.Insert => "documents",
        WriteKind.Update => "updates",
        _ => "deletes",
    };
}
