namespace Rayray.Core.Watching;

/// <summary>What changed under one root since it was last read: the whole root, or these folders and trees.</summary>
/// <param name="Folders">Folders whose own files changed (created, written, renamed, deleted).</param>
/// <param name="Trees">Folders created, moved in, moved away or deleted: everything under them is read again.</param>
public sealed record DueChanges(string Root, bool Whole, IReadOnlyCollection<string> Folders, IReadOnlyCollection<string> Trees);
