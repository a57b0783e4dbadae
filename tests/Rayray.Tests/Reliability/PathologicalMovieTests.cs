using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>
/// MP4 and QuickTime movies whose boxes lie to rayray's own movie reader: a movie box declaring gigabytes, sample
/// tables counting billions of entries in a few bytes, a flood of empty boxes, a parameter set of garbage, a size-0
/// box swallowing the movie. Each costs what a good file costs: no allocation by a declared count, no walk without end.
/// </summary>
[Collection(MemoryBoundedScans.Name)]
public sealed class PathologicalMovieTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Movie() => TestMedia.Video("mp4", 160, 120, "stereo");

    private static byte[] Hostile(string name) => name switch
    {
        "moov-declares-gigabytes" => HostileIsoMedia.WithNestedBoxSize(Movie(), "moov", 0x7FFFFFF0),
        "stsz-counts-2^31-samples" => HostileIsoMedia.WithBoxField(Movie(), "stsz", 8, 0x7FFFFFFF),
        "stts-counts-2^32-1-entries" => HostileIsoMedia.WithBoxField(Movie(), "stts", 4, 0xFFFFFFFF),
        "trun-counts-2^31-samples" => HostileIsoMedia.WithBoxField(TestMedia.Video("mp4", 160, 120, "stereo", "-movflags", "frag_keyframe+empty_moov"), "trun", 4, 0x7FFFFFFF),
        "keys-counts-2^32-1-names" => HostileIsoMedia.WithBoxField(
            TestMedia.Video("mov", 160, 120, "none", "-movflags", "use_metadata_tags", "-metadata", "com.apple.quicktime.make=Apple"), "keys", 4, 0xFFFFFFFF),
        "300000-empty-boxes-in-moov" => HostileIsoMedia.WithEmptyBoxesInMovie(Movie(), 300_000),
        "avcC-of-zeros" => HostileIsoMedia.WithBoxPayloadFilled(Movie(), "avcC", 0),
        "sps-of-zeros" => HostileIsoMedia.WithBoxPayloadFilled(Movie(), "avcC", 0, from: 9), // after the avcC header and the SPS's NAL header
        "mdat-of-size-0-swallows-moov" => HostileIsoMedia.WithNestedBoxSize(Movie(), "mdat", 0),
        "m4a-whose-stsd-lists-no-entry" => HostileIsoMedia.WithBoxField(TestMedia.Audio("m4a"), "stsd", 4, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such hostile movie"),
    };

    [RequiresToolTheory("ffmpeg")]
    [InlineData("moov-declares-gigabytes", "truncated: box 'moov' at offset", "it has no 'moov' box")]
    [InlineData("stsz-counts-2^31-samples", null, "'stsz' declares 2,147,483,647 entries")]
    [InlineData("stts-counts-2^32-1-entries", null, "'stts' declares 4,294,967,295 entries")]
    [InlineData("trun-counts-2^31-samples", null, "'trun' declares 2,147,483,647 samples")]
    [InlineData("keys-counts-2^32-1-names", null, null)]
    [InlineData("300000-empty-boxes-in-moov", null, "more than 200,000 boxes")]
    [InlineData("avcC-of-zeros", null, "its avcC holds no sequence parameter set")]
    [InlineData("sps-of-zeros", null, "an Exp-Golomb code longer than 32 bits")]
    [InlineData("mdat-of-size-0-swallows-moov", null, "it has no 'moov' box")]
    [InlineData("m4a-whose-stsd-lists-no-entry", null, "its audio track 1 has no sample description")]
    public async Task A_movie_whose_boxes_lie_is_read_in_bounded_memory_and_time_and_the_scan_goes_on(string name, string? invalidReason, string? readerGivesUp)
    {
        var bytes = Hostile(name);
        // rayray's movie reader gives up (leaving the file to ffprobe), or, for a lie it can step over, reads the rest.
        var read = Rayray.Core.Extraction.IsoMedia.IsoMediaReader.Read(new MemoryStream(bytes), bytes.Length);
        if (readerGivesUp is null)
            Assert.Null(read.Gap);
        else
            Assert.Contains(readerGivesUp, read.Gap ?? "(read it whole)", StringComparison.Ordinal);
        var hostile = _library.Add($"a-{name}.mp4", bytes);
        var after = _library.Add("b-intact.mp4", Movie());

        await using var memory = MemoryWatch.Start();
        await using var scan = await HostileScan.RunAsync(_library);
        memory.AssertRoseLessThan(300);
        memory.AssertAllocatedLessThan(200);

        if (invalidReason is null)
            await scan.AssertIndexedAsync(hostile);
        else
            await scan.AssertInvalidAsync(hostile, invalidReason);
        var intact = await scan.AssertIndexedAsync(after);
        Assert.Equal(("h264", "aac"), (intact.Technical?.Codec, intact.Technical?.AudioCodec));
        scan.AssertReadWithinBudget([hostile, after]);
    }
}
