namespace InboundConversations.Demo.Reporting;

/// <summary>ANSI colours for the timeline and the summary, or plain text when colour is off.</summary>
internal sealed class Palette(bool enabled)
{
    public static readonly Palette Plain = new(false);

    public string Time(string text) => Paint(text, "2");            // dim

    public string Contact(string text) => Paint(text, "36");        // cyan

    public string Agent(string text) => Paint(text, "32");          // green

    public string Team(string text) => Paint(text, "35");           // magenta

    public string Conversation(string text) => Paint(text, "1");    // bold

    public string Warning(string text) => Paint(text, "33");        // yellow: queued, redelivered, nobody available

    public string Quote(string text) => Paint(text, "3");           // italic

    public string Heading(string text) => Paint(text, "1;4");       // bold, underlined

    private string Paint(string text, string code) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
