namespace Rayray.Core.Web;

/// <summary>
/// A web file could not be read: the server refused it, did not answer in time, or the connection
/// or TLS failed. A per-file reason; its message never holds credentials.
/// </summary>
internal sealed class WebFailureException(string message, Exception? inner = null) : IOException(message, inner);
