using Rayray.Core.Watching;

namespace Rayray.Tests.Watching;

/// <summary>How change notifications are coalesced and debounced before a root is read again.</summary>
public sealed class PendingChangesTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const string Root = "/photos";

    private static PendingChanges Pending(int maxFolders = 100) => new(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10), maxFolders);

    [Fact]
    public void A_file_copied_in_fires_many_events_and_becomes_one_folder_read_once_the_root_is_quiet()
    {
        var pending = Pending();
        for (var ms = 0; ms <= 1000; ms += 100)
            pending.Folder(Root, "/photos/2024", T0.AddMilliseconds(ms));

        Assert.Empty(pending.TakeDue(T0.AddMilliseconds(2000)));
        var due = Assert.Single(pending.TakeDue(T0.AddMilliseconds(2600)));

        Assert.Equal((Root, false), (due.Root, due.Whole));
        Assert.Equal(["/photos/2024"], due.Folders);
        Assert.Empty(pending.TakeDue(T0.AddSeconds(60)));
    }

    [Fact]
    public void A_root_that_never_goes_quiet_is_read_at_the_latest_after_the_maximum_delay()
    {
        var pending = Pending();
        for (var ms = 0; ms < 10_000; ms += 500)
            pending.Folder(Root, $"/photos/{ms}", T0.AddMilliseconds(ms));

        Assert.Empty(pending.TakeDue(T0.AddMilliseconds(9_900)));
        Assert.Equal(20, Assert.Single(pending.TakeDue(T0.AddMilliseconds(10_000))).Folders.Count);
    }

    [Fact]
    public void More_changed_folders_than_the_limit_become_one_rescan_of_the_root()
    {
        var pending = Pending(maxFolders: 100);
        for (var i = 0; i < 10_000; i++)
            pending.Folder(Root, $"/photos/{i}", T0);

        var due = Assert.Single(pending.TakeDue(T0.AddSeconds(2)));

        Assert.True(due.Whole);
        Assert.Empty(due.Folders);
    }

    [Fact]
    public void Lost_notifications_mark_the_root_whole_and_a_poll_is_due_at_once()
    {
        var pending = Pending();
        pending.Folder(Root, "/photos/a", T0);
        pending.Whole(Root, T0);
        pending.WholeNow("/nas");

        var now = Assert.Single(pending.TakeDue(T0));
        Assert.Equal(("/nas", true), (now.Root, now.Whole));
        Assert.True(Assert.Single(pending.TakeDue(T0.AddSeconds(2))).Whole);
    }

    [Fact]
    public void Paths_outside_the_root_are_ignored_and_a_gone_root_is_forgotten()
    {
        var pending = Pending();
        pending.Folder(Root, "/elsewhere", T0);
        pending.Folder(Root, "/photos-other/a", T0);
        Assert.Equal(0, pending.Count);

        pending.Tree(Root, "/photos/new-folder", T0);
        pending.Forget(Root);

        Assert.Empty(pending.TakeDue(T0.AddMinutes(1)));
    }
}
