using InboundConversations.Workflow;
using Microsoft.Extensions.Options;

namespace InboundConversations.Internal.Engine;

/// <summary>Checks <see cref="InboundWorkflowOptions"/> against its attributes and its cross-checks; generated, reflection-free.</summary>
[OptionsValidator]
internal sealed partial class InboundWorkflowOptionsValidator : IValidateOptions<InboundWorkflowOptions>;
