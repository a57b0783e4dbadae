namespace Rayray.Mongo.Connection;

/// <summary>
/// The options of a mongodb+srv name's TXT record: "key=value" pairs joined by '&amp;', like a
/// connection string's options, but a badly formed pair is an error rather than a warning.
/// </summary>
internal static class TxtRecordOptions
{
    public static Dictionary<string, string> Parse(string text, string srvHost)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
                continue;
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new MongoUrlException($"The TXT record of {srvHost} has '{pair}', which is not of the form key=value.");
            if (!PercentEncoding.TryDecode(pair[..equals], out var key) || !PercentEncoding.TryDecode(pair[(equals + 1)..], out var value))
                throw new MongoUrlException($"The TXT record of {srvHost} has '{pair}', with a '%' that does not start a %XX escape.");
            options[key] = value;
        }
        return options;
    }
}
