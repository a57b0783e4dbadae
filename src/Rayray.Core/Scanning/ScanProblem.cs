namespace Rayray.Core.Scanning;

/// <summary>A file or folder the scan could not handle fully, and why.</summary>
public sealed record ScanProblem(string Path, string Reason);
