namespace Rayray.Cli.Terminal;

/// <summary>
/// The one writer of stderr. Log lines and the progress line share it: a log line first clears
/// the progress line, then the progress line is drawn again below it. Colour only on a terminal
/// and never when NO_COLOR is set.
/// </summary>
public sealed class StandardError
{
    private readonly Lock _lock = new();
    private readonly TextWriter _writer;
    private string? _progress;

    public StandardError(TextWriter writer, bool isTerminal, bool color)
    {
        _writer = writer;
        IsTerminal = isTerminal;
        UseColor = color;
    }

    public static StandardError ForConsole()
    {
        var isTerminal = !Console.IsErrorRedirected;
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var dumb = Environment.GetEnvironmentVariable("TERM") is "dumb";
        return new StandardError(Console.Error, isTerminal, isTerminal && !noColor && !dumb);
    }

    public bool IsTerminal { get; }
    public bool UseColor { get; }

    public int Width
    {
        get
        {
            try
            {
                return IsTerminal && Console.WindowWidth > 20 ? Console.WindowWidth : 100;
            }
            catch (IOException)
            {
                return 100;
            }
        }
    }

    public void WriteLine(string text)
    {
        lock (_lock)
        {
            ClearProgress();
            _writer.WriteLine(text);
            DrawProgress();
            _writer.Flush();
        }
    }

    public void SetProgress(string? line)
    {
        if (!IsTerminal)
            return;
        lock (_lock)
        {
            if (line is null)
            {
                ClearProgress();
                _progress = null;
            }
            else
            {
                _progress = line;
                DrawProgress();
            }
            _writer.Flush();
        }
    }

    public string Colorize(string text, string ansiCode) => UseColor ? $"\e[{ansiCode}m{text}\e[0m" : text;

    private void ClearProgress()
    {
        if (_progress is not null)
            _writer.Write("\r\e[2K");
    }

    private void DrawProgress()
    {
        if (_progress is not null)
            _writer.Write("\r\e[2K" + _progress);
    }
}
