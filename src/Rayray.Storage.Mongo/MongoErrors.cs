using System.Globalization;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using Rayray.Core.Storage;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Turns the driver's exceptions into one-line messages that name the server and what did not
/// happen, never the password, and say whether trying the batch again may help. The driver's own
/// messages are long (a server-selection timeout holds the whole cluster description): the user
/// gets the part that explains.
/// </summary>
internal static class MongoErrors
{
    public static bool IsDriverFailure(Exception e) =>
        e is MongoException or TimeoutException or OperationCanceledException;

    /// <param name="cluster">The client's view of the deployment, for why no server could be used.</param>
    /// <param name="timedOut">The operation was cancelled by rayray's own operation timeout, not by a stop.</param>
    public static StoreException Wrap(Exception e, MongoStoreTarget target, string doing, ClusterDescription? cluster, bool timedOut)
    {
        var address = target.DisplayAddress;
        var (message, transient) = e switch
        {
            OperationCanceledException when timedOut =>
                ($"MongoDB at {address} did not answer within {Seconds(target.OperationTimeout!.Value)} s while {doing} (timeoutMS); it did not happen", true),
            OperationCanceledException => ($"{doing} on MongoDB at {address} was given up because rayray was asked to stop", false),
            MongoAuthenticationException =>
                ($"cannot log in to MongoDB at {address}{(target.Username is { } user ? $" as {user}" : "")}: {Innermost(e)}", false),
            TimeoutException => ($"cannot reach MongoDB at {address} while {doing}: {Unreachable(cluster, e)}", false),
            MongoConnectionException when Innermost(e).Contains("timed out", StringComparison.OrdinalIgnoreCase) =>
                ($"MongoDB at {address} did not answer in time while {doing} (socketTimeoutMS): {Innermost(e)}", true),
            MongoConnectionException => ($"the connection to MongoDB at {address} failed while {doing}: {Innermost(e)}", true),
            MongoNotPrimaryException or MongoNodeIsRecoveringException => ($"MongoDB at {address} has no writable primary just now while {doing}: {Innermost(e)}", true),
            MongoWriteConcernException => ($"MongoDB at {address} did not confirm {doing} (write concern): {Innermost(e)}", true),
            MongoCommandException command => ($"MongoDB at {address} refused {doing}: {command.ErrorMessage} (code {command.Code})", false),
            _ => ($"MongoDB at {address} failed while {doing}: {Innermost(e)}", false),
        };
        var inner = e is OperationCanceledException && !timedOut ? e : null;
        return new StoreException(target.Redact(message.ReplaceLineEndings(" ")), transient, inner);
    }

    /// <summary>Why no server could be used: each server's last heartbeat failure, else the driver's first sentence.</summary>
    private static string Unreachable(ClusterDescription? cluster, Exception e)
    {
        var reasons = cluster?.Servers
            .Where(s => s.HeartbeatException is not null)
            .Select(s => $"{EndPointText(s.EndPoint)}: {Innermost(s.HeartbeatException!)}")
            .ToList() ?? [];
        if (reasons.Count > 0)
            return "no server answered (" + string.Join("; ", reasons) + ")";
        if (cluster is { Servers.Count: > 0 } && cluster.Servers.All(s => s.Type != MongoDB.Driver.Core.Servers.ServerType.Unknown))
            return $"none of {string.Join(", ", cluster.Servers.Select(s => $"{EndPointText(s.EndPoint)} ({s.Type})"))} can take the operation (no primary?)";
        var first = e.Message.IndexOf(". ", StringComparison.Ordinal);
        return first > 0 ? e.Message[..first] : e.Message;
    }

    private static string EndPointText(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port.ToString(CultureInfo.InvariantCulture)}",
        System.Net.IPEndPoint ip => ip.ToString(),
        _ => endPoint.ToString() ?? "?",
    };

    /// <summary>The most specific message: the innermost exception's first line.</summary>
    private static string Innermost(Exception e)
    {
        var inner = e;
        while (inner.InnerException is { } next)
            inner = next;
        var text = inner is MongoCommandException command ? command.ErrorMessage : inner.Message;
        return text.Split('\n')[0].Trim();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
