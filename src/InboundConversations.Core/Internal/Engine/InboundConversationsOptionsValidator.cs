using Microsoft.Extensions.Options;

namespace InboundConversations.Internal.Engine;

/// <summary>Validates <see cref="InboundConversationsOptions"/> when the host starts (ValidateOnStart) or on first use.</summary>
internal sealed class InboundConversationsOptionsValidator : IValidateOptions<InboundConversationsOptions>
{
    public ValidateOptionsResult Validate(string? name, InboundConversationsOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
