using InboundConversations.Internal.Domain;

namespace InboundConversations.Workflow;

/// <summary>
/// What an enricher reads and where it writes. Writes are kept only if the step completes in time without
/// throwing; then facts join the run and contact fields and tags are stored.
/// </summary>
public sealed class EnrichmentContext : WorkflowContext
{
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tags = new(StringComparer.Ordinal);

    /// <summary>Creates the context (the runner does; a test of an enricher may too).</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="firstMessage">Its first message, if any.</param>
    /// <param name="contact">The contact's profile.</param>
    /// <param name="facts">The facts earlier steps learned.</param>
    public EnrichmentContext(Conversation conversation, ConversationMessage? firstMessage, ContactProfile contact, IReadOnlyDictionary<string, string> facts)
        : base(conversation, firstMessage, contact, facts)
    {
    }

    /// <summary>The facts this step wrote.</summary>
    public IReadOnlyDictionary<string, string> WrittenFacts => _facts;

    /// <summary>The contact fields this step wrote.</summary>
    public IReadOnlyDictionary<string, string> WrittenContactFields => _fields;

    /// <summary>The contact tags this step added.</summary>
    public IReadOnlyCollection<string> WrittenContactTags => _tags;

    /// <summary>Records a fact for later steps (the router reads facts). A later write of the same key wins.</summary>
    /// <param name="key">The fact's key, for example <see cref="WorkflowFacts.Intent"/>.</param>
    /// <param name="value">Its value.</param>
    /// <exception cref="InvalidRequestException">The key or value is null or empty, or holds a NUL character or an unpaired surrogate.</exception>
    public void AddFact(string key, string value) => _facts[Require(key, nameof(key))] = Require(value, nameof(value));

    /// <summary>Sets a field on the contact, stored when the step succeeds.</summary>
    /// <param name="key">The field's key.</param>
    /// <param name="value">Its value.</param>
    /// <exception cref="InvalidRequestException">The key or value is null or empty, or holds a NUL character or an unpaired surrogate.</exception>
    public void SetContactField(string key, string value) => _fields[Require(key, nameof(key))] = Require(value, nameof(value));

    /// <summary>Adds a tag to the contact, stored when the step succeeds.</summary>
    /// <param name="tag">The tag.</param>
    /// <exception cref="InvalidRequestException">The tag is null or empty, or holds a NUL character or an unpaired surrogate.</exception>
    public void AddContactTag(string tag) => _tags.Add(Require(tag, nameof(tag)));

    private static string Require(string? text, string field) =>
        string.IsNullOrEmpty(text) ? throw new InvalidRequestException(field, "it is null or empty")
        : StorableText.Problem(text) is { } problem ? throw new InvalidRequestException(field, problem)
        : text;
}
