namespace Rayray.Mongo.Connection;

/// <summary>
/// Whether an SRV target may be used: it must lie in the SRV name's domain. With three or more
/// labels, the domain is the name without its first label; with one or two, it is the whole name,
/// and the target needs at least one more label (so it can be neither the name itself nor a
/// sibling). Both names are compared lowercased without a trailing dot.
/// </summary>
internal static class SrvTargetDomain
{
    public static bool IsAllowed(string srvHost, string target)
    {
        var host = DnsName.Normalize(srvHost);
        var candidate = DnsName.Normalize(target);
        var labels = host.Split('.').Length;
        var domain = labels >= 3 ? host[(host.IndexOf('.', StringComparison.Ordinal) + 1)..] : host;
        return candidate.Length > domain.Length + 1
            && candidate.EndsWith("." + domain, StringComparison.Ordinal)
            && !candidate.StartsWith('.');
    }
}
