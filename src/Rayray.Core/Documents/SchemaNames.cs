namespace Rayray.Core.Documents;

/// <summary>The words the schema uses for kinds, statuses and stack roles, as stored and as typed in queries.</summary>
public static class SchemaNames
{
    public static string Of(MediaKind kind) => kind switch
    {
        MediaKind.Image => "image",
        MediaKind.Video => "video",
        MediaKind.Audio => "audio",
        _ => "other",
    };

    public static string Of(DocumentStatus status) => status switch
    {
        DocumentStatus.Invalid => "invalid",
        DocumentStatus.Missing => "missing",
        _ => "indexed",
    };

    public static string Of(StackRole role) => role switch
    {
        StackRole.Raw => "raw",
        StackRole.Burst => "burst",
        StackRole.Edit => "edit",
        _ => "primary",
    };

    public static StackRole StackRoleFrom(string text) => text switch
    {
        "raw" => StackRole.Raw,
        "burst" => StackRole.Burst,
        "edit" => StackRole.Edit,
        _ => StackRole.Primary,
    };

    public static MediaKind KindFrom(string text) => text switch
    {
        "image" => MediaKind.Image,
        "video" => MediaKind.Video,
        "audio" => MediaKind.Audio,
        _ => MediaKind.Other,
    };

    public static DocumentStatus StatusFrom(string text) => text switch
    {
        "invalid" => DocumentStatus.Invalid,
        "missing" => DocumentStatus.Missing,
        _ => DocumentStatus.Indexed,
    };
}
