using Microsoft.Extensions.Options;

namespace InboundConversations.Internal.Engine;

/// <summary>Checks <see cref="InboundConversationsOptions"/> against its attributes; generated, reflection-free.</summary>
[OptionsValidator]
internal sealed partial class InboundConversationsOptionsValidator : IValidateOptions<InboundConversationsOptions>;
