using Rayray.Testing;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// A theory over ../shared that also needs dnsmasq: <see cref="SharedCorpusTheoryAttribute"/> and
/// <see cref="RequiresToolTheoryAttribute"/> together. Skipped with the reason on a machine without
/// either; under CI (CI=true) it runs, and fails when one is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SeedlistVectorTheoryAttribute : TheoryAttribute
{
    public SeedlistVectorTheoryAttribute()
    {
        if (ExternalTool.IsCi)
            return;
        if (RepoPaths.Shared is null)
            Skip = "needs ../shared beside the clone (present in CI and on the team's machines)";
        else if (ExternalTool.Find("dnsmasq") is null)
            Skip = "needs dnsmasq (not installed here; CI installs it)";
    }
}
