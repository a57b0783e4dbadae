namespace Rayray.Core.Documents;

/// <summary>
/// The stack a document belongs to: files shot together (a RAW and its JPEG, a burst, edited copies),
/// which stay documents of their own and share <see cref="Id"/>. Decided by
/// <see cref="Writing.Stacking.StackPlanner"/>; a stack always has two members or more.
/// </summary>
public sealed record StackMembership(string Id, StackRole Role);
