namespace Rayray.Tests.Reliability;

/// <summary>
/// Tests that measure the process's memory: they run alone, after the parallel tests, so no other test's
/// allocations count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryBoundedScans
{
    public const string Name = "memory-bounded scans";
}
