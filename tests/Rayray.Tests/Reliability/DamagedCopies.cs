using Rayray.Core.Documents;
using Rayray.Tests.Scanning;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Reliability;

/// <summary>
/// A library of damaged copies of real files, with intact files between them, scanned in one scan and checked
/// file by file: every copy gets a document, a copy cut before its structure ends is invalid, an invalid
/// document says why in errors[0], the summary counts every invalid file, no file takes longer than the
/// per-file budget, and the intact files are indexed. Every broken rule is reported, not just the first.
/// </summary>
internal sealed class DamagedCopies(FixtureLibrary library)
{
    private readonly List<(string Path, HostileMutation Mutation)> _copies = [];
    private readonly List<string> _intact = [];

    public int Count => _copies.Count;

    /// <summary>Adds the damaged copies of one file as <c>{folder}/{name}.{mutation}.{extension}</c>.</summary>
    public void Add(string folder, string name, string extension, IEnumerable<HostileMutation> mutations)
    {
        foreach (var mutation in mutations)
            _copies.Add((library.Add($"{folder}/{name}.{mutation.Name}.{extension}", mutation.Bytes), mutation));
    }

    /// <summary>Adds an intact file that must come out indexed.</summary>
    public void AddIntact(string relative, byte[] content) => _intact.Add(library.Add(relative, content));

    public async Task ScanAndCheckAsync(bool withFfprobe = false)
    {
        await using var scan = await HostileScan.RunAsync(library, withFfprobe);
        var broken = new List<string>();
        var invalid = 0;
        foreach (var (path, mutation) in _copies)
        {
            var name = Path.GetRelativePath(library.Root, path);
            var document = await scan.Store.FindAsync(path, default);
            if (document is null)
            {
                broken.Add($"{name}: no document");
                continue;
            }
            if (document.Status == DocumentStatus.Invalid)
            {
                invalid++;
                if (document.Errors.Count == 0 || string.IsNullOrWhiteSpace(document.Errors[0]))
                    broken.Add($"{name}: invalid without a reason");
            }
            else if (mutation.CutsStructure)
            {
                broken.Add($"{name}: cut short but {document.Status} (errors: [{string.Join("; ", document.Errors)}])");
            }
        }
        foreach (var path in _intact)
        {
            var document = await scan.Store.FindAsync(path, default);
            if (document?.Status != DocumentStatus.Indexed)
                broken.Add($"{Path.GetRelativePath(library.Root, path)} (intact): {document?.Status.ToString() ?? "no document"}");
        }

        Assert.True(broken.Count == 0, $"{broken.Count} of {_copies.Count} damaged copies broke a rule:\n" + string.Join("\n", broken));
        // The cut copies are the ones that must be invalid; without any the test proves little.
        Assert.True(_copies.Count(c => c.Mutation.CutsStructure) >= Math.Min(10, _copies.Count / 4), "too few copies were cut before their structure ended");
        Assert.Equal(invalid, scan.Summary.Invalid);
        Assert.Equal(_copies.Count + _intact.Count, scan.Summary.FilesRead);
        scan.AssertReadWithinBudget(_copies.Select(c => c.Path));
    }
}
