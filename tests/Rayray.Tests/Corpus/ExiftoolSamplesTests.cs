using Rayray.Core.Documents;
using Rayray.Testing;
using Xunit.Abstractions;

namespace Rayray.Tests.Corpus;

/// <summary>
/// ExifTool's own test files (../shared/corpus/exiftool-samples): current RAW formats, camera videos, and the
/// less common formats a library holds. Every media file is indexed, and its fields equal what exiftool reports
/// except where a difference is known and explained.
/// </summary>
public sealed class ExiftoolSamplesTests(ExiftoolSamplesScanFixture corpus, ITestOutputHelper output) : IClassFixture<ExiftoolSamplesScanFixture>
{
    internal static readonly Dictionary<(string File, string Field), KnownDifference> KnownDifferences = new()
    {
        // exiftool -n prints the MDPM maker code; without -n it prints the name rayray stores.
        [("M2TS.mts", "make")] = new("exiftool -n prints the AVCHD maker code, 4113 (0x1011); without -n exiftool prints its name, Canon, as rayray does", ExiftoolIsWrong: true),
        // The clip records the iris setting (f/2.4) and no f-number: exiftool shows it as ApertureSetting only.
        [("M2TS.mts", "aperture")] = new("rayray takes the AVCHD iris setting, f/2.4, as the aperture; exiftool lists it as ApertureSetting, not FNumber", ExiftoolIsWrong: false),
        // EXIF: "0 means unknown" for FocalLength; exiftool prints the 0.
        [("GPS.jpg", "focalLength")] = new("the file's FocalLength is 0, which EXIF defines as unknown; exiftool prints 0, rayray leaves it out", ExiftoolIsWrong: true),
        // A date without a time of day (a scanned print's, say) is still the best answer to "when": rayray keeps it
        // as midnight without an offset, last in its order of dates; exiftool makes no DateTimeOriginal of it.
        [("IPTC.jpg", "taken")] = new("IPTC DateCreated 2004-02-26 without a TimeCreated: rayray takes the day, exiftool leaves it out", ExiftoolIsWrong: false),
        [("AIFF.aif", "taken")] = new("the AIFF's ID3 year, 2006, is no date: rayray leaves it out", ExiftoolIsWrong: false),
    };

    [SharedCorpusFact]
    public async Task Every_media_file_is_indexed_and_the_track_log_and_readme_are_not()
    {
        Assert.NotNull(corpus.Summary);
        Assert.Equal(ExiftoolReference.ExiftoolSamples.All.Count, await corpus.Store!.CountAsync(default));
        Assert.Null(await corpus.Store.FindAsync(Path.Combine(corpus.Folder, "Geotag.gpx"), default));
        Assert.Null(await corpus.Store.FindAsync(Path.Combine(corpus.Folder, "README.md"), default));
    }

    [SharedCorpusTheory]
    [MemberData(nameof(ExiftoolReference.ExiftoolSamplesPaths), MemberType = typeof(ExiftoolReference))]
    public async Task Fields_equal_what_exiftool_reports(string relativePath)
    {
        var results = FieldComparison.Compare(ExiftoolReference.ExiftoolSamples.All[relativePath], await corpus.FindAsync(relativePath));
        var mismatches = results.Where(r => !r.Same && !KnownDifferences.ContainsKey((relativePath, r.Field))).ToList();
        Assert.True(mismatches.Count == 0, $"{relativePath}:\n  " + string.Join("\n  ", mismatches));
    }

    [SharedCorpusFact]
    public async Task Agreement_with_exiftool_is_at_least_97_percent_of_field_values()
    {
        var agreement = new FieldAgreement();
        foreach (var (path, expected) in ExiftoolReference.ExiftoolSamples.All)
        {
            var results = FieldComparison.Compare(expected, await corpus.FindAsync(path));
            agreement.Add(path, results, field => KnownDifferences.TryGetValue((path, field), out var known) && known.ExiftoolIsWrong);
        }
        output.WriteLine(agreement.Report());
        Assert.True(agreement.Agreement >= 0.97, agreement.Report());
    }

    [SharedCorpusFact]
    public async Task Iptc_date_and_time_keep_their_offset()
    {
        var document = await corpus.FindAsync("PhotoMechanic.jpg");
        Assert.Equal("2006-10-29T06:27:51-05:00", document.Timestamps.Taken?.ToString());
    }

    [SharedCorpusFact]
    public async Task No_sample_is_marked_invalid()
    {
        var invalid = new List<string>();
        foreach (var path in ExiftoolReference.ExiftoolSamples.All.Keys)
        {
            var document = await corpus.FindAsync(path);
            if (document.Status != DocumentStatus.Indexed)
                invalid.Add($"{path}: {string.Join("; ", document.Errors)}");
        }
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
    }
}
