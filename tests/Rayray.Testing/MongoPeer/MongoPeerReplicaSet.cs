using System.Text.Json.Nodes;

namespace Rayray.Testing;

/// <summary>
/// Two <see cref="MongoPeer"/>s answering as one replica set (see <see cref="MongoPeer.StartReplicaSetAsync"/>):
/// <see cref="Primary"/> is writable, <see cref="Secondary"/> names it as primary; both list both in <c>hosts</c>.
/// </summary>
public sealed class MongoPeerReplicaSet : IAsyncDisposable
{
    internal MongoPeerReplicaSet(string setName, MongoPeer primary, MongoPeer secondary)
    {
        SetName = setName;
        Primary = primary;
        Secondary = secondary;
    }

    public string SetName { get; }

    /// <summary>The member that is primary now (after <see cref="FailOverAsync"/>, the other one).</summary>
    public MongoPeer Primary { get; private set; }

    public MongoPeer Secondary { get; private set; }

    /// <summary>
    /// A connection string with <c>replicaSet=</c>: by default both members as seeds; with <paramref name="seedSecondaryOnly"/>
    /// only the secondary, so the driver has to discover the primary from the secondary's hello.
    /// </summary>
    public string Uri(string database = "rayray_test", string options = "", string credentials = "", bool seedSecondaryOnly = false)
    {
        var seeds = seedSecondaryOnly ? Secondary.Address : $"{Primary.Address},{Secondary.Address}";
        return $"mongodb://{credentials}{seeds}/{database}?replicaSet={SetName}&{MongoPeer.DefaultUriOptions}{(options.Length > 0 ? "&" + options : "")}";
    }

    /// <summary>The primary steps down and the secondary takes over (with a newer electionId); Primary and Secondary swap.</summary>
    public async Task FailOverAsync()
    {
        await Primary.ConfigureAsync(new JsonObject { ["secondary"] = true, ["primary"] = Secondary.Address }).ConfigureAwait(false);
        await Secondary.ConfigureAsync(new JsonObject { ["secondary"] = false }).ConfigureAwait(false);
        (Primary, Secondary) = (Secondary, Primary);
    }

    public async ValueTask DisposeAsync()
    {
        await Secondary.DisposeAsync().ConfigureAwait(false);
        await Primary.DisposeAsync().ConfigureAwait(false);
    }
}
