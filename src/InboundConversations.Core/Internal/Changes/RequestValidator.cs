using System.Runtime.CompilerServices;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Internal.Changes;

/// <summary>Checks every request before anything is stored; each rule throws its own exception type.</summary>
internal sealed class RequestValidator(InboundConversationsOptions options)
{
    public void Validate(InboundMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        Identifier.Require(message.Contact.IsEmpty, nameof(ContactId));
        Identifier.Require(message.Channel.IsEmpty, nameof(ChannelId));
        Identifier.Validate(message.ExternalId, nameof(InboundMessage.ExternalId));
        Content(message.Content);
        if (message.SentAt == default)
        {
            throw new InvalidRequestException(nameof(InboundMessage.SentAt), "it is missing (the default value)");
        }

        if (message.SentAt > now + options.MaxClockSkew)
        {
            throw new MessageSentInFutureException(message.SentAt, now, options.MaxClockSkew);
        }
    }

    public void Validate(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Identifier.Require(message.ConversationId.IsEmpty, nameof(ConversationId));
        Business(message.Author, "send a message through SendAsync (contacts write through ReceiveAsync)");
        Content(message.Content);
    }

    public void Validate(OpenConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Identifier.Require(request.Contact.IsEmpty, nameof(ContactId));
        Identifier.Require(request.Channel.IsEmpty, nameof(ChannelId));
        Business(request.OpenedBy, "open a conversation explicitly (a contact opens one by writing)");
    }

    public void Validate(CloseConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Identifier.Require(request.ConversationId.IsEmpty, nameof(ConversationId));
        Business(request.ClosedBy, "close a conversation");
        Optional(request.Category, nameof(CloseConversationRequest.Category), options.MaxCategoryLength);
        Optional(request.Notes, nameof(CloseConversationRequest.Notes), options.MaxNotesLength);
    }

    public void Validate(SnoozeConversationRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        Identifier.Require(request.ConversationId.IsEmpty, nameof(ConversationId));
        Business(request.SnoozedBy, "snooze a conversation");
        if (request.Until <= now)
        {
            throw new InvalidRequestException(nameof(SnoozeConversationRequest.Until), $"it is not later than now ({now:O}); a snooze ends in the future");
        }

        if (request.Until - now > options.MaxSnooze)
        {
            throw new InvalidRequestException(
                nameof(SnoozeConversationRequest.Until), $"it is {request.Until - now:c} ahead; the most is {options.MaxSnooze:c} (MaxSnooze)");
        }
    }

    public static void Validate(AssignConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Identifier.Require(request.ConversationId.IsEmpty, nameof(ConversationId));
        Identifier.Require(request.Agent.IsEmpty, nameof(AgentId));
        Business(request.AssignedBy, "assign a conversation");
    }

    public static void Validate(UnassignConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Identifier.Require(request.ConversationId.IsEmpty, nameof(ConversationId));
        Business(request.UnassignedBy, "unassign a conversation");
    }

    public static void Validate(TransferConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Identifier.Require(request.ConversationId.IsEmpty, nameof(ConversationId));
        if (request.ToTeam is null && request.ToAgent is null)
        {
            throw new InvalidRequestException(nameof(TransferConversationRequest.ToTeam), "a transfer names a team, an agent, or both");
        }

        Identifier.Require(request.ToTeam is { IsEmpty: true }, nameof(TeamId));
        Identifier.Require(request.ToAgent is { IsEmpty: true }, nameof(AgentId));
        Business(request.TransferredBy, "transfer a conversation");
    }

    public static void Validate(AgentId agent) =>
        Identifier.Require(agent.IsEmpty, nameof(AgentId));

    public static void Validate(AgentRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Validate(registration.Agent);
        Validate(registration.InitialPresence, nameof(AgentRegistration.InitialPresence));
    }

    public static void Validate(AgentPresence presence, string field)
    {
        if (!Enum.IsDefined(presence))
        {
            throw new InvalidRequestException(field, $"{(int)presence} is not an AgentPresence");
        }
    }

    public static void Validate(TeamId team) =>
        Identifier.Require(team.IsEmpty, nameof(TeamId));

    public static void Validate(ConversationId conversationId) =>
        Identifier.Require(conversationId.IsEmpty, nameof(ConversationId));

    public static void Validate(ContactId contact) =>
        Identifier.Require(contact.IsEmpty, nameof(ContactId));

    /// <summary>Only the business side (an agent, the API, a workflow) may take these actions.</summary>
    private static void Business(Actor actor, string action, [CallerArgumentExpression(nameof(actor))] string field = "")
    {
        if (actor.Kind is not (ActorKind.Agent or ActorKind.Api or ActorKind.Workflow or ActorKind.System))
        {
            throw new InvalidActorException(actor.Kind, action, field[(field.LastIndexOf('.') + 1)..]);
        }
    }

    private void Content(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            throw new InvalidMessageContentException(content is null ? "it is null" : "it is empty");
        }

        if (content.Length > options.MaxContentLength)
        {
            throw new MessageTooLargeException(content.Length, options.MaxContentLength);
        }

        if (StorableText.Problem(content) is { } problem)
        {
            throw new InvalidMessageContentException(problem);
        }
    }

    private static void Optional(string? text, string field, int maxLength)
    {
        if (text is not null && text.Length > maxLength)
        {
            throw new InvalidRequestException(field, $"it is {text.Length} characters long; the most is {maxLength}");
        }

        if (text is not null && StorableText.Problem(text) is { } problem)
        {
            throw new InvalidRequestException(field, problem);
        }
    }
}
