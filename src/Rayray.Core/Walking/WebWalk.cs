using System.Threading.Channels;
using Rayray.Core.Documents;
using Rayray.Core.Formats;
using Rayray.Core.Storage;

namespace Rayray.Core.Walking;

/// <summary>
/// The walker's part for files on the web: nothing to list or stat, only what the store recorded
/// of each URL (looked up per URL folder) to ask the server whether it changed. The extractor asks.
/// </summary>
internal static class WebWalk
{
    public static async Task WalkAsync(
        WalkOptions options,
        Func<string, CancellationToken, Task<IReadOnlyDictionary<string, KnownLocation>>> knownLocationsInFolder,
        ChannelWriter<WalkedFile> output, CancellationToken cancellationToken)
    {
        var groups = options.Urls
            .DistinctBy(url => url.Location, StringComparer.Ordinal)
            .Where(url => SkipRules.IsCandidate(url.Name, options.AllFiles))
            .GroupBy(url => LocationFolder.Of(url.Location), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var known = await knownLocationsInFolder(group.Key, cancellationToken);
            foreach (var url in group)
            {
                // --force and --verify read every file whole: nothing is asked conditionally.
                var previous = options.Force || options.Verify ? null : known.GetValueOrDefault(url.Location);
                var byExtension = MediaFormats.ByExtension(MediaFormats.ExtensionOf(url.Name));
                await output.WriteAsync(new WalkedFile(url.Location, default, byExtension, previous, Web: url), cancellationToken);
            }
        }
    }
}
