using Rayray.Core.Extraction;
using Rayray.Core.Walking;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Trees;

/// <summary>A file that changes while it is read is never indexed with a hash that matches no version of it.</summary>
public sealed class ChangingFileTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-changing");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_file_still_being_written_is_not_indexed_and_is_reported_and_its_neighbours_are()
    {
        var steady = _folder.Write("library/steady.jpg", TestImages.Jpeg(64, 48));
        // Large enough that reading it takes a while, so the writer surely changes it meanwhile.
        var growing = _folder.Write("library/growing.jpg", [.. TestImages.Jpeg(64, 48), .. new byte[48 << 20]]);
        using var stopWriting = new CancellationTokenSource();
        var writingStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            // A copy in progress: the file keeps growing for as long as the scan runs.
            await using var stream = new FileStream(growing, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var chunk = new byte[4096];
            while (!stopWriting.IsCancellationRequested)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
                writingStarted.TrySetResult();
            }
        });
        // On a busy machine the scan must not read the file before the copy has begun.
        await writingStarted.Task;
        await using var store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);

        var summary = await TestScan.RunAsync(store, [_folder["library"]]);
        await stopWriting.CancelAsync();
        await writer;

        Assert.NotNull(await store.FindAsync(steady, default));
        Assert.Null(await store.FindAsync(growing, default));
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(growing, problem.Path);
        Assert.Contains("changed while it was being read", problem.Reason, StringComparison.Ordinal);
        Assert.True(summary.HadProblems);

        // Once the copy is finished, the next scan reads it.
        var again = await TestScan.RunAsync(store, [_folder["library"]]);
        Assert.False(again.HadProblems);
        Assert.NotNull(await store.FindAsync(growing, default));
    }

    [Fact]
    public async Task A_file_rewritten_in_place_during_the_read_is_caught_by_its_times_even_at_the_same_size()
    {
        var path = _folder.Write("photo.jpg", [.. TestImages.Jpeg(640, 480), .. new byte[48 << 20]]);
        using var extractor = new FileExtractor(new ExtractionOptions());
        var walked = new WalkedFile(path, FileStatReader.Stat(path), Rayray.Core.Formats.MediaFormats.ByExtension("jpg"), null);
        using var rewriting = new CancellationTokenSource();
        var bytes = File.ReadAllBytes(path);
        var rewritingStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rewriter = Task.Run(() =>
        {
            while (!rewriting.IsCancellationRequested)
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                    stream.Write(bytes.AsSpan(0, 4096)); // same bytes, same size: only the times say it was written
                rewritingStarted.TrySetResult();
            }
        });
        // On a busy machine the read must not finish before the first rewrite has begun.
        await rewritingStarted.Task;

        var result = extractor.Extract(walked, default);
        await rewriting.CancelAsync();
        await rewriter;

        Assert.Equal(ExtractionDisposition.Unstable, result.Disposition);
        Assert.Contains("rewritten in place", result.InvalidReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_location_records_the_file_as_it_was_read()
    {
        var path = _folder.Write("photo.jpg", TestImages.Jpeg(64, 48));
        var walkedEarlier = FileStatReader.Stat(path);
        File.SetLastWriteTimeUtc(path, walkedEarlier.ModifiedUtc.AddMinutes(5)); // touched between the walk and the read
        using var extractor = new FileExtractor(new ExtractionOptions());

        var result = extractor.Extract(new WalkedFile(path, walkedEarlier, Rayray.Core.Formats.MediaFormats.ByExtension("jpg"), null), default);
        var document = Rayray.Core.Normalization.DocumentNormalizer.Normalize(result, DateTime.UtcNow);

        Assert.Equal(walkedEarlier.ModifiedUtc.AddMinutes(5), document.Locations[0].Modified);
    }
}
