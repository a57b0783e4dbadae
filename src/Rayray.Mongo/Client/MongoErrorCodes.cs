namespace Rayray.Mongo.Client;

/// <summary>The server error codes the client acts on (mongo/base/error_codes.yml).</summary>
public static class MongoErrorCodes
{
    public const int AuthenticationFailed = 18;
    public const int DuplicateKey = 11000;
    public const int IndexOptionsConflict = 85;
    public const int IndexKeySpecsConflict = 86;
    public const int NamespaceNotFound = 26;
    public const int CursorNotFound = 43;
    public const int NotWritablePrimary = 10107;
    public const int NotPrimaryNoSecondaryOk = 13435;
    public const int NotPrimaryOrSecondary = 13436;
    public const int InterruptedDueToReplStateChange = 11602;
    public const int InterruptedAtShutdown = 11600;
    public const int PrimarySteppedDown = 189;
    public const int ShutdownInProgress = 91;

    /// <summary>
    /// True for the "this server cannot take writes now" family, where re-discovering the primary
    /// and retrying an idempotent write is safe. Old servers only said so in the message.
    /// </summary>
    public static bool IsNotWritablePrimary(int code, string? message) =>
        code is NotWritablePrimary or NotPrimaryNoSecondaryOk or NotPrimaryOrSecondary or InterruptedDueToReplStateChange
            or InterruptedAtShutdown or PrimarySteppedDown or ShutdownInProgress
        || (code == 0 && message is not null && (message.Contains("not master", StringComparison.OrdinalIgnoreCase)
            || message.Contains("node is recovering", StringComparison.OrdinalIgnoreCase)));
}
