namespace InboundConversations;

/// <summary>
/// Receives <see cref="ConversationEvent"/>s. Register implementations with
/// <c>AddInboundConversations().AddEventHandler&lt;T&gt;()</c>; they are resolved once, as singletons.
/// </summary>
/// <remarks>
/// An event reaches handlers only after the change it describes is stored; events of one conversation arrive in
/// the order the changes happened, one at a time. A handler that throws is logged and skipped: it neither undoes
/// nor blocks the change, nor the other handlers. The log names the exception's type but does not carry the
/// exception, whose message may quote the content: catch and log inside the handler if you need the details. Handlers may call the engine, including for the same contact.
/// Delivery happens on the calling thread of an engine operation for the same contact, so a slow handler slows
/// those calls: hand long work to a queue of your own.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It handles conversation events; not a .NET event delegate, but the name readers expect.")]
public interface IConversationEventHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="conversationEvent">The event: match on its derived type.</param>
    /// <param name="cancellationToken">Always <see cref="CancellationToken.None"/> today: a stored change's event is always delivered.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    ValueTask HandleAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken);
}
